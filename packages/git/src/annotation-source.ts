// Reading a repository's annotation files and config, from the working tree, the index or a
// revision, with a fixed number of git calls however many files there are. Shared by the CLI
// (check, show, describe, annotate, changelog) and the commit-msg rules' context.
import { ANNOTATION_PATHSPECS, CONFIG_FILES, DVC_TRACKING_PATHSPECS, annotationFormat, isDvcTrackingFile, type Diagnostic, type RegistryConfig } from '@modelreg/core';
import type { Annotation } from '@modelreg/core/annotations';
import { catFileBatch, existingPaths, listFiles, readListedFiles, type FileSource, type RepoFile } from './files.js';
import type { GitContext } from './exec.js';
import { readFilesAt } from './staged.js';

export interface RepoAnnotations {
  annotations: Annotation[];
  /** Problems in the annotation files, the config and their integrity. */
  diagnostics: Diagnostic[];
  config: RegistryConfig;
  files: string[];
}

export interface ReadAnnotationsOptions {
  /** How the source is named in messages ("the index (staged files)"). */
  where: string;
  /** Check the rules that span files: unique names, paths that exist, types (default true). */
  integrity?: boolean;
}

/** Read, parse and validate every annotation file and the config of a source. */
export async function readRepoAnnotations(ctx: GitContext, source: FileSource, opts: ReadAnnotationsOptions): Promise<RepoAnnotations> {
  const configSpecs = CONFIG_FILES.map((f) => `:(top,literal)${f}`);
  const isConfig = (path: string) => (CONFIG_FILES as readonly string[]).includes(path);
  const listed = await listFiles(ctx, source, {
    pathspecs: [...ANNOTATION_PATHSPECS, ...configSpecs],
    matches: (path) => isConfig(path) || annotationFormat(path) !== null,
  });
  // The parsers and validators (~30 ms to load) load while git reads the files, and only when
  // there is an annotation file: a command over a repository with none (show, changelog) skips them.
  const parsers = listed.some((f) => !isConfig(f.path)) ? import('@modelreg/core/annotations') : undefined;
  parsers?.catch(() => {});
  const { files, diagnostics } = await readListedFiles(ctx, source, listed);
  const annotations: Annotation[] = [];
  const { config, diagnostics: configProblems } = await parseConfigAmong(files);
  diagnostics.push(...configProblems);
  const annotationFiles = files.filter((f) => !isConfig(f.path)).sort((a, b) => (a.path < b.path ? -1 : 1));
  if (annotationFiles.length === 0 || parsers === undefined) return { annotations, diagnostics, config, files: [] };
  const { checkAnnotations, dvcReferencedPaths, dvcTrackedOutputs, parseAnnotationFile, referencedPaths } = await parsers;
  for (const file of annotationFiles) {
    const parsed = parseAnnotationFile(file.path, file.content, { modelCard: config.annotations?.model_card ?? 'warn' });
    annotations.push(...parsed.annotations);
    diagnostics.push(...parsed.diagnostics);
  }
  if (opts.integrity ?? true) {
    const exists = await existingPaths(ctx, source, referencedPaths(annotations));
    // DVC's files are read only when a dvc.yaml path is not in Git: it may be a DVC output.
    const missing = dvcReferencedPaths(annotations).some((p) => !exists.has(p));
    const tracking = missing ? await readDvcTrackingFiles(ctx, source) : undefined;
    if (tracking) diagnostics.push(...tracking.diagnostics);
    const dvcOutputs = tracking ? dvcTrackedOutputs([...annotationFiles, ...tracking.files]) : undefined;
    diagnostics.push(...checkAnnotations({ annotations, config, existingPaths: exists, where: opts.where, ...(dvcOutputs ? { dvcOutputs } : {}) }));
  }
  return { annotations, diagnostics, config, files: annotationFiles.map((f) => f.path) };
}

/** The dvc.lock and `.dvc` files of a source (dvc.yaml files are annotation files, read already). */
async function readDvcTrackingFiles(ctx: GitContext, source: FileSource): Promise<{ files: RepoFile[]; diagnostics: Diagnostic[] }> {
  const listed = await listFiles(ctx, source, { pathspecs: DVC_TRACKING_PATHSPECS, matches: (path) => isDvcTrackingFile(path) });
  return readListedFiles(ctx, source, listed);
}

export interface ConfigFile {
  config: RegistryConfig;
  diagnostics: Diagnostic[];
  /** The file it came from; null when there is none (an empty config). */
  file: string | null;
}

/** The config among `files` (`.modelreg.yaml`, else GTO's `.gto`), parsed; an empty one when neither is there. */
export async function parseConfigAmong(files: readonly RepoFile[]): Promise<ConfigFile> {
  const file = CONFIG_FILES.map((name) => files.find((f) => f.path === name)).find((f) => f !== undefined);
  if (!file) return { config: {}, diagnostics: [], file: null };
  return { ...(await import('@modelreg/core/config')).parseConfig(file.content, file.path), file: file.path };
}

/** The config as committed at `rev` (pre-push, and the CLI in a bare repository): one git call for both files. */
export async function readConfigAt(ctx: GitContext, rev: string): Promise<ConfigFile> {
  return parseConfigAmong(await readFilesAt(ctx, rev, [...CONFIG_FILES]));
}

/**
 * The config as committed at each of `commits` (the history rules judge a tag by the config of its
 * own commit): one `git cat-file --batch` for all of them; a file unchanged between commits is
 * parsed once.
 */
export async function readConfigsAt(ctx: GitContext, commits: Iterable<string>): Promise<Map<string, ConfigFile>> {
  const list = [...commits];
  const answers = await catFileBatch(ctx, list.flatMap((c) => CONFIG_FILES.map((path) => `${c}:${path}`)));
  const parsed = new Map<string, Promise<ConfigFile>>();
  const result = new Map<string, ConfigFile>();
  for (const [i, commit] of list.entries()) {
    const files = CONFIG_FILES.flatMap((path, k) => {
      const answer = answers[i * CONFIG_FILES.length + k];
      return answer?.type === 'blob' ? [{ path, sha: answer.sha, content: answer.content }] : [];
    });
    const key = files.map((f) => `${f.path}:${f.sha}`).join(' ');
    let config = parsed.get(key);
    if (!config) parsed.set(key, (config = parseConfigAmong(files)));
    result.set(commit, await config);
  }
  return result;
}

/** The annotations that annotation files `paths` held at `rev` (missing files hold none): one git call. */
export async function readAnnotationsAt(ctx: GitContext, rev: string, paths: string[]): Promise<Annotation[]> {
  if (paths.length === 0) return [];
  const [files, { parseAnnotationFile }] = await Promise.all([readFilesAt(ctx, rev, paths), import('@modelreg/core/annotations')]);
  return files.flatMap((f) => parseAnnotationFile(f.path, f.content).annotations);
}
