// Reading a repository's annotation files and config, from the working tree, the index or a
// revision, with a fixed number of git calls however many files there are.
import { ModelregError } from '@modelreg/core';
import { readRepoAnnotations, resolveCommit, type FileSource, type RepoAnnotations } from '@modelreg/git';
import type { Annotation } from '@modelreg/core/annotations';
import type { RepoHandle } from './repo.js';

export interface SourceOptions {
  /** Read what is staged (the index), as a commit would record it. */
  staged?: boolean;
  /** Read a revision without checking it out. */
  rev?: string;
}

/** The source the options name; a bare repository (or a remote's cache) has only revisions. */
export async function fileSource(handle: RepoHandle, opts: SourceOptions): Promise<{ source: FileSource; where: string }> {
  if (opts.staged && opts.rev !== undefined) {
    throw new ModelregError('usage', 'give either --staged or --rev, not both', { exitCode: 2 });
  }
  if (opts.staged && handle.bare) {
    throw new ModelregError('usage', '--staged checks the index, and a bare repository has none', { hint: 'check a commit with --rev, or leave out --staged (HEAD)', exitCode: 2 });
  }
  if (opts.rev !== undefined || handle.bare) {
    const rev = opts.rev ?? 'HEAD';
    const commit = await resolveCommit(handle.git, rev);
    if (!commit) {
      throw new ModelregError('ref-not-found', `'${rev}' does not name a commit in this repository`, { hint: 'give a branch, tag or commit id' });
    }
    return { source: { kind: 'rev', rev: commit }, where: opts.rev ?? `HEAD (${commit.slice(0, 7)})` };
  }
  if (opts.staged) return { source: { kind: 'index' }, where: 'the index (staged files)' };
  return { source: { kind: 'worktree' }, where: 'the working tree' };
}

export type { RepoAnnotations } from '@modelreg/git';

/**
 * Read, parse and validate every annotation file and the config of a source, and (unless
 * `integrity` is false) check the rules that span files: unique names, paths that exist, types.
 */
export async function readAnnotations(handle: RepoHandle, source: FileSource, where: string, integrity = true): Promise<RepoAnnotations> {
  return readRepoAnnotations(handle.git, source, { where, integrity });
}

/**
 * Annotations of the working tree (HEAD in a bare repository), for listing what is not registered
 * yet, or as they were at a version's commit (`rev`). The parsers load only when there is an
 * annotation file to parse.
 */
export async function annotationsOf(handle: RepoHandle, rev?: string): Promise<Annotation[]> {
  if (rev === undefined && handle.bare && !(await resolveCommit(handle.git, 'HEAD'))) return []; // an empty remote
  const { source, where } = await fileSource(handle, rev === undefined ? {} : { rev });
  return (await readAnnotations(handle, source, where, false)).annotations;
}
