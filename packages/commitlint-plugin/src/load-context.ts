// The context value of the rules, read once when the config loads: the annotations and the trailer
// policy as staged (the index), the paths the commit changes, merge and amend state. A fixed
// number of git calls (all through @modelreg/git), whatever the size of the repository.
import { annotationFormat, removedArtifacts, type RegistryConfig } from '@modelreg/core';
import { isInsideRepo, readAnnotationsAt, readCommitState, readDvcOutputChanges, readRepoAnnotations, readStagedPaths, resolveCommit, type GitContext } from '@modelreg/git';
import type { Annotation } from '@modelreg/core/annotations';
import { changedEntryNames, type ArtifactRef, type EntrySnapshot, type ModelContext } from './context.js';

export interface LoadedContext {
  context: ModelContext;
  /** `.modelreg.yaml` `trailers:` with its defaults (required: false, known: true). */
  policy: { required: boolean; known: boolean };
}

function snapshot(a: Annotation): EntrySnapshot {
  const { type, path, desc, labels, meta, virtual } = a;
  return { name: a.name, content: JSON.stringify({ type, path, desc, labels, meta, virtual }) };
}

function policyOf(config: RegistryConfig): LoadedContext['policy'] {
  return { required: config.trailers?.required ?? false, known: config.trailers?.known ?? true };
}

export async function loadModelContext(from: GitContext, opts: { amending: boolean }): Promise<LoadedContext> {
  // Git runs hooks at the top of the working tree, but commitlint may be run by hand in a
  // subdirectory: every path below is the repository's, so read from its top.
  const repo = await isInsideRepo(from);
  const git: GitContext = repo && !repo.bare ? { ...from, cwd: repo.root } : from;
  const base = opts.amending ? 'HEAD^' : 'HEAD';
  // Load the parsers while git works: most of this step is waiting on git processes.
  const parsers = import('@modelreg/core/annotations');
  void import('@modelreg/core/config').catch(() => {});
  parsers.catch(() => {});
  const changing = readStagedPaths(git, base);
  // Entries count as changed only in the annotation files this commit changes.
  const changingFiles = changing.then((paths) => paths.filter((p) => annotationFormat(p) !== null));
  // Those files as they were at its base: read as soon as they are known.
  const before = changingFiles.then((files) => readAnnotationsAt(git, base, files));
  // What the commit changes as DVC sees it too: the outputs its dvc.lock and `.dvc` changes change.
  const dvcChanged = changing.then(async (paths) => (await readDvcOutputChanges(git, [{ before: base, after: '', paths }]))[0] ?? []);
  const [state, amendsMerge, changedPaths, changedFiles, staged, was, dvcOutputs] = await Promise.all([
    readCommitState(git),
    // Amending a merge commit: its change against the first parent came from the merged branch.
    opts.amending ? resolveCommit(git, 'HEAD^2').then((c) => c !== null) : false,
    changing,
    changingFiles,
    readRepoAnnotations(git, { kind: 'index' }, { where: 'the index (staged files)', integrity: false }),
    before,
    dvcChanged,
  ]);
  const { isRepoPath, repoPathOf } = await parsers;
  const artifacts: ArtifactRef[] = staged.annotations.map((a) => {
    const path = isRepoPath(a) ? repoPathOf(a) : null;
    return { name: a.name, file: a.file, ...(path ? { path } : {}) };
  });
  let changedEntries: string[] = [];
  let removed: ArtifactRef[] = [];
  if (changedFiles.length > 0) {
    const after = staged.annotations.filter((a) => changedFiles.includes(a.file));
    changedEntries = changedEntryNames(was.map(snapshot), after.map(snapshot));
    removed = removedArtifacts(was, staged.annotations.map((a) => a.name)).map((a) => ({ name: a.name, file: a.file }));
  }
  return {
    context: { artifacts, removed, changedPaths: [...changedPaths, ...dvcOutputs], changedEntries, merging: state.merging || amendsMerge, amending: opts.amending, commentChar: state.commentChar },
    policy: policyOf(staged.config),
  };
}
