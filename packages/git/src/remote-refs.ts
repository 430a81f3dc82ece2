// Keeping a remote registry's cached clone current at the least cost: one `git ls-remote` per
// remote says whether its tags changed since the last fetch; only then is anything fetched, and
// then its tags and default branch only. A first clone is partial (no blobs): annotation files
// are fetched lazily by git when a command reads them.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
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
    const listed = await runGit({ cwd: dirname(dir), env }, ['ls-remote', '--tags', '--refs', '--end-of-options', url]);
    const digest = tagRefsDigest(listed.stdout);
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
