// Opening the repository a command works on, and reading its tags and config through @modelreg/git.
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CONFIG_FILES,
  ModelregError,
  artifactNameToTag,
  formatDiagnostic,
  buildRegistry,
  registryCollector,
  type Diagnostic,
  type Registry,
  type RegistryConfig,
} from '@modelreg/core';
import { GitTimeoutError, anchoredEnv, openRepo, type OpenOptions, type OpenedRepo, parseConfigAmong, readConfigAt, readTags, readWorktreeFiles, streamTagRecords, withoutRepoLocation, type GitContext, type ReadTagsOptions, type TagDetail, type TagRecord } from '@modelreg/git';
import type { Io } from './io.js';

export interface RepoHandle {
  git: GitContext;
  /** Where writes are pushed: the URL for a remote repository, else `origin`. */
  pushTarget: string;
  isRemote: boolean;
  bare: boolean;
  /** A shallow clone (CI checkouts often are): history before its boundary is missing. */
  shallow: boolean;
  /** The git directory the tag refs live in. */
  commonDir: string;
  /** A remote registry's cached clone, just checked against the remote: the digest of its tag refs (what views of it may be cached by). */
  tagsDigest?: string;
}

/**
 * The environment git runs with for `opened`. GIT_DIR, GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY… name
 * the repository here, as for git itself (a hook's, or the user's): kept for it, and for a
 * repository named by path (`-r PATH`, a registry) only when it is the one GIT_DIR names. A URL's
 * cache never gets them. Otherwise git would read the hook's repository in place of the other.
 */
function gitEnvFor(io: Io, opened: OpenedRepo, byPath: boolean): NodeJS.ProcessEnv {
  if (opened.isRemote) return withoutRepoLocation(io.env);
  const env = anchoredEnv(io.env, io.cwd);
  const named = env.GIT_DIR;
  if (!byPath || named === undefined) return env;
  return opened.gitDir !== undefined && samePath(named, opened.gitDir) ? env : withoutRepoLocation(env);
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

/** `-r/--repo`: a path (default: the current directory) or a URL, cloned once and fetched after. */
export async function openHandle(io: Io, repo: string | undefined): Promise<RepoHandle> {
  return handleOf(io, await openNamed(io, repo, {}), repo !== undefined);
}

/** The repository `repo` names; a URL whose remote stays silent longer than MODELREG_REMOTE_TIMEOUT is given up. */
async function openNamed(io: Io, repo: string | undefined, opts: OpenOptions): Promise<OpenedRepo> {
  const silence = repo === undefined ? {} : { silenceMs: remoteTimeoutMs(io.env) };
  return openRepo(repo ?? '.', { cwd: io.cwd, env: anchoredEnv(io.env, io.cwd) }, { ...opts, ...silence }).catch((e: unknown) => {
    throw e instanceof GitTimeoutError ? noAnswer(e, repo) : e;
  });
}

/** How long a remote may stay silent (list its tags, or send the next part of a fetch) before it counts as unreachable (MODELREG_REMOTE_TIMEOUT, seconds). */
const REMOTE_TIMEOUT_S = 30;

/** MODELREG_REMOTE_TIMEOUT in ms (default 30 s): a remote that accepts a connection and never answers must not hang a command. */
export function remoteTimeoutMs(env: NodeJS.ProcessEnv): number {
  const given = env.MODELREG_REMOTE_TIMEOUT;
  if (given === undefined || given.trim() === '') return REMOTE_TIMEOUT_S * 1000;
  const seconds = Number(given);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new ModelregError('usage', `MODELREG_REMOTE_TIMEOUT is '${given}', not a number of seconds`, { hint: `e.g. MODELREG_REMOTE_TIMEOUT=60 (default ${REMOTE_TIMEOUT_S})`, exitCode: 2 });
  }
  return seconds * 1000;
}

/** A remote that never answered, as one line; `url` when no registry name says which. */
export function noAnswer(e: GitTimeoutError, url?: string): ModelregError {
  return new ModelregError('remote-timeout', `no answer${url === undefined ? '' : ` from ${url}`} within ${e.timeoutMs / 1000} s (MODELREG_REMOTE_TIMEOUT sets how many seconds to wait)`);
}

/**
 * Run a write with the repository's lock held from before it reads the registry (for a URL, before
 * the fetch) to after its tags are pushed: parallel writes take turns instead of planning the same
 * version or counter, and no fetch prunes a tag that is not pushed yet.
 */
export async function withLockedHandle<T>(io: Io, repo: string | undefined, fn: (handle: RepoHandle) => Promise<T>): Promise<T> {
  const opened = await openNamed(io, repo, { lock: true });
  try {
    return await fn(handleOf(io, opened, repo !== undefined));
  } finally {
    await opened.release?.();
  }
}

/**
 * The handle of an opened repository: what git is run with, and where writes go. `byPath`: it was
 * named by a path (`-r PATH`, a registry's path), not the repository here.
 */
export function handleOf(io: Io, opened: OpenedRepo, byPath = false): RepoHandle {
  const env = gitEnvFor(io, opened, byPath);
  return {
    // A bare repository (a URL's cache entry among them) is named to git, never searched for.
    git: { cwd: opened.dir, env, ...(opened.bare ? { gitDir: opened.dir } : {}) },
    pushTarget: opened.isRemote && opened.url ? opened.url : 'origin',
    isRemote: opened.isRemote,
    bare: opened.bare,
    shallow: opened.shallow,
    commonDir: opened.commonDir,
  };
}

export interface LoadOptions {
  /** Only this artifact's tags (`refs/tags/NAME@*`, `refs/tags/NAME#*`). */
  artifact?: string;
  withCommitInfo?: boolean;
  /** `light` when no tagger identity or message will be shown (registry tables, planning). */
  detail?: TagDetail;
  /** false: ask for-each-ref, not the ref files and tag objects (which have doubted already). */
  refFiles?: false;
}

function readOptions(handle: RepoHandle, opts: LoadOptions): ReadTagsOptions {
  const prefix = opts.artifact === undefined ? undefined : `refs/tags/${artifactNameToTag(opts.artifact)}`;
  return {
    ...(opts.refFiles === false ? {} : { commonDir: handle.commonDir }),
    ...(prefix ? { patterns: [`${prefix}@*`, `${prefix}#*`] } : {}),
    ...(opts.withCommitInfo ? { withCommitInfo: true } : {}),
    ...(opts.detail ? { detail: opts.detail } : {}),
  };
}

export async function loadTags(handle: RepoHandle, opts: LoadOptions = {}): Promise<TagRecord[]> {
  return readTags(handle.git, readOptions(handle, opts));
}

/**
 * The registry alone, collected while git writes the tags: each record is indexed as it arrives
 * and dropped (less to garbage-collect), and only the sort and settling wait for git to finish.
 */
export async function loadRegistryOnly(handle: RepoHandle, opts: LoadOptions = {}): Promise<Registry> {
  let collector = registryCollector();
  await streamTagRecords(handle.git, readOptions(handle, opts), () => {
    collector = registryCollector();
    return (record) => collector.add(record);
  });
  return collector.finish();
}

export async function loadRegistry(handle: RepoHandle, opts: LoadOptions = {}): Promise<{ registry: Registry; tags: TagRecord[] }> {
  const tags = await loadTags(handle, opts);
  return { registry: buildRegistry(tags), tags };
}

/** `.modelreg.yaml` (else GTO's `.gto`) from the working tree, or from HEAD in a bare repository. */
export async function loadConfig(handle: RepoHandle): Promise<{ config: RegistryConfig; diagnostics: Diagnostic[] }> {
  if (handle.bare) return readConfigAt(handle.git, 'HEAD');
  const { files, diagnostics } = readWorktreeFiles(handle.git.cwd, CONFIG_FILES);
  const parsed = await parseConfigAmong(files);
  return { ...parsed, diagnostics: [...diagnostics, ...parsed.diagnostics] };
}

/** Load the config and refuse to write while it is broken. */
export async function loadValidConfig(handle: RepoHandle): Promise<RegistryConfig> {
  const { config, diagnostics } = await loadConfig(handle);
  const first = diagnostics.find((d) => d.severity === 'error');
  if (first) throw new ModelregError(first.code, formatDiagnostic(first), { hint: 'fix the config file first (modelreg check lists every problem)' });
  return config;
}
