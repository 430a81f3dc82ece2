// Opening the repository a command works on: a local path is used in place; a URL is cloned once
// (bare) into a cache and fetched on every later open, so tags deleted upstream disappear too.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { runGit, runGitText, withoutRepoLocation, type GitContext } from './exec.js';
import { isInsideRepo } from './revisions.js';

export interface OpenedRepo {
  dir: string;
  isRemote: boolean;
  url?: string;
  bare: boolean;
  /** A shallow clone: history before its boundary commits is missing (a URL's cached clone is, of a shallow source). */
  shallow: boolean;
}

/** The repository argument named no repository (not a repo path, not a URL). */
export class RepoNotFoundError extends Error {
  readonly repo: string;
  constructor(repo: string, message: string) {
    super(message);
    this.name = 'RepoNotFoundError';
    this.repo = repo;
  }
}

/**
 * `scheme://…` or scp-like `[user@]host:path` (a colon before any slash), as git decides between
 * a URL and a local path; `C:\…` / `C:/…` are drive paths.
 */
export function isUrlLike(s: string): boolean {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(s)) return true;
  const colon = s.indexOf(':');
  if (colon <= 0) return false;
  const slash = s.search(/[/\\]/);
  if (slash >= 0 && slash < colon) return false;
  if (colon === 1 && /^[A-Za-z]:[/\\]/.test(s)) return false;
  return true;
}

/** Cache root: MODELREG_CACHE_DIR, else $XDG_CACHE_HOME/modelreg, else ~/.cache/modelreg. */
export function cacheRoot(env: NodeJS.ProcessEnv): string {
  if (env.MODELREG_CACHE_DIR) return resolve(env.MODELREG_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'modelreg');
  return join(env.HOME || homedir(), '.cache', 'modelreg');
}

/** Where the bare clone of `url` lives: <cache root>/repos/<first 16 hex of sha256(url)>. */
export function repoCacheDir(url: string, env: NodeJS.ProcessEnv): string {
  return join(cacheRoot(env), 'repos', createHash('sha256').update(url).digest('hex').slice(0, 16));
}

/** Resolve `repoArg` (a path relative to ctx.cwd, or a URL) to a directory git can run in. */
export async function openRepo(repoArg: string, ctx: GitContext): Promise<OpenedRepo> {
  const env = ctx.env ?? process.env;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(repoArg)) return openUrl(repoArg, env);
  const path = resolve(ctx.cwd, repoArg);
  const st = await stat(path).catch(() => null);
  if (st) {
    if (!st.isDirectory()) throw new RepoNotFoundError(repoArg, `not a git repository: ${path} is not a directory`);
    // The path decides, not a GIT_DIR inherited from a hook.
    const found = await isInsideRepo({ cwd: path, env: withoutRepoLocation(env) });
    if (!found) throw new RepoNotFoundError(repoArg, `not a git repository: ${path}`);
    return { dir: found.root, isRemote: false, bare: found.bare, shallow: found.shallow };
  }
  if (isUrlLike(repoArg)) return openUrl(repoArg, env);
  throw new RepoNotFoundError(repoArg, `no such repository: ${repoArg} is neither an existing path nor a URL`);
}

async function openUrl(url: string, env: NodeJS.ProcessEnv): Promise<OpenedRepo> {
  const dir = repoCacheDir(url, env);
  const gitEnv = withoutRepoLocation(env);
  if (await exists(dir)) {
    // Explicit refspecs: a bare clone has no fetch refspec, and these mirror heads and tags
    // (--prune drops what upstream deleted, --force takes moved tags).
    await runGit({ cwd: dir, env: gitEnv }, [
      'fetch',
      '--quiet',
      '--prune',
      '--prune-tags',
      '--force',
      'origin',
      '+refs/heads/*:refs/heads/*',
      '+refs/tags/*:refs/tags/*',
    ]);
  } else {
    await cloneInto(url, dir, gitEnv);
  }
  // A clone of a shallow repository is shallow too.
  const shallow = (await runGitText({ cwd: dir, env: gitEnv }, ['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
  return { dir, isRemote: true, url, bare: true, shallow };
}

// Clone beside the final place and rename: a concurrent open never sees a half-made clone, and
// if another process wins the race its complete clone is used. `cloneArgs` adds options such as
// a partial-clone filter.
export async function cloneInto(url: string, dir: string, env: NodeJS.ProcessEnv, cloneArgs: string[] = []): Promise<void> {
  const parent = join(dir, '..');
  await mkdir(parent, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await runGit({ cwd: parent, env }, ['clone', '--bare', '--quiet', ...cloneArgs, '--', url, tmp]);
    try {
      await rename(tmp, dir);
    } catch (e) {
      if (!(await exists(dir))) throw e;
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function exists(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null)) !== null;
}
