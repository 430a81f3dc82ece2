// Read-side questions about a registry: what `show`, `history` and `stages` answer (GTO semantics).
import { compareEvents, type Artifact, type ModelVersion, type Registry, type RegistryEvent, type VersionStage } from './registry.js';
import { compareVersions } from './semver.js';

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

function byVersionDesc(a: ModelVersion, b: ModelVersion): number {
  if (a.registered !== b.registered) return a.registered ? -1 : 1;
  return -compareVersions(a.version, b.version);
}

/** Versions of an artifact that a view lists, newest first by the chosen sort. */
export function listedVersions(artifact: Artifact, opts: ViewOptions = {}): ModelVersion[] {
  const versions = [...artifact.versions.values()].filter(
    (v) => (opts.all || v.active) && (!opts.registeredOnly || v.registered),
  );
  return versions.sort(opts.sort === 'semver' ? byVersionDesc : (a, b) => compareEvents(b.created, a.created));
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
 * Who holds each stage: active assignments of active versions, the most recent first (or the
 * highest version first with `sort: 'semver'`). Unassigning the holder falls back to the previous
 * active one; a deregistered version holds no stage.
 */
export function stageHolders(artifact: Artifact, opts: ViewOptions = {}): Map<string, VersionStage[]> {
  const holders = new Map<string, VersionStage[]>();
  for (const v of artifact.versions.values()) {
    if (!v.active || (opts.registeredOnly && !v.registered)) continue;
    for (const vs of v.stages.values()) {
      if (!vs.active) continue;
      const list = holders.get(vs.stage) ?? [];
      list.push(vs);
      holders.set(vs.stage, list);
    }
  }
  const versions = artifact.versions;
  for (const [stage, list] of holders) {
    list.sort(
      opts.sort === 'semver'
        ? (a, b) => byVersionDesc(versions.get(a.version) as ModelVersion, versions.get(b.version) as ModelVersion)
        : (a, b) => b.activatedSeq - a.activatedSeq,
    );
    holders.set(stage, limit(list, opts.versionsPerStage ?? 1));
  }
  return holders;
}

export interface VersionRow {
  version: ModelVersion;
  /** Stages this version holds within the view's limits, most recent first. */
  stages: VersionStage[];
}

/** Rows of `show NAME`: each listed version with the stages it holds. */
export function versionRows(artifact: Artifact, opts: ViewOptions = {}): VersionRow[] {
  const holders = stageHolders(artifact, opts);
  const held = new Map<string, VersionStage[]>();
  for (const list of holders.values()) {
    for (const vs of list) held.set(vs.version, [...(held.get(vs.version) ?? []), vs]);
  }
  return listedVersions(artifact, opts).map((version) => {
    const stages = (held.get(version.version) ?? []).sort(
      opts.sort === 'semver' ? (a, b) => (a.stage < b.stage ? -1 : 1) : (a, b) => b.activatedSeq - a.activatedSeq,
    );
    return { version, stages: limit(stages, opts.assignmentsPerVersion ?? -1) };
  });
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

export interface SummaryRow {
  artifact: Artifact;
  latest: ModelVersion | undefined;
  /** For each stage column, the holder (first of `versionsPerStage`). */
  stages: Map<string, VersionStage[]>;
}

/** The registry table of `show`: one row per artifact, one column per used stage. */
export function summary(registry: Registry, opts: ViewOptions = {}): { stages: string[]; rows: SummaryRow[] } {
  const artifacts = listedArtifacts(registry, opts);
  const rows = artifacts.map((artifact) => ({ artifact, latest: latestVersion(artifact), stages: stageHolders(artifact, opts) }));
  // Columns are the stages in use whatever the options (as GTO); without --ro the rows already know them.
  const stages = opts.registeredOnly ? usedStages(artifacts) : [...new Set(rows.flatMap((r) => [...r.stages.keys()]))].sort();
  return { stages, rows };
}

/** A summary row as plain data: what `show` prints of an artifact (and what a cache can keep). */
export interface SummaryLine {
  name: string;
  /** The latest version, null when there is none. */
  latest: string | null;
  /** Stage → its (first) holder's version. */
  holders: Record<string, string>;
  registered: boolean;
  active: boolean;
}

export function summaryLines(rows: SummaryRow[]): SummaryLine[] {
  return rows.map((row) => {
    const holders: Record<string, string> = {};
    for (const [stage, list] of row.stages) if (list[0]) holders[stage] = list[0].version;
    return {
      name: row.artifact.name,
      latest: row.latest?.version ?? null,
      holders,
      registered: [...row.artifact.versions.values()].some((v) => v.registered),
      active: !row.artifact.deprecated,
    };
  });
}

/** Events of one artifact (or all), newest first unless `ascending`. */
export function history(registry: Registry, artifact?: string, ascending = false): RegistryEvent[] {
  const events = artifact === undefined ? registry.events : (registry.artifacts.get(artifact)?.events ?? []);
  return ascending ? [...events] : [...events].reverse();
}

/** A version by selector: `vX.Y.Z`, `latest`/`greatest`, or a stage's current holder. */
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
  if (selector.stage !== undefined) {
    const holders = stageHolders(artifact, opts).get(selector.stage) ?? [];
    return holders.map((h) => rows.find((r) => r.version.version === h.version)).filter((r): r is VersionRow => !!r);
  }
  return rows;
}
