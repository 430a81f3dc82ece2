// Reading and writing tags: one git process per operation, however many tags are involved.
import { tmpdir } from 'node:os';
import { runGit, runGitText, streamGit, type GitContext } from './exec.js';
import { iterateTagRecords, parseTagRecords, tagFormat, type TagDetail, type TagRecord } from './parse-refs.js';

export interface ReadTagsOptions {
  /** for-each-ref patterns, e.g. 'refs/tags/model@*'; a pattern without 'refs/' is taken under refs/tags/. */
  patterns?: string[];
  /** Also read the tagged commit's author, committer and message. */
  withCommitInfo?: boolean;
  /** 'light': skip tagger name/email and messages (left ''), which git takes time to print. */
  detail?: TagDetail;
}

/** Every tag (or those matching `patterns`) with one `git for-each-ref` call. */
export async function readTags(ctx: GitContext, opts: ReadTagsOptions = {}): Promise<TagRecord[]> {
  const { stdout } = await runGitText(ctx, forEachRefArgs(opts));
  return parseTagRecords(stdout, opts.withCommitInfo === true);
}

function forEachRefArgs(opts: ReadTagsOptions): string[] {
  const patterns = opts.patterns?.length ? opts.patterns.map(tagPattern) : ['refs/tags'];
  return ['for-each-ref', `--format=${tagFormat(opts.withCommitInfo === true, opts.detail)}`, '--end-of-options', ...patterns];
}

/**
 * As readTags, handing each record to `onRecord` as soon as its bytes arrive: the caller's work on
 * a large registry (100,000 tags) runs while git is still writing, instead of after it.
 */
export async function streamTagRecords(ctx: GitContext, opts: ReadTagsOptions, onRecord: (record: TagRecord) => void): Promise<void> {
  const withCommitInfo = opts.withCommitInfo === true;
  const partial = { consumed: 0 };
  let rest = '';
  await streamGit(ctx, forEachRefArgs(opts), {}, (text) => {
    const buffer = rest === '' ? text : rest + text;
    for (const record of iterateTagRecords(buffer, withCommitInfo, partial)) onRecord(record);
    rest = buffer.slice(partial.consumed);
  });
  // Whatever is left must be whole records (a cut-short record throws).
  for (const record of iterateTagRecords(rest, withCommitInfo)) onRecord(record);
}

// Keep reads inside refs/tags/ even when a caller passes a bare tag-name pattern.
function tagPattern(p: string): string {
  return p === 'refs/tags' || p.startsWith('refs/tags/') ? p : `refs/tags/${p}`;
}

/**
 * `git tag -a NAME COMMIT` with the message on stdin. Tagger identity and date come from the
 * environment (GIT_COMMITTER_NAME/EMAIL/DATE) as git reads them. Fails if the tag exists.
 * `--cleanup=whitespace`: git's default for tags also drops lines starting with '#'.
 */
export async function createAnnotatedTag(ctx: GitContext, t: { name: string; commit: string; message: string }): Promise<void> {
  await runGit(ctx, ['tag', '-a', '--cleanup=whitespace', '-F', '-', '--end-of-options', t.name, t.commit], { input: t.message });
}

/** Delete local tags with one `git tag -d`; fails (after deleting the rest) if one is missing. */
export async function deleteTags(ctx: GitContext, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await runGit(ctx, ['tag', '-d', '--end-of-options', ...names]);
}

/**
 * Push (or delete on the remote) `refs/tags/NAME` for each name in one `git push`; atomic when
 * there are several, so a rejected tag leaves the remote unchanged.
 */
export async function pushTags(ctx: GitContext, remote: string, names: string[], opts: { delete?: boolean } = {}): Promise<void> {
  if (names.length === 0) return;
  const refspecs = names.map((n) => (opts.delete ? `:refs/tags/${n}` : `refs/tags/${n}`));
  await runGit(ctx, ['push', ...(names.length > 1 ? ['--atomic'] : []), '--end-of-options', remote, ...refspecs]);
}

/** Whether `refs/tags/NAME` is a valid ref name for git (no repository needed). */
export async function checkRefFormat(name: string): Promise<boolean> {
  if (name.includes('\0')) return false;
  // Any existing directory will do: the check reads no repository.
  const r = await runGit({ cwd: tmpdir() }, ['check-ref-format', `refs/tags/${name}`], { okExitCodes: [1] });
  return r.exitCode === 0;
}

/**
 * Which of `names` the remote has under refs/tags/ (one `git ls-remote`): by pattern for a few
 * names, else every tag of the remote, filtered here.
 */
export async function remoteTagsAmong(ctx: GitContext, remote: string, names: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (names.length === 0) return found;
  const patterns = names.length <= 200 ? names.map((n) => `refs/tags/${n}`) : [];
  const { stdout } = await runGitText(ctx, ['ls-remote', '--tags', '--refs', '--end-of-options', remote, ...patterns]);
  const wanted = new Set(names);
  for (const line of stdout.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const name = line.slice(tab + 1).replace(/^refs\/tags\//, '');
    if (wanted.has(name)) found.add(name);
  }
  return found;
}
