// Keeping a remote registry's cached clone current at the least cost: one `git ls-remote` per
// remote says whether its tags changed since the last fetch; only then is anything fetched, and
// then its tags and default branch only. A first clone is partial (no blobs): annotation files
// are fetched lazily by git when a command reads them.
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runGit, withoutRepoLocation } from './exec.js';
import { RepoNotFoundError, cloneInto, repoCacheDir } from './remote.js';

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
export async function syncRemoteTags(url: string, opts: { cwd: string; env: NodeJS.ProcessEnv; offline?: boolean }): Promise<SyncedRemote> {
  const env = withoutRepoLocation(opts.env);
  const dir = repoCacheDir(url, opts.env);
  const cached = (await stat(dir).catch(() => null)) !== null;
  if (opts.offline) {
    if (!cached) throw new RepoNotFoundError(url, `${url} is not in the cache yet: run once without --offline`);
    return { dir, outcome: 'offline' };
  }
  // Hashed as bytes: thousands of tags need no decoding.
  const listed = await runGit({ cwd: opts.cwd, env }, ['ls-remote', '--tags', '--refs', '--end-of-options', url]);
  const digest = tagRefsDigest(listed.stdout);
  const stampPath = join(dir, STAMP_FILE);
  if (cached && (await readFile(stampPath, 'utf8').catch(() => null)) === digest) return { dir, outcome: 'unchanged', digest };
  if (cached) {
    // Tags, and the branch HEAD names (annotation files and config are read there): no other
    // branch. The clone's partial filter (a promisor remote) keeps blobs out of this fetch too.
    const head = /^ref: (refs\/heads\/\S+)/.exec(await readFile(join(dir, 'HEAD'), 'utf8').catch(() => ''))?.[1];
    const refspecs = ['+refs/tags/*:refs/tags/*', ...(head ? [`+${head}:${head}`] : [])];
    await runGit({ cwd: dir, env }, ['--git-dir', dir, 'fetch', '--quiet', '--prune', '--force', '--no-recurse-submodules', 'origin', ...refspecs]);
  } else {
    await cloneInto(url, dir, env, ['--filter=blob:none']);
  }
  // Written after the fetch: a tag pushed in between changes the next ls-remote, so it is fetched then.
  await writeFile(stampPath, digest);
  return { dir, outcome: cached ? 'fetched' : 'cloned', digest };
}
