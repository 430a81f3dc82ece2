// Opening the repository a command works on: a local path is used in place; a URL is cloned once
// (bare) into a cache and fetched on every later open, so tags deleted upstream disappear too.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { lstat, mkdir, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ModelregError } from '@modelreg/core';
import { GitError, GitTimeoutError, runGit, runGitText, withoutRepoLocation, type GitContext, type RunOptions } from './exec.js';
import { acquireLock } from './lock.js';
import { configFromEnvironment, plainConfigValues } from './remote-config.js';
import { repoLockPath } from './repo-lock.js';
import { isInsideRepo } from './revisions.js';

export interface OpenedRepo {
  dir: string;
  isRemote: boolean;
  url?: string;
  bare: boolean;
  /** A shallow clone: history before its boundary commits is missing (a URL's cached clone is, of a shallow source). */
  shallow: boolean;
  /** The git directory its refs live in (a linked worktree's is the main repository's). */
  commonDir: string;
  /** A local repository's own git directory (absolute). */
  gitDir?: string;
  /** Set when opened with `lock`: releases the repository's lock. */
  release?: () => Promise<void>;
}

export interface OpenOptions {
  /**
   * Hold the repository's lock until `release` (a write plans, tags and pushes under it); for a
   * URL, it is taken before the fetch, so the plan starts from the remote's state.
   */
  lock?: boolean;
  /**
   * For a URL: how long the remote may stay silent before it counts as unreachable (git is
   * stopped, with a GitTimeoutError). A remote that is transferring is not cut short.
   */
  silenceMs?: number;
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
export async function openRepo(repoArg: string, ctx: GitContext, opts: OpenOptions = {}): Promise<OpenedRepo> {
  const env = ctx.env ?? process.env;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(repoArg)) return openUrl(repoArg, env, opts);
  const path = resolve(ctx.cwd, repoArg);
  const st = await stat(path).catch(() => null);
  if (st) {
    if (!st.isDirectory()) throw new RepoNotFoundError(repoArg, `not a git repository: ${path} is not a directory`);
    // The path decides, not a GIT_DIR inherited from a hook.
    const found = await isInsideRepo({ cwd: path, env: withoutRepoLocation(env) });
    if (!found) throw new RepoNotFoundError(repoArg, `not a git repository: ${path}`);
    const opened: OpenedRepo = { dir: found.root, isRemote: false, bare: found.bare, shallow: found.shallow, commonDir: found.commonDir, gitDir: found.gitDir };
    if (opts.lock) opened.release = await acquireLock(await repoLockPath({ cwd: found.root, env: withoutRepoLocation(env) }), 'the repository');
    return opened;
  }
  if (isUrlLike(repoArg)) return openUrl(repoArg, env, opts);
  throw new RepoNotFoundError(repoArg, `no such repository: ${repoArg} is neither an existing path nor a URL`);
}

/**
 * The transport-syntax forms git would hand to a remote helper (`fd::3`, `ext::cmd`) and schemes
 * other than https, ssh and file are refused before git runs.
 */
export function assertAllowedTransport(url: string): void {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  const helper = /^([A-Za-z][A-Za-z0-9+.-]*)::/.exec(url)?.[1];
  const refused = helper ?? (scheme !== undefined && !['https', 'ssh', 'file'].includes(scheme) ? scheme : undefined);
  if (refused !== undefined) {
    throw new ModelregError('unsupported-transport', `the repository URL uses the transport '${refused}', which modelreg does not allow`, {
      hint: 'give an https://, ssh://, user@host:path or file:// URL, or a local path',
      exitCode: 2,
    });
  }
}

async function openUrl(url: string, env: NodeJS.ProcessEnv, opts: OpenOptions): Promise<OpenedRepo> {
  assertAllowedTransport(url);
  const dir = repoCacheDir(url, env);
  const gitEnv = withoutRepoLocation(env);
  await mkdir(dirname(dir), { recursive: true });
  // Every git call names the entry (--git-dir) and runs from the cache folder, so a broken entry
  // fails instead of git finding a repository around it.
  const entry: GitContext = { cwd: dirname(dir), env: gitEnv, gitDir: dir };
  // One process at a time: two fetches into one entry collide on its refs, and a fetch would
  // prune a tag another process has created there and not pushed yet.
  const release = await acquireLock(cacheLockPath(dir), `the cache of ${url}`);
  try {
    await updateEntry(entry, dir, url, ['+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'], opts.silenceMs !== undefined ? { silenceMs: opts.silenceMs } : {});
    // A clone of a shallow repository is shallow too.
    const shallow = (await runGitText(entry, ['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
    const opened: OpenedRepo = { dir, isRemote: true, url, bare: true, shallow, commonDir: dir };
    if (opts.lock) opened.release = release;
    else await release();
    return opened;
  } catch (e) {
    await release();
    throw e;
  }
}

/**
 * Bring the cache entry `dir` up to the refs of `url` that `refspecs` name: fetch into it when it
 * is a bare clone of `url`, else clone afresh (an entry that is something else is moved aside
 * first). `isClone` spares asking again when the caller has asked already.
 */
export async function updateEntry(
  entry: GitContext,
  dir: string,
  url: string,
  refspecs: string[],
  opts: { cloneArgs?: string[]; isClone?: boolean; silenceMs?: number } = {},
): Promise<'fetched' | 'cloned'> {
  const isClone = opts.isClone ?? ((await exists(dir)) && (await isCloneOf(entry, url)));
  // A bounded silence needs git to speak while it transfers: --progress makes it, to a pipe too.
  const run: RunOptions = opts.silenceMs !== undefined ? { timeoutMs: opts.silenceMs, whileSilent: true } : {};
  const progress = opts.silenceMs !== undefined ? ['--progress'] : ['--quiet'];
  if (isClone) {
    await fetchMirror(entry, url, refspecs, run, progress);
    return 'fetched';
  }
  if (await exists(dir)) await moveAside(dir);
  await cloneInto(url, dir, entry.env ?? process.env, [...progress, ...(opts.cloneArgs ?? [])], run);
  return 'cloned';
}

/** The lock of a cache entry: beside it, so it survives the entry being moved aside. */
export function cacheLockPath(dir: string): string {
  return `${dir}.lock`;
}

/**
 * Whether the entry is a bare repository cloned from `url` (what cloneInto makes). Its `config`
 * file is read directly when it has the plain shape clone writes (a view asks this of every
 * remote, every time); git answers anything else.
 */
export async function isCloneOf(entry: GitContext, url: string): Promise<boolean> {
  const dir = entry.gitDir;
  // Read synchronously: a few small files, where each asynchronous read costs several round trips.
  const text = dir !== undefined && !configFromEnvironment(entry.env ?? process.env) && looksLikeGitDir(dir) ? readSmallFile(join(dir, 'config')) : null;
  const plain = text === null ? null : plainConfigValues(text);
  // A worktree config (read after this file) could override it: git is asked then.
  const alone = plain !== null && !plain.has('extensions.worktreeconfig');
  if (alone && plain.get('core.bare') === 'true' && plain.get('remote.origin.url') === url) return true;
  return isCloneOfByGit(entry, url);
}

/** What git needs to take `dir` for a repository: a HEAD that names a ref or an object, objects/ and refs/. */
function looksLikeGitDir(dir: string): boolean {
  const isDir = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
  return /^(ref: refs\/|[0-9a-f]{40})/.test(readSmallFile(join(dir, 'HEAD')) ?? '') && isDir(join(dir, 'objects')) && isDir(join(dir, 'refs'));
}

/** A small file's text, or null when it cannot be read. */
export function readSmallFile(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

async function isCloneOfByGit(entry: GitContext, url: string): Promise<boolean> {
  const r = await runGitText(entry, ['config', '--null', '--get-regexp', '^(core\\.bare|remote\\.origin\\.url)$'], { okExitCodes: [1] }).catch(() => null);
  if (!r || r.exitCode !== 0) return false;
  const config = new Map(r.stdout.split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('\n')), kv.slice(kv.indexOf('\n') + 1)]));
  return config.get('core.bare') === 'true' && config.get('remote.origin.url') === url;
}

/**
 * Mirror the remote's refs that `refspecs` name. Explicit refspecs: a bare clone has no fetch
 * refspec (--prune drops what upstream deleted, --force takes moved tags). An entry that passed
 * the checks and still fails is named, so the user can delete it.
 */
async function fetchMirror(entry: GitContext, url: string, refspecs: string[], run: RunOptions, progress: string[]): Promise<void> {
  try {
    await runGit(entry, ['fetch', ...progress, '--prune', '--prune-tags', '--force', '--no-recurse-submodules', 'origin', ...refspecs], run);
  } catch (e) {
    // A remote that never answered is not a damaged cache.
    if (!(e instanceof GitError) || e instanceof GitTimeoutError) throw e;
    throw new ModelregError('cache-fetch-failed', `updating the cached clone of ${url} failed: ${e.message}`, {
      hint: `if the remote is reachable, the cached clone may be damaged: delete ${entry.gitDir} and retry`,
    });
  }
}

/** Move a broken entry out of the way (a rename, so no reader sees it half-deleted), then delete it. */
async function moveAside(dir: string): Promise<void> {
  const aside = `${dir}.broken-${process.pid}-${randomBytes(4).toString('hex')}`;
  await rename(dir, aside);
  await rm(aside, { recursive: true, force: true }).catch(() => {});
}

// Clone beside the final place and rename: a reader never sees a half-made clone. `cloneArgs`
// adds options such as a partial-clone filter.
async function cloneInto(url: string, dir: string, env: NodeJS.ProcessEnv, cloneArgs: string[], run: RunOptions): Promise<void> {
  const parent = dirname(dir);
  const tmp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await runGit({ cwd: parent, env }, ['clone', '--bare', ...cloneArgs, '--', url, tmp], run);
    await rename(tmp, dir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

export async function exists(p: string): Promise<boolean> {
  return (await lstat(p).catch(() => null)) !== null;
}
