// Keeping a remote registry's cached clone current at the least cost: one `git ls-remote` per
// remote says whether its tags changed since the last fetch; only then is anything fetched, and
// then its tags and default branch only. A first clone is partial (no blobs): annotation files
// are fetched lazily by git when a command reads them.
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { runGit, withoutRepoLocation, type GitContext } from './exec.js';
import { withLock } from './lock.js';
import { RepoNotFoundError, assertAllowedTransport, cacheLockPath, exists, isCloneOf, repoCacheDir, updateEntry } from './remote.js';
import { writeFileAtomic } from './repo-lock.js';

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
 */
export async function listTagRefs(url: string, ctx: GitContext): Promise<Buffer> {
  const local = await localBareRepo(url, ctx.env ?? process.env);
  if (local !== null) {
    const listed = await runGit({ ...ctx, gitDir: local }, ['for-each-ref', `--format=%(objectname)%09%(refname)`, 'refs/tags/']).catch(() => null);
    if (listed !== null) return listed.stdout;
  }
  return (await runGit(ctx, ['ls-remote', '--tags', '--refs', '--end-of-options', url])).stdout;
}

/**
 * The directory of a `file:///PATH` URL when git's local transport would serve exactly it: a bare
 * repository at PATH, none of the names upload-pack tries first (PATH.git/.git, PATH/.git,
 * PATH.git), no escapes, and the file transport allowed. Else null.
 */
async function localBareRepo(url: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (!url.startsWith('file:///') || /[%?#\\]|\/$/.test(url)) return null;
  const allowed = env.GIT_ALLOW_PROTOCOL;
  if (allowed !== undefined && !allowed.split(':').includes('file')) return null;
  const path = url.slice('file://'.length);
  const shadowing = await Promise.all([`${path}.git/.git`, `${path}/.git`, `${path}.git`].map(exists));
  if (shadowing.includes(true)) return null;
  const [head, objects] = await Promise.all([stat(join(path, 'HEAD')).catch(() => null), stat(join(path, 'objects')).catch(() => null)]);
  return head?.isFile() && objects?.isDirectory() ? path : null;
}

/**
 * Bring the cached clone of `url` up to date with the remote's tags. `offline`: use the cache as
 * it is (a URL never fetched before is an error naming it).
 */
export async function syncRemoteTags(url: string, opts: { env: NodeJS.ProcessEnv; offline?: boolean }): Promise<SyncedRemote> {
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
    // Hashed as bytes: thousands of tags need no decoding.
    const digest = tagRefsDigest(await listTagRefs(url, { cwd: dirname(dir), env }));
    const stampPath = join(dir, STAMP_FILE);
    const cached = (await exists(dir)) && (await isCloneOf(entry, url));
    if (cached && (await readFile(stampPath, 'utf8').catch(() => null)) === digest) return { dir, outcome: 'unchanged', digest };
    // Tags, and the branch HEAD names (annotation files and config are read there): no other
    // branch. The clone's partial filter (a promisor remote) keeps blobs out of a fetch too; a
    // first clone is partial.
    const head = cached ? /^ref: (refs\/heads\/\S+)/.exec(await readFile(join(dir, 'HEAD'), 'utf8').catch(() => ''))?.[1] : undefined;
    const refspecs = ['+refs/tags/*:refs/tags/*', ...(head ? [`+${head}:${head}`] : [])];
    const outcome = await updateEntry(entry, dir, url, refspecs, { cloneArgs: ['--filter=blob:none'], isClone: cached });
    // Written after the fetch: a tag pushed in between changes the next ls-remote, so it is fetched then.
    await writeFileAtomic(stampPath, digest);
    return { dir, outcome, digest };
  });
}
