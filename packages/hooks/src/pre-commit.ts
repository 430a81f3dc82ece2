// `modelreg hook pre-commit [FILES…]`: what the next commit records must keep the registry whole.
// lint-staged passes the staged annotation files; the hook script also runs it (with no files)
// when the commit deletes or renames something, which lint-staged never passes on. Either way
// the whole index is checked: a rule spanning files (unique names, paths that exist) cannot be
// judged from the changed files alone.
import {
  CONFIG_FILES,
  annotationFormat,
  artifactNameToTag,
  buildRegistry,
  checkRemovedArtifacts,
  removedArtifacts,
  type Diagnostic,
} from '@modelreg/core';
import { readRepoAnnotations, readTags, resolveCommit, stagedChanges, type GitContext } from '@modelreg/git';
import type { HookContext, HookResult } from './context.js';
import { hookResult } from './report.js';

const isRegistryFile = (path: string) => annotationFormat(path) !== null || (CONFIG_FILES as readonly string[]).includes(path);

export async function preCommit(ctx: HookContext, files: readonly string[]): Promise<HookResult> {
  const git: GitContext = { cwd: ctx.cwd, env: ctx.env };
  const changes = await stagedChanges(git);
  const touchesFiles = changes.some((c) => isRegistryFile(c.path));
  // Renames are a deletion here: a moved model file leaves its annotation pointing at nothing.
  const deletes = changes.some((c) => c.status === 'D');
  if (!touchesFiles && !deletes && files.length === 0) return { exitCode: 0 };

  const staged = await readRepoAnnotations(git, { kind: 'index' }, { where: 'the index' });
  const problems: Diagnostic[] = [...staged.diagnostics];
  if (touchesFiles) problems.push(...(await removedWhileActive(git, staged.annotations.map((a) => a.name))));
  return hookResult('pre-commit', problems, 'fix the files and `git add` them: the staged content is checked, not the working tree');
}

/** Artifacts annotated at HEAD, gone from the index, that still have active versions. */
async function removedWhileActive(git: GitContext, stagedNames: string[]): Promise<Diagnostic[]> {
  const head = await resolveCommit(git, 'HEAD');
  if (!head) return [];
  const before = await readRepoAnnotations(git, { kind: 'rev', rev: head }, { where: 'HEAD', integrity: false });
  const removed = removedArtifacts(before.annotations, stagedNames);
  if (removed.length === 0) return [];
  const patterns = removed.flatMap((a) => [`${artifactNameToTag(a.name)}@*`, `${artifactNameToTag(a.name)}#*`]);
  const registry = buildRegistry(await readTags(git, { patterns, detail: 'light' }));
  return checkRemovedArtifacts(removed, registry);
}
