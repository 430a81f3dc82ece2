// The history half of `modelreg check`: the rules the pre-push hook runs (@modelreg/hooks), over
// every tag or one pushed ref, so CI catches what was pushed with --no-verify.
import { ModelregError, diagnoseTagName, parseTagName, tagNameOfRef, type Diagnostic, type RegistryConfig } from '@modelreg/core';
import { readTags, type TagRecord } from '@modelreg/git';
import type { RepoHandle } from '../repo.js';

/** The tag `--ref` names, with every tag of the repository (read once, for its rules too). */
export interface PushedTag {
  name: string;
  tags: TagRecord[];
}

/** `--ref refs/tags/X` or `--ref X`: the tag X, which must exist here. */
export async function readPushedTag(handle: RepoHandle, ref: string): Promise<PushedTag> {
  const name = tagNameOfRef(ref);
  if (name === null) throw new ModelregError('usage', `--ref takes a tag (refs/tags/NAME or NAME), not '${ref}'`, { exitCode: 2 });
  const tags = await readTags(handle.git);
  if (!tags.some((t) => t.name === name)) {
    throw new ModelregError('ref-not-found', `tag '${name}' does not exist in this repository`, { hint: 'fetch the tags first (git fetch --tags)' });
  }
  return { name, tags };
}

/**
 * Problems of every tag (no `pushed`) or of one tag (none when it is not a registry tag). Each tag
 * is judged by the config committed at its commit, unless `configForAll` (`--ref` with `--staged`
 * or `--rev`) asks for `config`.
 */
export async function historyProblems(handle: RepoHandle, config: RegistryConfig, pushed?: PushedTag, configForAll = false): Promise<Diagnostic[]> {
  const { runHistoryCheck } = await import('@modelreg/hooks/history');
  if (!pushed) return (await runHistoryCheck(handle.git, { config })).diagnostics;
  if (parseTagName(pushed.name) === null && diagnoseTagName(pushed.name) === null) return [];
  return (await runHistoryCheck(handle.git, { config, tags: pushed.tags, only: new Set([pushed.name]), configForAll })).diagnostics;
}
