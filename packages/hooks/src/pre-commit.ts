// `modelreg hook pre-commit [FILES…]`: what the next commit records must keep the registry whole.
// lint-staged passes the staged annotation files; the hook script also runs it (with no files)
// when the commit deletes or renames something, which lint-staged never passes on. Either way
// the whole index is checked: a rule spanning files (unique names, paths that exist) cannot be
// judged from the changed files alone.
import {
  CONFIG_FILES,
  ModelregError,
  annotationFormat,
  artifactNameToTag,
  buildRegistry,
  checkRemovedArtifacts,
  removedArtifacts,
  type AnnotatedName,
  type Diagnostic,
} from '@modelreg/core';
import { isInsideRepo, readFilesAt, readRepoAnnotations, readTags, stagedChanges, type GitContext } from '@modelreg/git';
import type { HookContext, HookResult } from './context.js';
import { hookResult } from './report.js';

const isRegistryFile = (path: string) => annotationFormat(path) !== null || (CONFIG_FILES as readonly string[]).includes(path);

export async function preCommit(ctx: HookContext, files: readonly string[]): Promise<HookResult> {
  // Git runs hooks at the top of the working tree; run by hand in a subdirectory, the pathspecs
  // must still cover the whole repository.
  const repo = await isInsideRepo({ cwd: ctx.cwd, env: ctx.env });
  if (!repo || repo.bare) {
    throw new ModelregError('not-a-repository', repo ? 'the pre-commit hook needs a working tree' : 'not inside a Git repository', {
      hint: 'run it in the repository whose commit it checks',
    });
  }
  const git: GitContext = { cwd: repo.root, env: ctx.env };
  // lint-staged passes files only when annotation files are staged: read them meanwhile.
  const reading = files.length > 0 ? readRepoAnnotations(git, { kind: 'index' }, { where: 'the index' }) : undefined;
  // Awaited below; until then a failure must not count as unhandled.
  reading?.catch(() => {});
  const changes = await stagedChanges(git);
  const changedFiles = changes.filter((c) => annotationFormat(c.path) !== null && c.status !== 'A').map((c) => c.path);
  // Renames are a deletion here: a moved model file leaves its annotation pointing at nothing.
  const relevant = changes.some((c) => c.status === 'D' || isRegistryFile(c.path));
  if (!relevant && !reading) return { exitCode: 0 };

  const [staged, before] = await Promise.all([
    reading ?? readRepoAnnotations(git, { kind: 'index' }, { where: 'the index' }),
    annotatedAtHead(git, changedFiles),
  ]);
  const problems: Diagnostic[] = [...staged.diagnostics];
  const removed = removedArtifacts(before, staged.annotations.map((a) => a.name));
  if (removed.length > 0) problems.push(...(await removedWhileActive(git, removed)));
  return hookResult('pre-commit', problems, 'fix the files and `git add` them: the staged content is checked, not the working tree');
}

/** The artifacts the changed (or deleted) annotation files held at HEAD: one git call. */
async function annotatedAtHead(git: GitContext, changedFiles: string[]): Promise<AnnotatedName[]> {
  if (changedFiles.length === 0) return [];
  const [headFiles, { parseAnnotationFile }] = await Promise.all([readFilesAt(git, 'HEAD', changedFiles), import('@modelreg/core/annotations')]);
  return headFiles.flatMap((f) => parseAnnotationFile(f.path, f.content).annotations);
}

/** Of the removed artifacts, those that still have active versions (their tags only are read). */
async function removedWhileActive(git: GitContext, removed: AnnotatedName[]): Promise<Diagnostic[]> {
  const patterns = removed.flatMap((a) => [`${artifactNameToTag(a.name)}@*`, `${artifactNameToTag(a.name)}#*`]);
  const registry = buildRegistry(await readTags(git, { patterns, detail: 'light' }));
  return checkRemovedArtifacts(removed, registry);
}
