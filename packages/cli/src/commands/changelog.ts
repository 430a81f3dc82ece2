// `modelreg changelog [NAME]`: read the tags, one `git log` with subjects and the trailers git
// parsed (and one more for the commits touching model paths), the link templates, all at once;
// @modelreg/changelog does the rest.
import { DVC_FILE, GTO_FILE, ModelregError, annotationFormat, assertArtifactName, type Diagnostic, type Registry, type RegistryConfig } from '@modelreg/core';
import type { Annotation } from '@modelreg/core/annotations';
import {
  CommitLog,
  buildChangelog,
  checkVersionRange,
  linksFromConfig,
  linksFromRemote,
  renderJson,
  renderMarkdown,
  type Links,
} from '@modelreg/changelog';
import { anchoredEnv, logSummaryAt, readChangedPaths, readDvcOutputChanges, readFilesAtEach, readRemoteUrl, resolveCommit, streamLogRecords, type GitContext } from '@modelreg/git';
import type { SpooledGit } from '@modelreg/git/exec';
import { startSummaryLog } from '@modelreg/git/log-args';
import { takeEarlyLog } from '../early-log.js';
import { setFlagsFromString } from 'node:v8';
import type { CommandResult, Io } from '../io.js';
import { writeOutputFile } from '../output-file.js';
import { loadRegistryOnly, type RepoHandle } from '../repo.js';
import { eachInView, loadView, openView, pickLoaded, singleHandle, splitArtifact, withProblems } from '../registries.js';

export interface ChangelogOptions {
  repo?: string[];
  offline?: boolean;
  from?: string;
  to?: string;
  format?: string;
  output?: string;
}

// A shallow clone (CI checkouts often are) has no commits before its boundary: say the changelog misses them.
const SHALLOW_WARNING =
  'modelreg: warning: this is a shallow clone, so commits before its boundary are missing — fetch the whole history first: git fetch --unshallow --tags\n';

/** Diagnostics beyond this many are counted, not listed. */
const MAX_WARNINGS = 10;

type Parsers = typeof import('@modelreg/core/annotations');

/** An artifact's path in the repository; null for a URL or an artifact marked `virtual: true`. */
function modelPath(a: Annotation, isUrl: Parsers['isUrl'], repoPathOf: Parsers['repoPathOf']): string | null {
  return a.virtual === true || a.path === undefined || isUrl(a.path) ? null : repoPathOf(a);
}

/**
 * What the annotation files and config say (the working tree's, HEAD's in a bare repository):
 * each artifact's repository path (`dir/dvc.yaml` paths are relative to `dir`; URLs and artifacts
 * marked `virtual: true` have none), the dvc.yaml files, and the changelog link templates. Read by
 * the same code as `modelreg check`, so both agree on every file.
 */
async function currentAnnotations(handle: RepoHandle): Promise<{ paths: Record<string, string>; dvcFiles: string[]; config: RegistryConfig; annotations: Annotation[] }> {
  if (handle.bare && !(await resolveCommit(handle.git, 'HEAD'))) return { paths: {}, dvcFiles: [], config: {}, annotations: [] };
  const { fileSource, readAnnotations } = await import('../annotation-source.js');
  const { source, where } = await fileSource(handle, {});
  const { annotations, config, files } = await readAnnotations(handle, source, where, false);
  const paths: Record<string, string> = {};
  if (annotations.length === 0) return { paths, dvcFiles: [], config, annotations };
  // Loaded only when there are annotations: its parsers and validators take ~15 ms to load, time
  // the main thread would otherwise take from reading git log's output.
  const { isUrl, repoPathOf } = await import('@modelreg/core/annotations');
  for (const a of annotations) {
    const path = modelPath(a, isUrl, repoPathOf);
    if (path !== null && !(a.name in paths)) paths[a.name] = path;
  }
  return { paths, dvcFiles: files.filter((f) => annotationFormat(f) === 'dvc'), config, annotations };
}

/**
 * The path each registered version of an artifact had at its commit, where it differs from today's
 * (renamed since): its annotation file at every version's commit, with one `git cat-file --batch`.
 */
async function pathsAtVersions(git: GitContext, registry: Registry, paths: Record<string, string>): Promise<Map<string, Map<string, string>>> {
  const wanted: { rev: string; path: string; name: string; version: string }[] = [];
  for (const [name, artifact] of registry.artifacts) {
    const colon = name.indexOf(':');
    const files = colon < 0 ? [DVC_FILE, GTO_FILE] : [`${name.slice(0, colon)}/${DVC_FILE}`];
    for (const v of artifact.versions.values()) if (v.registered) for (const path of files) wanted.push({ rev: v.commit, path, name, version: v.version });
  }
  const result = new Map<string, Map<string, string>>();
  if (wanted.length === 0) return result;
  const [files, { isUrl, parseAnnotationFile, repoPathOf }] = await Promise.all([readFilesAtEach(git, wanted), import('@modelreg/core/annotations')]);
  const parsed = new Map<string, Annotation[]>();
  const found = new Map(files.map((f) => [`${f.rev}:${f.path}`, f]));
  for (const w of wanted) {
    const file = found.get(`${w.rev}:${w.path}`);
    if (!file) continue;
    const key = `${file.sha} ${file.path}`;
    let annotations = parsed.get(key);
    if (!annotations) parsed.set(key, (annotations = parseAnnotationFile(file.path, file.content).annotations));
    const a = annotations.find((x) => x.name === w.name);
    const path = a ? modelPath(a, isUrl, repoPathOf) : null;
    if (path === null || path === paths[w.name]) continue;
    let byVersion = result.get(w.name);
    if (!byVersion) result.set(w.name, (byVersion = new Map()));
    byVersion.set(w.version, path);
  }
  return result;
}

/**
 * The commits that change a model path (any version's), each with the files it changes there
 * and, as DVC sees them, the outputs its dvc.lock entries and `.dvc` files change. Two reads:
 * one `git log` for the paths with the DVC files that may track them, one for those DVC files.
 */
async function modelChanges(git: GitContext, modelPaths: string[], dvcFiles: string[]): Promise<Map<string, string[]>> {
  if (modelPaths.length === 0) return new Map();
  const { dvcFilesTracking } = await import('@modelreg/core/annotations');
  const tracking = dvcFiles.length > 0 ? dvcFilesTracking(modelPaths, dvcFiles) : [];
  const changed = await readChangedPaths(git, { head: true, tags: true, paths: [...modelPaths, ...tracking] });
  if (tracking.length === 0) return changed;
  const commits = [...changed.keys()];
  const outputs = await readDvcOutputChanges(git, commits.map((sha) => ({ before: `${sha}^`, after: sha, paths: changed.get(sha) ?? [] })));
  commits.forEach((sha, i) => {
    if (outputs[i]!.length > 0) changed.set(sha, [...(changed.get(sha) ?? []), ...outputs[i]!]);
  });
  return changed;
}

/** `.modelreg.yaml` `changelog:` templates, else links derived from a GitHub/GitLab origin. */
async function readLinks(handle: RepoHandle, config: RegistryConfig): Promise<{ links: Links; diagnostics: Diagnostic[] }> {
  const origin = await readRemoteUrl(handle.git, 'origin');
  const fromConfig = linksFromConfig(config.changelog ? { changelog: config.changelog } : null, config.file);
  const fromRemote = origin === null ? null : linksFromRemote(origin);
  const commitUrl = fromConfig.links.commitUrl ?? fromRemote?.commitUrl;
  const tagUrl = fromConfig.links.tagUrl ?? fromRemote?.tagUrl;
  return { links: { ...(commitUrl ? { commitUrl } : {}), ...(tagUrl ? { tagUrl } : {}) }, diagnostics: fromConfig.diagnostics };
}

/** Problems in trailers and link templates: warnings here, since the changelog is still written (exit 0). */
function warnings(diagnostics: Diagnostic[]): string {
  const lines = diagnostics.slice(0, MAX_WARNINGS).map((d) => `modelreg: warning: ${d.message}${d.hint ? ` — ${d.hint}` : ''}\n`);
  if (diagnostics.length > MAX_WARNINGS) lines.push(`modelreg: … and ${diagnostics.length - MAX_WARNINGS} more problems\n`);
  return lines.join('');
}

export async function changelog(io: Io, name: string | undefined, opts: ChangelogOptions): Promise<CommandResult> {
  const format = opts.format ?? 'md';
  if (format !== 'md' && format !== 'json') {
    throw new ModelregError('usage', `unknown format '${format}'`, { hint: 'use --format md or --format json', exitCode: 2 });
  }
  if (name !== undefined) assertArtifactName(name);
  checkVersionRange(opts.from, opts.to);
  // No optimizing compiler from here on. A changelog runs many functions a few thousand times
  // each, and for 20,000 commits Node 20's V8 spent ~200 ms of CPU compiling them, on the cores
  // git log needs, for less than that in faster code. The baseline compiler stays. Measured
  // (median of 21 alternating runs): 20,000 commits 347 → 312 ms; 100,000 commits unchanged
  // within noise. `show` over 100,000 tags is the opposite case (1194 → 1466 ms): hence here, not
  // at start-up. Only on V8 11 (Node 20), where it was measured: later V8s compile hot code with
  // the cheaper Maglev first, and one without the flag would print an error for it.
  if (process.versions.v8.startsWith('11.')) setFlagsFromString('--max-opt=1');
  // In a local repository the log need not wait for its top to be found: git finds it from here
  // too (with the handle's environment), and the log's revisions are the whole repository's. (A
  // failure is the handle's to report.) bin.ts may have started it already (early-log.ts).
  const here = { cwd: io.cwd, env: anchoredEnv(io.env, io.cwd) };
  const early = (opts.repo ?? []).length === 0 ? startLog(here, format, takeEarlyLog() ?? startSummaryLog(here, ALL)) : null;
  early?.reading.catch(() => {});
  const view = await openView(io, opts);
  const handle = singleHandle(view);
  if (!handle || !view.here) early?.cancel();
  if (handle) {
    const { log, stderr } = await changelogIn(handle, name, opts, view.here ? early : null);
    return output(io, opts, format === 'json' ? renderJson(log) : renderMarkdown(log), stderr);
  }
  // Several registries: each one's changelog, its models marked with their registry.
  const split = name === undefined ? undefined : splitArtifact(view, name);
  const shown = split === undefined ? view.registries : [pickLoaded(await loadView(view, { artifact: split.artifact, detail: 'light' }), split.artifact, split.repo)];
  const logs = await eachInView({ ...view, registries: shown }, async (r) => ({ repo: r.name, ...(await changelogIn(r.handle, split?.artifact, opts, null)) }));
  const text =
    format === 'json'
      ? renderJson({ models: logs.flatMap(({ repo, log }) => log.models.map((m) => ({ repo, ...m }))) })
      : logs.map(({ repo, log }) => renderMarkdown(log).replace(/^# Changelog\n/, `# Changelog: ${repo}\n`)).join('\n');
  return withProblems(view, await output(io, opts, text, logs.map((l) => l.stderr).join('')));
}

/** `--output FILE` writes the file (`-` is stdout, as for most tools that write files). */
async function output(io: Io, opts: ChangelogOptions, text: string, stderr: string): Promise<CommandResult> {
  if (opts.output !== undefined && opts.output !== '-') {
    await writeOutputFile(io.cwd, opts.output, text);
    return { stdout: `Wrote ${opts.output}\n`, stderr };
  }
  return { stdout: text, stderr };
}

/**
 * Each commit's part of the work (its trailers, parents and entry) is done as it arrives, while
 * git is still printing the rest. git prints each commit's subject and parses its trailers (git's
 * rules, as `git log --format=%(trailers)`): a third less to read than whole messages.
 */
function startLog(git: GitContext, format: string | undefined, started: SpooledGit | null = null): { commits: CommitLog; reading: Promise<unknown>; cancel: () => void } {
  // JSON output: each entry's text is made as its commit arrives, not after git exits.
  const commits = new CommitLog(logSummaryAt, { json: format === 'json' });
  const reading = streamLogRecords(git, ALL, (text, start, ends) => commits.addRecord(text, start, ends), started);
  return { commits, reading, cancel: () => started?.cancel() };
}

/** The log takes HEAD and every tag. */
const ALL = { head: true, tags: true };

/**
 * One registry's changelog: everything read at once, the log (started first, it takes longest)
 * included. The registry, annotations and config read for it are handed back too (the registry page shows them).
 */
export async function changelogIn(handle: RepoHandle, name: string | undefined, opts: ChangelogOptions, early: ReturnType<typeof startLog> | null) {
  const { commits, reading } = early ?? startLog(handle.git, opts.format);
  const annotated = currentAnnotations(handle);
  const loading = loadRegistryOnly(handle, name === undefined ? {} : { artifact: name });
  const pathsAndChanges = Promise.all([annotated, loading]).then(async ([{ paths, dvcFiles }, registry]) => {
    const pathsAt = Object.keys(paths).length > 0 ? await pathsAtVersions(handle.git, registry, paths) : new Map<string, Map<string, string>>();
    const list = new Set(Object.values(paths));
    for (const byVersion of pathsAt.values()) for (const p of byVersion.values()) list.add(p);
    return { paths, pathsAt, changedPaths: await modelChanges(handle.git, [...list], dvcFiles) };
  });
  const [, registry, head, { paths, pathsAt, changedPaths }, links] = await Promise.all([
    reading,
    loading,
    resolveCommit(handle.git, 'HEAD'),
    pathsAndChanges,
    annotated.then(({ config }) => readLinks(handle, config)),
  ]);
  const log = buildChangelog({
    registry,
    commits,
    head,
    paths,
    pathsAt,
    changedPaths,
    links: links.links,
    ...(name !== undefined ? { name } : {}),
    ...(opts.from !== undefined ? { from: opts.from } : {}),
    ...(opts.to !== undefined ? { to: opts.to } : {}),
  });
  const { annotations, config } = await annotated;
  return { log, registry, annotations, config, stderr: (handle.shallow ? SHALLOW_WARNING : '') + warnings([...links.diagnostics, ...log.diagnostics]) };
}
