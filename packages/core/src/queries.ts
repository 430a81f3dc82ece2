// Read-side questions about a registry: what `show`, `history` and `stages` answer (GTO semantics).
import { compareEvents, newVersion, type Artifact, type CommitInput, type ModelVersion, type Registry, type RegistryEvent, type VersionStage } from './registry.js';
import { compareVersions, isValidVersion } from './semver.js';

export type VersionSort = 'timestamp' | 'semver';

export interface ViewOptions {
  /** Include deprecated artifacts and deregistered versions (`-d/--deprecated`). */
  all?: boolean;
  /** Versions per stage to list; -1 for all (`--vs`, default 1). */
  versionsPerStage?: number;
  /** Assignments per version to list; -1 for all (`--av`, default -1). */
  assignmentsPerVersion?: number;
  sort?: VersionSort;
  /** Only versions that were explicitly registered (`--ro`). */
  registeredOnly?: boolean;
}

const SHA_RE = /^[0-9a-f]{40}$/;
/** Unregistered versions are named by their commit: show it short, as GTO does. */
export const displayVersion = (v: string) => (SHA_RE.test(v) ? v.slice(0, 7) : v);

function limit<T>(items: T[], n: number | undefined): T[] {
  return n === undefined || n < 0 ? items : items.slice(0, n);
}

/**
 * GTO's listing order: SemVer-descending, then versions named otherwise (commit ids, reverse name
 * order). `show NAME` and `show NAME#STAGE` list in this order whatever `--sort`.
 */
export function compareListing(a: ModelVersion, b: ModelVersion): number {
  const semverA = isValidVersion(a.version);
  if (semverA !== isValidVersion(b.version)) return semverA ? -1 : 1;
  return -compareVersions(a.version, b.version);
}

/** Versions of an artifact that a view lists, in listing order. */
export function listedVersions(artifact: Artifact, opts: ViewOptions = {}): ModelVersion[] {
  const versions = [...artifact.versions.values()].filter(
    (v) => (opts.all || v.active) && (!opts.registeredOnly || v.registered),
  );
  return versions.sort(compareListing);
}

/** Highest SemVer among active registered versions. */
export function latestVersion(artifact: Artifact): ModelVersion | undefined {
  let best: ModelVersion | undefined;
  for (const v of artifact.versions.values()) {
    if (v.registered && v.active && (!best || compareVersions(v.version, best.version) > 0)) best = v;
  }
  return best;
}

/**
 * Who holds each stage, as GTO decides it: each active version (registered only with `--ro`) keeps
 * its `--av` oldest active stages; then each stage takes up to `--vs` of them, the most recent
 * assignment first (the highest version first with `sort: 'semver'`). Unassigning the holder falls
 * back to the previous active one; a deregistered version holds no stage. Stages are in the order
 * they are first met, which is the order `show NAME` lists a version's stages in.
 */
export function stageHolders(artifact: Artifact, opts: ViewOptions = {}): Map<string, VersionStage[]> {
  const byRecency = opts.sort !== 'semver';
  const versions: ModelVersion[] = [];
  for (const v of artifact.versions.values()) if (v.stages.size > 0 && v.active && (v.registered || !opts.registeredOnly)) versions.push(v);
  // Sorted by recency, the candidates' order is their assignments' (each has its own place in
  // the artifact's events): the versions' order need not be known. `show` sums up every artifact.
  if (!byRecency) versions.sort(compareListing);
  const candidates: VersionStage[] = [];
  for (const v of versions) {
    const active: VersionStage[] = [];
    for (const vs of v.stages.values()) if (vs.active) active.push(vs);
    if (active.length > 1) active.sort((a, b) => a.activatedSeq - b.activatedSeq);
    for (const vs of limit(active, opts.assignmentsPerVersion)) candidates.push(vs);
  }
  if (byRecency && candidates.length > 1) candidates.sort((a, b) => b.activatedSeq - a.activatedSeq);
  const perStage = opts.versionsPerStage ?? 1;
  const holders = new Map<string, VersionStage[]>();
  for (const vs of candidates) {
    const list = holders.get(vs.stage);
    if (!list) holders.set(vs.stage, perStage === 0 ? [] : [vs]);
    else if (perStage < 0 || list.length < perStage) list.push(vs);
  }
  return holders;
}

export interface VersionRow {
  version: ModelVersion;
  /** Stages this version holds within the view's limits, in the order `stageHolders` meets them. */
  stages: VersionStage[];
}

/** Rows of `show NAME`: each listed version (listing order) with the stages it holds. */
export function versionRows(artifact: Artifact, opts: ViewOptions = {}): VersionRow[] {
  const held = new Map<string, VersionStage[]>();
  for (const list of stageHolders(artifact, opts).values()) {
    for (const vs of list) held.set(vs.version, [...(held.get(vs.version) ?? []), vs]);
  }
  return listedVersions(artifact, opts).map((version) => ({ version, stages: held.get(version.version) ?? [] }));
}

/** Artifacts a view lists (deprecated ones only with `all`). */
export function listedArtifacts(registry: Registry, opts: ViewOptions = {}): Artifact[] {
  return [...registry.artifacts.values()].filter((a) => opts.all || !a.deprecated);
}

/** Stages held by some active version of the given artifacts, sorted by name. */
export function usedStages(artifacts: Iterable<Artifact>): string[] {
  const stages = new Set<string>();
  for (const artifact of artifacts) for (const stage of stageHolders(artifact).keys()) stages.add(stage);
  return [...stages].sort();
}

/**
 * The registry's stages (`stages`, and the columns of `show`): the config's list when it sets one
 * (even unused), else the stages in use by any artifact, deprecated ones included.
 */
export function registryStages(registry: Registry, configStages: readonly string[] | undefined): string[] {
  return configStages ? [...configStages] : usedStages(registry.artifacts.values());
}

export interface SummaryRow {
  artifact: Artifact;
  latest: ModelVersion | undefined;
  /** For each stage, its holders within `versionsPerStage`, the first one the current holder. */
  stages: Map<string, VersionStage[]>;
}

/** Where an artifact's row goes in GTO's state order, comparable without the artifact (see stateOrderKey). */
export type StateOrderKey = [rank: number, time: number, priority: number, counter: number, tag: string];

/**
 * Where an artifact's first tag of each kind falls in the order GTO reads its tags: the rank of
 * that kind, then that event's place in registry order (compareEvents' fields).
 */
function stateOrderKey(a: Artifact): StateOrderKey {
  const deprecation = a.events.find((e) => e.kind === 'deprecation');
  const version = deprecation ? undefined : a.events.find((e) => e.kind === 'registration' || e.kind === 'deregistration');
  const [rank, first] = deprecation ? [0, deprecation] : version ? [1, version] : [2, a.events[0] as RegistryEvent];
  return [rank, first.time, first.priority, first.counter ?? 0, first.tag];
}

function compareOrder(a: StateOrderKey, b: StateOrderKey): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3] || (a[4] < b[4] ? -1 : a[4] > b[4] ? 1 : 0);
}

/**
 * Artifacts in the order GTO's state holds them (its `show --json` key order): it reads deprecation
 * tags first, then (de)registrations, then stage tags, each by time, and adds an artifact when it
 * first meets it.
 */
function stateOrder(artifacts: Artifact[]): Artifact[] {
  const keys = new Map(artifacts.map((a) => [a, stateOrderKey(a)]));
  return artifacts.sort((a, b) => compareOrder(keys.get(a) as StateOrderKey, keys.get(b) as StateOrderKey));
}

/** The registry view of `show`: one row per artifact (GTO's state order), one column per registry stage. */
export function summary(registry: Registry, opts: ViewOptions & { configStages?: readonly string[] } = {}): { stages: string[]; rows: SummaryRow[] } {
  const rows = stateOrder(listedArtifacts(registry, opts)).map((artifact) => ({
    artifact,
    latest: latestVersion(artifact),
    stages: stageHolders(artifact, opts),
  }));
  return { stages: registryStages(registry, opts.configStages), rows };
}

/**
 * What the registry view of `show` holds of one artifact, computed from that artifact alone: the
 * rows of a registry are these, ordered (summaryOf). A cache may keep them for artifacts whose
 * tags did not change.
 */
export interface ArtifactSummary {
  name: string;
  /** Its row; null when the view does not list it (deprecated, without `all`). */
  line: SummaryLine | null;
  order: StateOrderKey;
  /** The stages its active versions hold (what `usedStages` counts, deprecated or not). */
  stages: string[];
}

export function artifactSummary(artifact: Artifact, opts: ViewOptions = {}): ArtifactSummary {
  const holders = stageHolders(artifact, opts);
  const listed = opts.all || !artifact.deprecated;
  const line = listed ? (summaryLines([{ artifact, latest: latestVersion(artifact), stages: holders }])[0] as SummaryLine) : null;
  const used = isDefaultView(opts) ? holders : stageHolders(artifact);
  return { name: artifact.name, line, order: stateOrderKey(artifact), stages: [...used.keys()] };
}

/** Options under which stageHolders holds the stages `usedStages` counts (`--vs` and `--sort` change only who holds them). */
const isDefaultView = (opts: ViewOptions) => opts.registeredOnly !== true && (opts.assignmentsPerVersion ?? -1) < 0;

/** The registry view from its artifacts' summaries: rows in GTO's state order, and the stage columns. */
export function summaryOf(artifacts: readonly ArtifactSummary[], configStages?: readonly string[]): { stages: string[]; lines: SummaryLine[] } {
  const listed = artifacts.filter((a) => a.line !== null).sort((a, b) => compareOrder(a.order, b.order));
  let stages: string[];
  if (configStages) stages = [...configStages];
  else {
    const used = new Set<string>();
    for (const a of artifacts) for (const stage of a.stages) used.add(stage);
    stages = [...used].sort();
  }
  return { stages, lines: listed.map((a) => a.line as SummaryLine) };
}

/** Who made an object and when, as GTO shows it (`created_at`, `author`, `message`, `ref`). */
export interface Authorship {
  time: number;
  tz: string;
  author: string;
  authorEmail: string;
  message: string;
  ref: string;
}

const ofEvent = (e: RegistryEvent): Authorship => ({ time: e.time, tz: e.tz, author: e.author, authorEmail: e.authorEmail, message: e.message, ref: e.tag });

/** A version no tag names (discovered from `artifacts.yaml`) is authored by its commit. */
function ofCommit(v: ModelVersion): Authorship {
  const c = v.commitInfo;
  if (!c) throw new Error(`internal: ${v.artifact} ${v.version} has neither an event nor its commit`);
  return { time: c.authorTime, tz: c.authorTz, author: c.author, authorEmail: c.authorEmail, message: c.message, ref: v.commit };
}

/**
 * GTO's authoring of a version: its newest registration; never registered, its newest stage event
 * (else its first event); discovered, its commit.
 */
export function versionAuthor(v: ModelVersion): Authorship {
  let newest = v.registrations[v.registrations.length - 1];
  if (!newest) {
    for (const vs of v.stages.values()) {
      for (const e of [...vs.assignments, ...vs.unassignments]) if (!newest || compareEvents(e, newest) > 0) newest = e;
    }
  }
  newest ??= v.created;
  return newest ? ofEvent(newest) : ofCommit(v);
}

/** When a version became active, as GTO says: its first registration (else its first event, or its commit). */
export function versionActivated(v: ModelVersion): Authorship {
  const first = v.registrations[0] ?? v.created;
  return first ? ofEvent(first) : ofCommit(v);
}

/** A stage entry is authored by its newest assignment (its newest unassignment when it has none). */
export function stageAuthor(vs: VersionStage): Authorship {
  return ofEvent(vs.lastAssignment ?? (vs.unassignments[vs.unassignments.length - 1] as RegistryEvent));
}

/**
 * GTO's discovery: an artifact listed in `artifacts.yaml` at HEAD has a version named by the HEAD
 * commit, which no tag names, whenever HEAD carries no version of it. Returns the artifact with
 * that version added (a new artifact when it has no tag yet), or the artifact as it is.
 */
export function withHeadVersion(artifact: Artifact | undefined, name: string, head: { sha: string; info: CommitInput }): Artifact {
  const base = artifact ?? { name, versions: new Map(), events: [], deprecated: false, maxCounter: 0 };
  for (const v of base.versions.values()) if (v.commit === head.sha) return base;
  const versions = new Map(base.versions);
  versions.set(head.sha, { ...newVersion(name, head.sha, head.sha), commitInfo: head.info });
  return { ...base, versions };
}

/** GTO's `discovered`: no (de)registration tag names the version. */
export function isDiscovered(v: ModelVersion): boolean {
  return v.registrations.length === 0 && v.deregistrations.length === 0;
}

/** A summary row as plain data: what `show` prints of an artifact (and what a cache can keep). */
export interface SummaryLine {
  name: string;
  /** The latest version, null when there is none. */
  latest: string | null;
  /** Stage → its holders' versions within `versionsPerStage`, the current holder first. */
  holders: Record<string, string[]>;
  active: boolean;
}

/** The rows as plain data, in the same (GTO state) order. */
export function summaryLines(rows: SummaryRow[]): SummaryLine[] {
  return rows.map((row) => {
    // A loop, not Object.fromEntries of a spread: `show` makes one of these per artifact.
    const holders: Record<string, string[]> = {};
    for (const [stage, list] of row.stages) holders[stage] = list.map((h) => h.version);
    return { name: row.artifact.name, latest: row.latest?.version ?? null, holders, active: !row.artifact.deprecated };
  });
}

/** Events of one artifact (or all), newest first unless `ascending`. */
export function history(registry: Registry, artifact?: string, ascending = false): RegistryEvent[] {
  const events = artifact === undefined ? registry.events : (registry.artifacts.get(artifact)?.events ?? []);
  return ascending ? [...events] : [...events].reverse();
}

/** Versions by selector: `vX.Y.Z`, `latest`/`greatest`, or the holders of a stage (listing order). */
export function selectVersions(
  artifact: Artifact,
  selector: { version?: string; latest?: boolean; stage?: string },
  opts: ViewOptions = {},
): VersionRow[] {
  const rows = versionRows(artifact, opts);
  if (selector.latest) {
    const latest = latestVersion(artifact);
    return rows.filter((r) => r.version === latest);
  }
  if (selector.version !== undefined) return rows.filter((r) => r.version.version === selector.version);
  if (selector.stage !== undefined) return rows.filter((r) => r.stages.some((s) => s.stage === selector.stage));
  return rows;
}
