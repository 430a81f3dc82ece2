// The registries a command shows: one (the current repository, or `-r`), or several (`-r` given
// more than once, or `registries:` in .modelreg.yaml). Remotes are brought up to date in a bounded
// pool; one that cannot be read is a line naming it, and the others are still shown.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CONFIG_FILES, ModelregError, assertDistinctNames, formatDiagnostic, isModelregError, pickRegistry, registryNameOf, splitRegistry, type Registry, type RegistryConfig } from '@modelreg/core';
import { GitError, GitTimeoutError, RepoNotFoundError, anchoredEnv, isUrlLike, mapLimited, openRepo, readWorktreeFiles, syncRemoteTags, type RepoFile } from '@modelreg/git';
import type { CommandResult, Io } from './io.js';
import { handleOf, loadConfig, loadRegistryOnly, noAnswer, openHandle, remoteTimeoutMs, type LoadOptions, type RepoHandle } from './repo.js';

export interface ViewOptions {
  /** `-r`, in the order given (repeatable). */
  repo?: string[];
  /** Use cached clones as they are: no ls-remote, no fetch. */
  offline?: boolean;
  /** Machine output: no progress lines. */
  json?: boolean;
}

export interface RegistryInView {
  name: string;
  handle: RepoHandle;
}

export interface View {
  registries: RegistryInView[];
  /** The one registry is the current repository, opened in place (no -r, no registries:). */
  here?: boolean;
  /** One line per registry that could not be read. */
  problems: string[];
}

interface Source {
  name: string;
  /** A URL, or a path relative to `base`. */
  location: string;
  base: string;
}

/** Remotes synced at once: enough to hide network latency, few enough for a small CI runner. */
const POOL_SIZE = 4;
/** A remote slower than this gets a progress line (on a terminal). */
const PROGRESS_AFTER_MS = 1000;
/** The one registry in view, or null when there are several (tables then gain a `repo` column, JSON a `repo` field). */
export const singleHandle = (view: View): RepoHandle | null =>
  view.registries.length === 1 && view.problems.length === 0 ? (view.registries[0] as RegistryInView).handle : null;

/**
 * `registries:` of the current repository's config (its working tree: a bare repository is a
 * registry, not a hub). The text is looked at first, so a plain repository parses nothing more.
 */
async function configuredSources(handle: RepoHandle): Promise<Source[]> {
  if (handle.bare) return [];
  if (!namesRegistries(readWorktreeFiles(handle.git.cwd, CONFIG_FILES).files)) return [];
  const { config, diagnostics } = await loadConfig(handle);
  // A broken registries: list would silently show less: refuse it (other config problems are check's to report).
  const broken = diagnostics.find((d) => d.severity === 'error' && d.field?.startsWith('registries'));
  if (broken) throw new ModelregError(broken.code, formatDiagnostic(broken), { hint: 'fix registries: in the config (modelreg check lists every problem)' });
  return sourcesOf(config, handle.git.cwd);
}

/** Whether a config among `files` may list registries (`registries:`): only then is it parsed to open them. */
export const namesRegistries = (files: readonly RepoFile[]): boolean => files.some((f) => /^registries\s*:/m.test(f.content.toString()));

function sourcesOf(config: RegistryConfig, base: string): Source[] {
  return (config.registries ?? []).map((r) => ({ name: r.name, location: 'url' in r && r.url !== undefined ? r.url : (r.path as string), base }));
}

/** A URL's cached clone, up to date with its tags; a path, in place (an existing path wins over scp-like `host:path`, as for `-r`). */
async function openSource(io: Io, source: Source, opts: { offline: boolean; timeoutMs: number }): Promise<RepoHandle> {
  const env = anchoredEnv(io.env, io.cwd);
  const path = resolve(source.base, source.location);
  const isPath = !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(source.location) && (await stat(path).catch(() => null)) !== null;
  if (!isPath && isUrlLike(source.location)) {
    const synced = await syncRemoteTags(source.location, { env, ...opts }).catch((e: unknown) => {
      throw e instanceof GitTimeoutError ? noAnswer(e) : e;
    });
    const handle = handleOf(io, { dir: synced.dir, isRemote: true, url: source.location, bare: true, shallow: false, commonDir: synced.dir });
    return synced.digest !== undefined ? { ...handle, tagsDigest: synced.digest } : handle;
  }
  return handleOf(io, await openRepo(path, { cwd: io.cwd, env }), true);
}

/** One line naming the registry and what went wrong. */
function problemLine(source: { name: string; location?: string }, e: unknown): string {
  const where = source.location === undefined ? '' : ` (${source.location})`;
  if (e instanceof GitError || e instanceof RepoNotFoundError || isModelregError(e)) {
    return `modelreg: registry '${source.name}'${where}: ${e.message}`;
  }
  throw e;
}

/** On a terminal, and not for JSON: a line for a remote still busy after a second. Returns the function that says it is done. */
export function progress(io: Pick<Io, 'stderr'>, opts: ViewOptions, source: { name: string; location: string }): () => void {
  if (opts.json || !io.stderr.isTTY) return () => {};
  const timer = setTimeout(() => io.stderr.write(`modelreg: reading ${source.name} (${source.location})…\n`), PROGRESS_AFTER_MS);
  return () => clearTimeout(timer);
}

export async function openView(io: Io, opts: ViewOptions): Promise<View> {
  const given = opts.repo ?? [];
  let sources: Source[];
  if (given.length > 1 || (given.length === 1 && opts.offline)) {
    sources = given.map((location) => ({ name: registryNameOf(location), location, base: io.cwd }));
    assertDistinctNames(sources.map((s) => s.name));
  } else {
    const handle = await openHandle(io, given[0]);
    sources = given.length === 0 ? await configuredSources(handle) : [];
    if (sources.length === 0) return { registries: [{ name: registryNameOf(given[0] ?? handle.git.cwd), handle }], problems: [], here: given.length === 0 };
  }
  // One plain copy of the environment: every remote copies it again, and copying process.env is slow.
  const local = { ...io, env: { ...io.env } };
  const sync = { offline: opts.offline === true, timeoutMs: remoteTimeoutMs(io.env) };
  const opened = await mapLimited(sources, POOL_SIZE, async (source) => {
    const done = progress(io, opts, source);
    try {
      return { name: source.name, handle: await openSource(local, source, sync) };
    } catch (e) {
      return problemLine(source, e);
    } finally {
      done();
    }
  });
  return {
    registries: opened.filter((o): o is RegistryInView => typeof o !== 'string'),
    problems: opened.filter((o): o is string => typeof o === 'string'),
  };
}

export interface LoadedRegistry extends RegistryInView {
  registry: Registry;
}

/** `task` over every registry of the view, in a bounded pool; a registry it fails on becomes a problem line. */
export async function eachInView<R>(view: View, task: (r: RegistryInView) => Promise<R>): Promise<R[]> {
  const results = await mapLimited(view.registries, POOL_SIZE, async (r) => {
    try {
      return { ok: await task(r), problem: undefined };
    } catch (e) {
      return { ok: undefined, problem: problemLine(r, e) };
    }
  });
  // Problems in view order, whatever order the pool finished in.
  const ok: R[] = [];
  for (const r of results) {
    if (r.problem !== undefined) view.problems.push(r.problem);
    else ok.push(r.ok as R);
  }
  return ok;
}

/** Every registry of the view read. */
export function loadView(view: View, opts: LoadOptions = {}): Promise<LoadedRegistry[]> {
  return eachInView(view, async (r) => ({ ...r, registry: await loadRegistryOnly(r.handle, opts) }));
}

/** The command's output, with the problem lines on stderr and exit code 1 when there are any. */
export function withProblems(view: View, result: CommandResult): CommandResult {
  if (view.problems.length === 0) return result;
  return { ...result, stderr: (result.stderr ?? '') + view.problems.map((p) => p + '\n').join(''), exitCode: 1 };
}

/** `REPO/NAME` split when REPO is a registry of the view (plain names have no repo). */
export function splitArtifact(view: View, artifact: string): { repo?: string; artifact: string } {
  const { repo, rest } = splitRegistry(artifact, view.registries.map((r) => r.name));
  return { ...(repo !== undefined ? { repo } : {}), artifact: rest };
}

/** The one loaded registry holding `artifact` (named by `repo`, or unique); else an error listing the candidates. */
export function pickLoaded(loaded: LoadedRegistry[], artifact: string, repo?: string): LoadedRegistry {
  const name = pickRegistry(artifact, loaded.filter((r) => r.registry.artifacts.has(artifact)).map((r) => r.name), repo);
  return loaded.find((r) => r.name === name) as LoadedRegistry;
}
