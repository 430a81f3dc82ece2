// Keeping a remote registry's cached clone current at the least cost: one `git ls-remote` per
// remote says whether its tags changed since the last fetch; only then is anything fetched, and
// then the tags that changed and the default branch only. A first clone is partial (no blobs):
// annotation files are fetched lazily by git when a command reads them.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isValidTagRefName } from '@modelreg/core';
import { GitError, runGit, withoutRepoLocation, type GitContext } from './exec.js';
import { withLock } from './lock.js';
import { RepoNotFoundError, assertAllowedTransport, cacheLockPath, exists, isCloneOf, readSmallFile, repoCacheDir, updateEntry } from './remote.js';
import { writeFileAtomic } from './repo-lock.js';

/** `git for-each-ref` lines as ls-remote prints them: `OID<TAB>REF`. */
const LISTING_FORMAT = '--format=%(objectname)%09%(refname)';

/** Inside the cache entry: the digest of the remote's tag refs when they were last fetched. */
const STAMP_FILE = 'modelreg-tags-stamp';

export type SyncOutcome = 'cloned' | 'fetched' | 'unchanged' | 'offline';

export interface SyncedRemote {
  /** The cache entry (a bare repository). */
  dir: string;
  outcome: SyncOutcome;
  /** The digest of the tag refs now in the cache entry (absent offline: the cache may have been fetched by other means). */
  digest?: string;
}

/** A digest of `git ls-remote --tags --refs` output (each tag's name and object id): equal digests, equal tags. */
export function tagRefsDigest(lsRemoteOutput: string | Buffer): string {
  return createHash('sha256').update(lsRemoteOutput).digest('hex');
}

/**
 * The remote's tag refs, as `git ls-remote --tags --refs URL` lists them. A `file://` URL of a bare
 * repository is listed by one `git for-each-ref` in it, the same lines without the second process
 * (upload-pack) ls-remote starts; any other URL, or a path git would resolve differently, by ls-remote.
 * (Refs the remote hides from upload-pack are listed too: equal listings still mean equal tags.)
 */
export async function listTagRefs(url: string, ctx: GitContext, timeoutMs?: number): Promise<Buffer> {
  const local = localBareRepo(url, ctx.env ?? process.env);
  if (local !== null) {
    const listed = await runGit({ ...ctx, gitDir: local }, ['for-each-ref', LISTING_FORMAT, 'refs/tags/']).catch(() => null);
    if (listed !== null) return listed.stdout;
  }
  return (await runGit(ctx, ['ls-remote', '--tags', '--refs', '--end-of-options', url], timeoutMs !== undefined ? { timeoutMs } : {})).stdout;
}

/**
 * The directory of a `file:///PATH` URL when git's local transport would serve exactly it: a bare
 * repository at PATH, none of the names upload-pack tries first (PATH.git/.git, PATH/.git,
 * PATH.git), no escapes, and the file transport allowed. Else null.
 */
function localBareRepo(url: string, env: NodeJS.ProcessEnv): string | null {
  if (!url.startsWith('file:///') || /[%?#\\]|\/$/.test(url)) return null;
  const allowed = env.GIT_ALLOW_PROTOCOL;
  if (allowed !== undefined && !allowed.split(':').includes('file')) return null;
  const path = url.slice('file://'.length);
  // Synchronous: a handful of stats, each far cheaper than an asynchronous round trip.
  const stat = (p: string) => statSync(p, { throwIfNoEntry: false });
  if ([`${path}.git/.git`, `${path}/.git`, `${path}.git`].some((p) => stat(p) !== undefined)) return null;
  return stat(join(path, 'HEAD'))?.isFile() && stat(join(path, 'objects'))?.isDirectory() ? path : null;
}

/**
 * Bring the cached clone of `url` up to date with the remote's tags. `offline`: use the cache as
 * it is (a URL never fetched before is an error naming it). `timeoutMs` bounds the listing, the
 * first word with the remote: one that never answers fails then; one that answers is alive, and
 * its fetch, however long, is not cut.
 */
export async function syncRemoteTags(url: string, opts: { env: NodeJS.ProcessEnv; offline?: boolean; timeoutMs?: number }): Promise<SyncedRemote> {
  assertAllowedTransport(url);
  const env = withoutRepoLocation(opts.env);
  const dir = repoCacheDir(url, opts.env);
  if (opts.offline) {
    if (!(await exists(dir))) throw new RepoNotFoundError(url, `${url} is not in the cache yet: run once without --offline`);
    return { dir, outcome: 'offline' };
  }
  await mkdir(dirname(dir), { recursive: true });
  // As for a single -r URL: git runs from the cache folder, names the entry (--git-dir), and one
  // process at a time updates an entry.
  const entry: GitContext = { cwd: dirname(dir), env, gitDir: dir };
  return withLock(cacheLockPath(dir), `the cache of ${url}`, async () => {
    // Hashed as bytes: an unchanged remote's thousands of tags need no decoding.
    const listed = await listTagRefs(url, { cwd: dirname(dir), env }, opts.timeoutMs);
    const digest = tagRefsDigest(listed);
    const stampPath = join(dir, STAMP_FILE);
    const cached = (await exists(dir)) && (await isCloneOf(entry, url));
    if (cached && readSmallFile(stampPath) === digest) return { dir, outcome: 'unchanged', digest };
    // Tags, and the branch HEAD names (annotation files and config are read there): no other
    // branch. The clone's partial filter (a promisor remote) keeps blobs out of a fetch too; a
    // first clone is partial.
    const head = cached ? /^ref: (refs\/heads\/\S+)/.exec(readSmallFile(join(dir, 'HEAD')) ?? '')?.[1] : undefined;
    const branch = head ? [`+${head}:${head}`] : [];
    const changed = cached ? await changedTags(entry, listed) : null;
    const outcome =
      changed !== null && (await fetchExactly(entry, [...changed.map((ref) => `+${ref}:${ref}`), ...branch]))
        ? 'fetched'
        : await updateEntry(entry, dir, url, ['+refs/tags/*:refs/tags/*', ...branch], { cloneArgs: ['--filter=blob:none'], isClone: cached });
    // Written after the fetch: a tag pushed in between changes the next ls-remote, so it is fetched then.
    await writeFileAtomic(stampPath, digest);
    return { dir, outcome, digest };
  });
}

/** More changed tags than this are fetched by the one wildcard refspec rather than named. */
const MOST_NAMED_TAGS = 200;

/** `OID<TAB>REF` lines (ls-remote's, and the listing of the entry) as REF → OID. */
function refLines(text: string): Map<string, string> {
  const refs = new Map<string, string>();
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) refs.set(line.slice(tab + 1), line.slice(0, tab));
  }
  return refs;
}

/**
 * The tag refs `listed` (the remote's) has and the entry lacks or holds at another object: a
 * remote that gained a few tags costs a fetch of those alone, not a comparison of all of them.
 * Null when the whole set is to be fetched: a tag deleted upstream (pruned only then), many
 * changes, or a name git would not take in a refspec.
 */
async function changedTags(entry: GitContext, listed: Buffer): Promise<string[] | null> {
  const local = refLines((await runGit(entry, ['for-each-ref', LISTING_FORMAT, 'refs/tags/'])).stdout.toString('utf8'));
  const remote = refLines(listed.toString('utf8'));
  for (const ref of local.keys()) if (!remote.has(ref)) return null;
  const changed: string[] = [];
  for (const [ref, oid] of remote) {
    if (local.get(ref) === oid) continue;
    if (!ref.startsWith('refs/tags/') || !isValidTagRefName(ref.slice('refs/tags/'.length))) return null;
    changed.push(ref);
  }
  return changed.length <= MOST_NAMED_TAGS ? changed : null;
}

/** Fetch exactly these refspecs (no tag following, no pruning); false when git refused, e.g. a tag deleted since the listing. */
async function fetchExactly(entry: GitContext, refspecs: string[]): Promise<boolean> {
  if (refspecs.length === 0) return true;
  return runGit(entry, ['fetch', '--quiet', '--force', '--no-tags', '--no-recurse-submodules', 'origin', ...refspecs]).then(
    () => true,
    (e: unknown) => {
      if (e instanceof GitError) return false;
      throw e;
    },
  );
}
