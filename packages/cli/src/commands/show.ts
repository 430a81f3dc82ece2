// `modelreg show [NAME[@VERSION|@latest|#STAGE]]`: the registry, or one artifact's versions.
import {
  GTO_FILE,
  ModelregError,
  displayVersion,
  mergeStageLists,
  nearestShortcut,
  parseShortcut,
  pickRegistry,
  selectVersions,
  versionAuthor,
  withHeadVersion,
  type Registry,
  type RegistryConfig,
  type Shortcut,
  type VersionRow,
  type ViewOptions,
} from '@modelreg/core';
import type { Annotation } from '@modelreg/core/annotations';
import type { CommandResult, Io } from '../io.js';
import { loadRegistryOnly, type RepoHandle } from '../repo.js';
import { annotationsOf } from '../annotation-source.js';
import { annotatedNames, configFacts, listAnnotationFilesEarly } from '../worktree-index.js';
import { eachInView, openView, singleHandle, splitArtifact, withProblems, type View } from '../registries.js';
import { readAnnotationsAt, readHeadCommit, type HeadCommit } from '@modelreg/git';
import { renderTable } from '../table.js';
import { cachedSummary, type CachedSummary } from '../view-cache.js';
import { indexWanted, registryView, viewNames, type RegistryView } from '../summary-index.js';
import { summaryJson, summaryJsonText, toJson, versionsJson } from '../views/gto-json.js';
import { VERSIONS_HEADERS, summaryHeaders, summaryRows, summaryTable, versionsRows, versionsTable, withRepo } from '../views/tables.js';

export interface ShowOptions extends ViewOptions {
  repo?: string[];
  /** false: compute the registry view from the tags, not from the registry index (`--no-cache`). */
  cache?: boolean;
  offline?: boolean;
  json?: boolean;
  plain?: boolean;
  /** Print only the refs (registration tags) of the selected versions. */
  ref?: boolean;
  /** Print only the selected versions. */
  version?: boolean;
  /** Print only the artifact names of the registry. */
  name?: boolean;
  /** Print only the stages of each listed version. */
  stage?: boolean;
}

const OUTPUT_FLAGS = ['json', 'plain', 'name', 'version', 'stage', 'ref'] as const;

const lines = (items: string[]) => items.map((l) => l + '\n').join('');

export const NOTHING_FOUND = 'Nothing found in the current workspace\n';

/** HEAD, when `artifacts.yaml` there lists NAME: GTO then discovers a version at HEAD (see `withHeadVersion`). */
async function headListing(handle: RepoHandle, name: string): Promise<HeadCommit | null> {
  const listed = await readAnnotationsAt(handle.git, 'HEAD', [GTO_FILE]);
  return listed.some((a) => a.name === name) ? readHeadCommit(handle.git) : null;
}

async function annotationText(annotation: Annotation | undefined): Promise<string> {
  if (!annotation) return '';
  // Formatted as `describe` prints it, by the one function that does.
  const { annotationYaml } = await import('./describe.js');
  return `\n${annotationYaml(annotation)}`;
}

function parseSelector(name: string): Shortcut {
  const selector = parseShortcut(name);
  if (selector) return selector;
  const meant = nearestShortcut(name);
  throw new ModelregError('usage', `'${name}' is not an artifact selector`, {
    hint: `${meant ? `did you mean '${meant}'? ` : ''}use NAME, NAME@vX.Y.Z, NAME@latest, NAME@greatest or NAME#STAGE`,
    exitCode: 2,
  });
}

/**
 * One registry's view of `show`: its rows, stage columns (the config's, else those in use) and
 * `*name` rows. `listed`: its annotation files, when they were listed as it was opened.
 */
async function registrySummary(handle: RepoHandle, opts: ShowOptions, cache: boolean, listed?: Promise<string[] | null>): Promise<CachedSummary> {
  const [registry, annotated, config] = await Promise.all([registryView(handle, opts, { cache }), annotatedNames(handle, { cache, listed }), configFacts(handle, { cache })]);
  return summaryOf(registry, annotated, config);
}

/** One registry's view of `show`, from its registry view, the names its annotation files declare, and its config's stages. */
export function summaryOf(registry: RegistryView, annotated: string[], config: Pick<RegistryConfig, 'stages'>): CachedSummary {
  const registered = new Set(viewNames(registry));
  return {
    stages: config.stages ? [...config.stages] : registry.stages,
    configured: config.stages !== undefined,
    lines: registry.lines,
    // Annotated but never registered: listed as GTO lists them, `*name`.
    unregistered: annotated.filter((n) => !registered.has(n)),
  };
}

/** `show` of one registry, in the format the options ask for. */
export function summaryOutput({ stages, lines: listed, unregistered }: CachedSummary, opts: ShowOptions): CommandResult {
  if (opts.json) return { stdout: summaryJsonText(stages, listed, unregistered) };
  if (opts.name) return { stdout: lines(summaryRows(stages, listed, unregistered).map((cells) => cells[0] as string)) };
  if (listed.length === 0 && unregistered.length === 0) return { stdout: NOTHING_FOUND };
  return { stdout: summaryTable(stages, listed, opts.plain ? 'plain' : 'grid', unregistered) };
}

export async function show(io: Io, name: string | undefined, opts: ShowOptions): Promise<CommandResult> {
  const given = OUTPUT_FLAGS.filter((flag) => opts[flag]);
  if (given.length > 1) {
    throw new ModelregError('usage', `give one output format at a time, not ${given.map((f) => `--${f}`).join(' and ')}`, { exitCode: 2 });
  }
  if (name === undefined && (opts.ref || opts.version || opts.stage)) {
    throw new ModelregError('usage', '--ref, --version and --stage need an artifact', { hint: 'e.g. modelreg show NAME#prod --version', exitCode: 2 });
  }
  if (name !== undefined && opts.name) throw new ModelregError('usage', '--name lists the registry: give no artifact', { hint: 'e.g. modelreg show --name', exitCode: 2 });
  const cache = indexWanted(io.env, opts.cache);
  // The registry of the repository here: its annotation files are listed while it is opened.
  const early = name === undefined && cache && !opts.repo?.length ? listAnnotationFilesEarly(io) : undefined;
  const view = await openView(io, opts);
  const handle = singleHandle(view);
  if (!handle) return withProblems(view, await showMany(view, name, opts, cache));
  if (name === undefined) return summaryOutput(await registrySummary(handle, opts, cache, view.here ? early : undefined), opts);
  const selector = parseSelector(name);
  const [registry, head] = await Promise.all([
    loadRegistryOnly(handle, { artifact: selector.artifact, withCommitInfo: opts.json === true }),
    headListing(handle, selector.artifact),
  ]);
  return artifactOutput(handle, registry, head, selector, opts);
}

/**
 * `show NAME…` in one registry: its tagged versions, and the one GTO discovers at HEAD; the
 * annotation (at the selected version's commit) after the table. `repo` (several registries in
 * view) adds the column/field.
 */
async function artifactOutput(handle: RepoHandle, registry: Registry, head: HeadCommit | null, selector: Shortcut, opts: ShowOptions, repo?: string): Promise<CommandResult> {
  const tagged = registry.artifacts.get(selector.artifact);
  const artifact = head ? withHeadVersion(tagged, selector.artifact, head) : tagged;
  const rows = !artifact || (artifact.deprecated && !opts.all) ? [] : selectVersions(artifact, selector, opts);
  // A version or a stage shows the annotation at that version's commit, as describe does; --plain
  // is GTO's table alone.
  const selected = selector.version !== undefined || selector.stage !== undefined || selector.latest === true;
  const at = selected ? rows[0]?.version.commit : undefined;
  const skip = opts.json || opts.ref || opts.version || opts.stage || (opts.plain && tagged) || (selected && at === undefined);
  const annotation = skip ? undefined : (await annotationsOf(handle, at)).find((a) => a.name === selector.artifact);
  const described = await annotationText(annotation);
  if (!tagged && described) return { stdout: `'${selector.artifact}' is annotated but has no registered version\n${described}` };
  if (!artifact) {
    throw new ModelregError('artifact-not-found', `cannot find artifact '${selector.artifact}'`, {
      hint: 'list the registry with: modelreg show -d',
    });
  }
  return versionsOutput(rows, opts, described, repo);
}

/** The selected versions as refs, versions, stages, JSON or a table. */
function versionsOutput(rows: VersionRow[], opts: ShowOptions, described: string, repo?: string): CommandResult {
  if (opts.ref) return { stdout: lines(rows.map((r) => displayVersion(versionAuthor(r.version).ref))) };
  if (opts.version) return { stdout: lines(rows.map((r) => displayVersion(r.version.version))) };
  if (opts.stage) return { stdout: lines(rows.map((r) => r.stages.map((s) => s.stage).join(', '))) };
  if (opts.json) return { stdout: toJson(repo === undefined ? versionsJson(rows) : versionsJson(rows).map((v) => ({ repo, ...v }))) };
  if (rows.length === 0) return { stdout: NOTHING_FOUND + described };
  const style = opts.plain ? 'plain' : 'grid';
  const table = repo === undefined ? versionsTable(rows, style) : renderTable(['repo', ...VERSIONS_HEADERS], withRepo(repo, versionsRows(rows)), style);
  return { stdout: table + described };
}

/**
 * Several registries: the same views, each registry read by the same rules (its config's stages,
 * GTO's ordering), with a `repo` column (a `repo` field in JSON; `--name` prints REPO/NAME).
 */
async function showMany(view: View, name: string | undefined, opts: ShowOptions, cache: boolean): Promise<CommandResult> {
  if (name === undefined) {
    const viewOptions = { all: opts.all, vs: opts.versionsPerStage, av: opts.assignmentsPerVersion, sort: opts.sort, ro: opts.registeredOnly };
    const summaries = await eachInView(view, async (r) => ({
      repo: r.name,
      // A changed remote: its registry index reads again only the artifacts whose tags changed.
      ...(await cachedSummary(r.handle, viewOptions, () => registrySummary(r.handle, opts, cache))),
    }));
    const stages = mergeStageLists(summaries);
    if (opts.json) {
      const out: Record<string, unknown> = {};
      for (const s of summaries) {
        for (const [artifact, entry] of Object.entries(summaryJson(stages, s.lines, s.unregistered))) out[`${s.repo}/${artifact}`] = { repo: s.repo, ...(entry as object) };
      }
      return { stdout: toJson(out) };
    }
    const rows = summaries.flatMap((s) => withRepo(s.repo, summaryRows(stages, s.lines, s.unregistered)));
    if (opts.name) return { stdout: lines(rows.map(([repo, artifact]) => `${repo}/${artifact}`)) };
    return { stdout: rows.length === 0 ? NOTHING_FOUND : renderTable(['repo', ...summaryHeaders(stages)], rows, opts.plain ? 'plain' : 'grid') };
  }
  const parsed = parseSelector(name);
  const { repo, artifact } = splitArtifact(view, parsed.artifact);
  const selector = { ...parsed, artifact };
  const loaded = await eachInView(view, async (r) => {
    const [registry, head] = await Promise.all([
      loadRegistryOnly(r.handle, { artifact, withCommitInfo: opts.json === true }),
      headListing(r.handle, artifact),
    ]);
    return { ...r, registry, head };
  });
  // The registry holding it: by its tags, or by GTO's discovery at HEAD.
  const holders = loaded.filter((r) => r.registry.artifacts.has(artifact) || r.head !== null).map((r) => r.name);
  const holder = loaded.find((r) => r.name === pickRegistry(artifact, holders, repo)) as (typeof loaded)[number];
  return artifactOutput(holder.handle, holder.registry, holder.head, selector, opts, holder.name);
}
