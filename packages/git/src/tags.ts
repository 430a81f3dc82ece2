// Reading, creating, deleting and pushing tags.
import { type GitContext, runGit } from './exec.js';
import { type TagRecord, parseTagRecords, tagFormat } from './parse-tags.js';

/** Every tag (or those matching `patterns`, e.g. `refs/tags/model@*`) in ONE for-each-ref call. */
export async function readTags(ctx: GitContext, opts: { patterns?: string[]; withCommitInfo?: boolean } = {}): Promise<TagRecord[]> {
  const withCommitInfo = opts.withCommitInfo === true;
  const patterns = opts.patterns && opts.patterns.length > 0 ? opts.patterns : ['refs/tags'];
  const { stdout } = await runGit(ctx, ['for-each-ref', `--format=${tagFormat(withCommitInfo)}`, '--', ...patterns]);
  return parseTagRecords(stdout, withCommitInfo);
}

/**
 * Create an annotated tag. Identity and time come from git's own rules, so GIT_COMMITTER_NAME,
 * GIT_COMMITTER_EMAIL and GIT_COMMITTER_DATE in the context's env are honoured.
 * Fails if the tag exists (no -f).
 */
export async function createAnnotatedTag(ctx: GitContext, t: { name: string; commit: string; message: string }): Promise<void> {
  await runGit(ctx, ['tag', '-a', '-m', t.message, '--end-of-options', t.name, t.commit]);
}

export async function deleteTags(ctx: GitContext, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await runGit(ctx, ['tag', '-d', '--end-of-options', ...names]);
}

/** Push (or delete) tags in one call; atomically when there are several. */
export async function pushTags(ctx: GitContext, remote: string, names: string[], opts: { delete?: boolean } = {}): Promise<void> {
  if (names.length === 0) return;
  const refspecs = names.map((n) => (opts.delete ? `:refs/tags/${n}` : `refs/tags/${n}:refs/tags/${n}`));
  await runGit(ctx, ['push', '--quiet', ...(names.length > 1 ? ['--atomic'] : []), '--end-of-options', remote, ...refspecs]);
}
