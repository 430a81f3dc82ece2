// The history half of `modelreg check`: the rules the pre-push hook runs (@modelreg/hooks), over
// every tag or one pushed ref, so CI catches what was pushed with --no-verify.
import { ModelregError, diagnoseTagName, parseTagName, tagNameOfRef, type Diagnostic, type RegistryConfig } from '@modelreg/core';
import { readTags } from '@modelreg/git';
import type { RepoHandle } from '../repo.js';

/** `--ref`: `refs/tags/X` or `X` → the revision whose annotation files are checked with it. */
export function refRevision(ref: string): string {
  return `refs/tags/${tagNameOfRef(ref)}`;
}

/** Problems of every tag (no `ref`) or of one tag (`refs/tags/X` or `X`; none when it is not a registry tag). */
export async function historyProblems(handle: RepoHandle, config: RegistryConfig, ref?: string): Promise<Diagnostic[]> {
  const { runHistoryCheck } = await import('@modelreg/hooks/history');
  if (ref === undefined) return (await runHistoryCheck(handle.git, { config })).diagnostics;
  const tag = tagNameOfRef(ref);
  if (parseTagName(tag) === null && diagnoseTagName(tag) === null) return [];
  const tags = await readTags(handle.git);
  if (!tags.some((t) => t.name === tag)) {
    throw new ModelregError('ref-not-found', `tag '${tag}' does not exist in this repository`, { hint: 'fetch the tags first (git fetch --tags)' });
  }
  return (await runHistoryCheck(handle.git, { config, tags, only: new Set([tag]) })).diagnostics;
}
