// `modelreg hook pre-commit`: what the next commit records must keep the registry whole.
// The husky hook runs it on every commit, and it checks the whole index: a rule spanning files
// (unique names, paths that exist) cannot be judged from the changed files alone. A commit that
// touches no annotation file or config and deletes nothing costs two quick git calls
// (rev-parse and diff-index, side by side).
import {
  CONFIG_FILES,
  ModelregError,
  annotationFormat,
  artifactNameToTag,
  buildRegistry,
  checkRemovedArtifacts,
  isDvcTrackingFile,
  isUnreadableFile,
  removedArtifacts,
  type AnnotatedName,
  type Diagnostic,
} from '@modelreg/core';
import { isInsideRepo, readAnnotationsAt, readRepoAnnotations, readTags, stagedChanges, type GitContext } from '@modelreg/git';
import type { HookContext, HookResult } from './context.js';
import { hookResult } from './report.js';

// A dvc.lock or `.dvc` file decides whether a dvc.yaml artifact's path is present, as the model file itself does.
const isRegistryFile = (path: string) => annotationFormat(path) !== null || isDvcTrackingFile(path) || (CONFIG_FILES as readonly string[]).includes(path);

export async function preCommit(ctx: HookContext): Promise<HookResult> {
  // Git runs hooks at the top of the working tree; run by hand in a subdirectory, the pathspecs
  // must still cover the whole repository. diff-index names paths from the top wherever it runs,
  // so it need not wait for the root.
  const changing = stagedChanges({ cwd: ctx.cwd, env: ctx.env });
  changing.catch(() => {}); // awaited below, unless not in a repository
  const repo = await isInsideRepo({ cwd: ctx.cwd, env: ctx.env });
  if (!repo || repo.bare) {
    throw new ModelregError('not-a-repository', repo ? 'the pre-commit hook needs a working tree' : 'not inside a Git repository', {
      hint: 'run it in the repository whose commit it checks',
    });
  }
  const git: GitContext = { cwd: repo.root, env: ctx.env };
  const changes = await changing;
  const changedFiles = changes.filter((c) => annotationFormat(c.path) !== null && c.status !== 'A').map((c) => c.path);
  // Renames are a deletion here: a moved model file leaves its annotation pointing at nothing.
  if (!changes.some((c) => c.status === 'D' || isRegistryFile(c.path))) return { exitCode: 0 };

  const [staged, before] = await Promise.all([
    readRepoAnnotations(git, { kind: 'index' }, { where: 'the index' }),
    // What the changed (or deleted) annotation files held at HEAD.
    readAnnotationsAt(git, 'HEAD', changedFiles),
  ]);
  const problems: Diagnostic[] = [...staged.diagnostics];
  // A staged file that cannot be read at all (binary, too large, not YAML) holds no entries: its
  // problem is reported, and its artifacts are not taken for removed.
  const unreadable = new Set(staged.diagnostics.filter((d) => d.file !== undefined && isUnreadableFile(d)).map((d) => d.file));
  const removed = removedArtifacts(before.filter((a) => !unreadable.has(a.file)), staged.annotations.map((a) => a.name));
  if (removed.length > 0) problems.push(...(await removedWhileActive(git, removed)));
  return hookResult('pre-commit', problems, 'fix the files and `git add` them: the staged content is checked, not the working tree');
}

/** Of the removed artifacts, those that still have active versions (their tags only are read). */
async function removedWhileActive(git: GitContext, removed: AnnotatedName[]): Promise<Diagnostic[]> {
  const patterns = removed.flatMap((a) => [`${artifactNameToTag(a.name)}@*`, `${artifactNameToTag(a.name)}#*`]);
  const registry = buildRegistry(await readTags(git, { patterns, detail: 'light' }));
  return checkRemovedArtifacts(removed, registry);
}
