// The worktree index: what `show` and `stages` take from the files of a working tree — the names
// its annotation files declare (show's `*name` rows: annotated, never registered) and its
// config's stages — kept in the repository's git directory (<common dir>/modelreg/, never
// committed) by the content of those files. A file read unchanged is not parsed again, so an
// unchanged tree loads no YAML parser nor schema validator (~10 ms of code to compile on every
// run); a changed one is parsed again. Any doubt (another format or modelreg version, a damaged
// file, another working tree's) means parsing; the answer is the same with or without it
// (`--no-cache`, MODELREG_NO_CACHE=1: the files are read as every other command reads them).
// One file per working tree and kind (annotations-KEY.json, config-KEY.json), each replaced whole.
import { readFileSync } from 'node:fs';
import { ANNOTATION_PATHSPECS, CONFIG_FILES, annotationFormat, type Diagnostic, type RegistryConfig } from '@modelreg/core';
import { anchoredEnv, listFiles, listWorktreeFilesSync, parseConfigAmong, readWorktreeFiles, selectsRepository, type GitContext, type RepoFile } from '@modelreg/git';
import { annotationsOf } from './annotation-source.js';
import type { Io } from './io.js';
import { loadConfig, type RepoHandle } from './repo.js';
import { digestOf, indexFilePath, parseIndexFile, parseJson, writeIndexFile } from './index-file.js';
import { VERSION } from './version.js';

const FORMAT = 1;

/** The annotation files of the working tree `git.cwd` is in, as paths from its top, in git's order. */
export async function listAnnotationFiles(git: GitContext): Promise<string[]> {
  const listed = await listFiles(git, { kind: 'worktree' }, { pathspecs: ANNOTATION_PATHSPECS, matches: (path) => annotationFormat(path) !== null });
  return listed.map((f) => f.path);
}

/** The same, with this process waiting for git (see runGitSync). */
export const listAnnotationFilesSync = (git: GitContext): string[] => listWorktreeFilesSync(git, ANNOTATION_PATHSPECS);

/**
 * The annotation files of the repository around `io.cwd`, listed while the command opens that
 * repository (git runs both at once): what `annotatedNames` takes as `listed` when that
 * repository is the one opened in place. Null when git could not list them from there (then
 * `annotatedNames` asks again, and says why); undefined when the environment names a repository
 * (GIT_DIR…), which `cwd` alone then does not decide.
 */
export function listAnnotationFilesEarly(io: Io): Promise<string[] | null> | undefined {
  if (selectsRepository(io.env)) return undefined;
  return listAnnotationFiles({ cwd: io.cwd, env: anchoredEnv(io.env, io.cwd) }).catch(() => null);
}

/**
 * The artifact names the annotation files declare, file by file in path order: of the working
 * tree, or HEAD's files in a bare repository (never indexed: a remote's whole view is kept by
 * view-cache.ts). `listed`: the files as `listAnnotationFilesEarly` found them, when `handle` is the
 * repository it looked in.
 */
export async function annotatedNames(handle: RepoHandle, opts: { cache: boolean; listed?: Promise<string[] | null> | undefined }): Promise<string[]> {
  if (!opts.cache || handle.bare) return (await annotationsOf(handle)).map((a) => a.name);
  const saved = savedAnnotations(handle, (await opts.listed) ?? (await listAnnotationFiles(handle.git)));
  const unread = saved.filter((f) => f.facts === undefined);
  if (unread.length > 0) {
    const { parseAnnotationFile } = await import('@modelreg/core/annotations');
    for (const f of unread) f.facts = parseAnnotationFile(f.path, f.content).annotations.map((a) => a.name);
    await writeFacts(handle, 'annotations', saved);
  }
  return saved.flatMap((f) => f.facts as string[]);
}

/**
 * The names, when every one of the working tree's annotation files `paths` (as git lists them)
 * is as it was when they were kept; null when one must be parsed.
 */
export function savedNames(handle: RepoHandle, paths: string[]): string[] | null {
  const saved = savedAnnotations(handle, paths);
  return saved.every((f) => f.facts !== undefined) ? saved.flatMap((f) => f.facts as string[]) : null;
}

/** The annotation files `paths` read as every command reads them, in path order, each with the names kept for it when it is unchanged. */
const savedAnnotations = (handle: RepoHandle, paths: string[]) => savedFacts<string[]>(handle, 'annotations', readWorktreeFiles(handle.git.cwd, [...paths].sort()).files);

/** What `show` and `stages` take from the config: its stages (undefined: any), and whether it has no error (`stages` refuses one that has). */
export interface ConfigFacts {
  stages?: string[];
  valid: boolean;
}

const factsOf = ({ config, diagnostics }: { config: RegistryConfig; diagnostics: Diagnostic[] }): ConfigFacts => ({
  ...(config.stages ? { stages: config.stages } : {}),
  valid: !diagnostics.some((d) => d.severity === 'error'),
});

/** The config's facts, as `loadConfig` reads the config: of the working tree (kept), or of HEAD in a bare repository. */
export async function configFacts(handle: RepoHandle, opts: { cache: boolean }): Promise<ConfigFacts> {
  if (!opts.cache || handle.bare) return factsOf(await loadConfig(handle));
  const { files, diagnostics } = readWorktreeFiles(handle.git.cwd, CONFIG_FILES);
  let facts = savedConfig(handle, files);
  if (!facts) {
    facts = factsOf(await parseConfigAmong(files));
    await writeFacts(handle, 'config', [{ path: configPaths(files), digest: configDigest(files), facts }]);
  }
  // A config linked out of the repository is not read: an error, as loadConfig says.
  return diagnostics.length > 0 ? { ...facts, valid: false } : facts;
}

/**
 * The facts of the config files `files` (as readWorktreeFiles read them) when they are as they
 * were when kept (no file: an empty config); null when they must be parsed.
 */
export function savedConfig(handle: RepoHandle, files: RepoFile[]): ConfigFacts | null {
  if (files.length === 0) return { valid: true };
  const saved = readFacts<ConfigFacts>(indexFile(handle, 'config'), handle.git.cwd);
  return saved?.get(key(configPaths(files), configDigest(files))) ?? null;
}

/** The config files read (either or both of CONFIG_FILES), kept as one entry: their paths, and a digest of their contents. */
const configPaths = (files: RepoFile[]) => files.map((f) => f.path).join(' ');
const configDigest = (files: RepoFile[]) => digestOf(Buffer.from(files.map((f) => `${f.path}\0${digestOf(f.content)}\0`).join('')));

type Kind = 'annotations' | 'config';

interface Saved<T> {
  path: string;
  digest: string;
  /** Undefined until known. */
  facts: T | undefined;
}

const key = (path: string, digest: string) => `${path}\0${digest}`;

const indexFile = (handle: RepoHandle, kind: Kind) => indexFilePath(handle.commonDir, kind, handle.git.cwd);

/** `files` of the working tree, each with the facts kept for it when it is unchanged. */
function savedFacts<T>(handle: RepoHandle, kind: Kind, files: RepoFile[]): (Saved<T> & RepoFile)[] {
  if (files.length === 0) return [];
  const saved = readFacts<T>(indexFile(handle, kind), handle.git.cwd);
  return files.map(({ path, content }) => {
    const digest = digestOf(content);
    return { path, content, digest, facts: saved?.get(key(path, digest)) };
  });
}

/**
 * The kept facts (by path and content digest), from an index file (see index-file.ts) whose
 * header names the format, modelreg's version and the working tree, and whose one part is the
 * entries, `[path, digest, facts]`. Anything else is nothing kept.
 */
function readFacts<T>(file: string, root: string): Map<string, T> | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  const body = parseIndexFile(bytes, ['entries'], { format: FORMAT, modelreg: VERSION, root })?.part('entries');
  const entries = body && parseJson(body.toString('utf8'));
  if (!Array.isArray(entries)) return null;
  return new Map((entries as [string, string, T][]).map(([path, digest, facts]) => [key(path, digest), facts]));
}

async function writeFacts<T>(handle: RepoHandle, kind: Kind, saved: Saved<T>[]): Promise<void> {
  const body = Buffer.from(JSON.stringify(saved.map((s) => [s.path, s.digest, s.facts])));
  await writeIndexFile(indexFile(handle, kind), { format: FORMAT, modelreg: VERSION, root: handle.git.cwd }, [['entries', body]]);
}
