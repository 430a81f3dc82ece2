// Opening the repository a command works on, and reading its tags and config through @modelreg/git.
import { isAbsolute, join, resolve } from 'node:path';
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
import { WORKTREE_READ_LIMIT, openRepo, parseConfigAmong, readConfigAt, readFileCapped, readTags, streamTagRecords, type GitContext, type ReadTagsOptions, type TagDetail, type TagRecord } from '@modelreg/git';
import type { Io } from './io.js';

export interface RepoHandle {
  git: GitContext;
  /** Where writes are pushed: the URL for a remote repository, else `origin`. */
  pushTarget: string;
  isRemote: boolean;
  bare: boolean;
  /** A shallow clone (CI checkouts often are): history before its boundary is missing. */
  shallow: boolean;
  /** A remote registry's cached clone, just checked against the remote: the digest of its tag refs (what views of it may be cached by). */
  tagsDigest?: string;
}

// Git reads these relative to where it runs; ours run at the repository's top, not where the user was.
const RELATIVE_GIT_PATHS = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR'];

/** The environment with those variables made absolute from `cwd`. */
export function anchoredEnv(env: NodeJS.ProcessEnv, cwd: string): NodeJS.ProcessEnv {
  const relative = RELATIVE_GIT_PATHS.filter((name) => env[name] && !isAbsolute(env[name] as string));
  if (relative.length === 0) return env;
  const out = { ...env };
  for (const name of relative) out[name] = resolve(cwd, env[name] as string);
  return out;
}

/** `-r/--repo`: a path (default: the current directory) or a URL, cloned once and fetched after. */
export async function openHandle(io: Io, repo: string | undefined): Promise<RepoHandle> {
  const env = anchoredEnv(io.env, io.cwd);
  const opened = await openRepo(repo ?? '.', { cwd: io.cwd, env });
  return {
    git: { cwd: opened.dir, env },
    pushTarget: opened.isRemote && opened.url ? opened.url : 'origin',
    isRemote: opened.isRemote,
    bare: opened.bare,
    shallow: opened.shallow,
  };
}

export interface LoadOptions {
  /** Only this artifact's tags (`refs/tags/NAME@*`, `refs/tags/NAME#*`). */
  artifact?: string;
  withCommitInfo?: boolean;
  /** `light` when no tagger identity or message will be shown (registry tables, planning). */
  detail?: TagDetail;
}

function readOptions(opts: LoadOptions): ReadTagsOptions {
  const prefix = opts.artifact === undefined ? undefined : `refs/tags/${artifactNameToTag(opts.artifact)}`;
  return {
    ...(prefix ? { patterns: [`${prefix}@*`, `${prefix}#*`] } : {}),
    ...(opts.withCommitInfo ? { withCommitInfo: true } : {}),
    ...(opts.detail ? { detail: opts.detail } : {}),
  };
}

export async function loadTags(handle: RepoHandle, opts: LoadOptions = {}): Promise<TagRecord[]> {
  return readTags(handle.git, readOptions(opts));
}

/**
 * The registry alone, collected while git writes the tags: each record is indexed as it arrives
 * and dropped (less to garbage-collect), and only the sort and settling wait for git to finish.
 */
export async function loadRegistryOnly(handle: RepoHandle, opts: LoadOptions = {}): Promise<Registry> {
  const collector = registryCollector();
  await streamTagRecords(handle.git, readOptions(opts), (record) => collector.add(record));
  return collector.finish();
}

export async function loadRegistry(handle: RepoHandle, opts: LoadOptions = {}): Promise<{ registry: Registry; tags: TagRecord[] }> {
  const tags = await loadTags(handle, opts);
  return { registry: buildRegistry(tags), tags };
}

/** `.modelreg.yaml` (else GTO's `.gto`) from the working tree, or from HEAD in a bare repository. */
export async function loadConfig(handle: RepoHandle): Promise<{ config: RegistryConfig; diagnostics: Diagnostic[] }> {
  if (handle.bare) return readConfigAt(handle.git, 'HEAD');
  return parseConfigAmong(
    CONFIG_FILES.flatMap((path) => {
      const content = readFileCapped(join(handle.git.cwd, path), WORKTREE_READ_LIMIT);
      return content === null ? [] : [{ path, content }];
    }),
  );
}

/** Load the config and refuse to write while it is broken. */
export async function loadValidConfig(handle: RepoHandle): Promise<RegistryConfig> {
  const { config, diagnostics } = await loadConfig(handle);
  const first = diagnostics.find((d) => d.severity === 'error');
  if (first) throw new ModelregError(first.code, formatDiagnostic(first), { hint: 'fix the config file first (modelreg check lists every problem)' });
  return config;
}
