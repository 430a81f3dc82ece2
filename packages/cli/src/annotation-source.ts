// Which files a command reads (working tree, index or a revision), and reading them with the
// same code the hooks use.
import { ModelregError } from '@modelreg/core';
import { readRepoAnnotations, type RepoAnnotations } from '@modelreg/hooks/annotation-source';
import { resolveCommit, type FileSource } from '@modelreg/git';
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

export type { RepoAnnotations };

/** The annotation files and config of `source`, validated (`integrity`: also the rules spanning files). */
export function readAnnotations(handle: RepoHandle, source: FileSource, where: string, integrity = true): Promise<RepoAnnotations> {
  return readRepoAnnotations(handle.git, source, where, integrity);
}
