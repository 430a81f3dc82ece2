// `modelreg show [NAME[@VERSION|@latest|#STAGE]]`: the registry, or one artifact's versions.
import { ModelregError, parseShortcut, selectVersions, summary, summaryLines, type Artifact, type Shortcut, type ViewOptions } from '@modelreg/core';
import type { Annotation } from '@modelreg/core/annotations';
import type { CommandResult, Io } from '../io.js';
import { loadRegistryOnly, type RepoHandle } from '../repo.js';
import { eachInView, loadView, openView, pickLoaded, splitArtifact, singleHandle, withProblems, type View } from '../registries.js';
import { resolveCommit } from '@modelreg/git';
import { renderTable } from '../table.js';
import { cachedSummary } from '../view-cache.js';
import { summaryJson, toJson, versionsJson } from '../views/gto-json.js';
import { VERSIONS_HEADERS, summaryHeaders, summaryRows, summaryTable, versionsRows, versionsTable, withRepo } from '../views/tables.js';

export interface ShowOptions extends ViewOptions {
  repo?: string[];
  offline?: boolean;
  json?: boolean;
  plain?: boolean;
  /** Print only the refs (registration tags) of the selected versions. */
  ref?: boolean;
  /** Print only the selected versions. */
  version?: boolean;
}

export const NOTHING_FOUND = 'Nothing found in the current workspace\n';

/** Annotations of the working tree (HEAD in a bare repository), for listing what is not registered yet. */
// Loaded on demand: the annotation parsers and validators cost a registry table ~30 ms to load.
async function currentAnnotations(handle: RepoHandle) {
  if (handle.bare && !(await resolveCommit(handle.git, 'HEAD'))) return []; // an empty remote
  const { fileSource, readAnnotations } = await import('../annotation-source.js');
  const { source, where } = await fileSource(handle, {});
  return (await readAnnotations(handle, source, where, false)).annotations;
}

async function annotationText(annotation: Annotation | undefined): Promise<string> {
  if (!annotation) return '';
  // Formatted as `describe` prints it, by the one function that does.
  const { annotationYaml } = await import('./describe.js');
  return `\n${annotationYaml(annotation)}`;
}

const badSelector = (name: string) =>
  new ModelregError('usage', `'${name}' is not an artifact selector`, {
    hint: 'use NAME, NAME@vX.Y.Z, NAME@latest, NAME@greatest or NAME#STAGE',
    exitCode: 2,
  });

export async function show(io: Io, name: string | undefined, opts: ShowOptions): Promise<CommandResult> {
  if (name === undefined && (opts.ref || opts.version)) {
    throw new ModelregError('usage', '--ref and --version need an artifact', { hint: 'e.g. modelreg show NAME#prod --version', exitCode: 2 });
  }
  const view = await openView(io, opts);
  const handle = singleHandle(view);
  if (!handle) return withProblems(view, await showMany(view, name, opts));
  const style = opts.plain ? 'plain' : 'grid';
  if (name === undefined) {
    const [registry, annotations] = await Promise.all([loadRegistryOnly(handle, { detail: 'light' }), currentAnnotations(handle)]);
    const { stages, rows } = summary(registry, opts);
    // Annotated but never registered: listed as GTO lists them, `*name`.
    const unregistered = annotations.map((a) => a.name).filter((n) => !registry.artifacts.has(n));
    if (opts.json) return { stdout: toJson(summaryJson(stages, summaryLines(rows), unregistered)) };
    if (rows.length === 0 && unregistered.length === 0) return { stdout: NOTHING_FOUND };
    return { stdout: summaryTable(stages, summaryLines(rows), style, unregistered) };
  }
  const selector = parseShortcut(name);
  if (!selector) throw badSelector(name);
  const registry = await loadRegistryOnly(handle, { artifact: selector.artifact, withCommitInfo: opts.json === true });
  const artifact = registry.artifacts.get(selector.artifact);
  const annotation = opts.json || opts.ref || opts.version ? undefined : (await currentAnnotations(handle)).find((a) => a.name === selector.artifact);
  const described = await annotationText(annotation);
  if (!artifact) {
    if (described) return { stdout: `'${selector.artifact}' is annotated but has no registered version\n${described}` };
    throw new ModelregError('artifact-not-found', `cannot find artifact '${selector.artifact}'`, {
      hint: 'list the registry with: modelreg show -d',
    });
  }
  return versionsOutput(artifact, selector, opts, described);
}

/** `show NAME…`: the selected versions as refs, versions, JSON or a table; `repo` adds the column/field. */
function versionsOutput(artifact: Artifact, selector: Shortcut, opts: ShowOptions, described: string, repo?: string): CommandResult {
  const rows = artifact.deprecated && !opts.all ? [] : selectVersions(artifact, selector, opts);
  if (opts.ref) return { stdout: rows.map((r) => (r.version.registered ? r.version.created.tag : r.version.version) + '\n').join('') };
  if (opts.version) return { stdout: rows.map((r) => r.version.version + '\n').join('') };
  if (opts.json) return { stdout: toJson(repo === undefined ? versionsJson(rows) : versionsJson(rows).map((v) => ({ repo, ...v }))) };
  if (rows.length === 0) return { stdout: NOTHING_FOUND + described };
  const style = opts.plain ? 'plain' : 'grid';
  const table = repo === undefined ? versionsTable(rows, style) : renderTable(['repo', ...VERSIONS_HEADERS], withRepo(repo, versionsRows(rows)), style);
  return { stdout: table + described };
}

/** Several registries: the same views with a `repo` column (a `repo` field in JSON). */
async function showMany(view: View, name: string | undefined, opts: ShowOptions): Promise<CommandResult> {
  const style = opts.plain ? 'plain' : 'grid';
  if (name === undefined) {
    const viewOptions = { all: opts.all, vs: opts.versionsPerStage, av: opts.assignmentsPerVersion, sort: opts.sort, ro: opts.registeredOnly };
    const summaries = await eachInView(view, async (r) => ({
      repo: r.name,
      ...(await cachedSummary(r.handle, viewOptions, async () => {
        const { stages, rows } = summary(await loadRegistryOnly(r.handle, { detail: 'light' }), opts);
        return { stages, lines: summaryLines(rows) };
      })),
    }));
    const stages = [...new Set(summaries.flatMap((s) => s.stages))].sort();
    if (opts.json) {
      const out: Record<string, unknown> = {};
      for (const s of summaries) {
        for (const [artifact, entry] of Object.entries(summaryJson(stages, s.lines))) out[`${s.repo}/${artifact}`] = { repo: s.repo, ...(entry as object) };
      }
      return { stdout: toJson(out) };
    }
    const rows = summaries.flatMap((s) => withRepo(s.repo, summaryRows(stages, s.lines)));
    return { stdout: rows.length === 0 ? NOTHING_FOUND : renderTable(['repo', ...summaryHeaders(stages)], rows, style) };
  }
  const parsed = parseShortcut(name);
  if (!parsed) throw badSelector(name);
  const { repo, artifact: artifactName } = splitArtifact(view, parsed.artifact);
  const selector = { ...parsed, artifact: artifactName };
  const loaded = await loadView(view, { artifact: selector.artifact, withCommitInfo: opts.json === true });
  const holder = pickLoaded(loaded, selector.artifact, repo);
  const artifact = holder.registry.artifacts.get(selector.artifact) as Artifact;
  const annotation = opts.json || opts.ref || opts.version ? undefined : (await currentAnnotations(holder.handle)).find((a) => a.name === selector.artifact);
  return versionsOutput(artifact, selector, opts, await annotationText(annotation), holder.name);
}
