// Opening the repository a command works on: a local path in place, or a URL through a cached
// bare clone that is fetched incrementally (tags deleted upstream disappear too).
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { type GitContext, runGit } from './exec.js';

/** The repository a user named cannot be opened. */
export class RepoNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RepoNotFoundError';
  }
}

export interface OpenedRepo {
  /** Where to run git: the work tree, or the git dir of a bare repository or cache. */
  dir: string;
  isRemote: boolean;
  url?: string;
  bare: boolean;
}

/** `https://…`, `ssh://…`, `git://…`, `file://…`, or scp-like `user@host:path`. */
export function isUrlLike(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^[\w.-]+@[\w.-]+:/.test(s);
}

/** The repository at `dir` (its top level, or its git dir when bare); null when none. */
export async function isInsideRepo(ctx: GitContext): Promise<{ root: string; bare: boolean } | null> {
  // One call that works in bare repositories too (--show-toplevel would fail there).
  const r = await runGit(ctx, ['rev-parse', '--is-bare-repository', '--absolute-git-dir', '--show-cdup'], { okCodes: [128] });
  if (r.exitCode !== 0) return null;
  const [bare, gitDir, cdup = ''] = r.stdout.split('\n');
  if (bare === 'true') return { root: gitDir as string, bare: true };
  return { root: resolve(ctx.cwd, cdup), bare: false };
}

function cacheRoot(env: NodeJS.ProcessEnv): string {
  if (env.MODELREG_CACHE_DIR) return env.MODELREG_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'modelreg');
}

async function cachedClone(url: string, env: NodeJS.ProcessEnv): Promise<string> {
  const root = join(cacheRoot(env), 'repos');
  const dir = join(root, createHash('sha256').update(url).digest('hex').slice(0, 16));
  if (existsSync(join(dir, 'HEAD'))) {
    await runGit({ cwd: dir, env }, [
      'fetch',
      '--quiet',
      '--prune',
      '--prune-tags',
      '--force',
      'origin',
      '+refs/heads/*:refs/heads/*',
      '+refs/tags/*:refs/tags/*',
    ]);
    return dir;
  }
  await mkdir(root, { recursive: true });
  // Clone beside the final place, then rename: a concurrent or interrupted clone never leaves half a cache.
  const tmp = await mkdtemp(join(root, 'clone-'));
  try {
    await runGit({ cwd: root, env }, ['clone', '--bare', '--quiet', '--', url, tmp]);
    await rename(tmp, dir).catch(async (e: NodeJS.ErrnoException) => {
      if (!existsSync(join(dir, 'HEAD'))) throw e; // someone else finished first: use theirs
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return dir;
}

/** Open `repoArg` (relative to ctx.cwd): a local repository in place, or a URL through the cache. */
export async function openRepo(repoArg: string, ctx: GitContext): Promise<OpenedRepo> {
  const env = ctx.env ?? process.env;
  if (isUrlLike(repoArg)) {
    return { dir: await cachedClone(repoArg, env), isRemote: true, url: repoArg, bare: true };
  }
  const path = resolve(ctx.cwd, repoArg);
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    throw new RepoNotFoundError(`'${repoArg}' is neither a directory nor a Git URL`);
  }
  const found = await isInsideRepo({ cwd: path, env });
  if (!found) {
    throw new RepoNotFoundError(`'${path}' is not a Git repository — run modelreg inside one, or pass -r PATH|URL`);
  }
  return { dir: found.root, isRemote: false, bare: found.bare };
}
