// The changelog as data: for each model and each of its versions (newest first), the commits
// since the previous version that carry `Model: NAME` or touch its path, their model trailers,
// metrics compared with the previous version, datasets, and the version's registry events.
// Pure: the caller reads the tags and the log; the same input gives the same output.
import {
  ModelregError,
  compareEvents,
  compareVersions,
  greatestRegistered,
  isValidVersion,
  nextVersion,
  stageHolders,
  type Artifact,
  type BumpPart,
  type Diagnostic,
  type ModelVersion,
  type Registry,
  type RegistryEvent,
} from '@modelreg/core';
import { CommitLog, type CommitEntry, type CommitFacts, type CommitInput, type Person } from './commit-log.js';
import { isoInstant } from './dates.js';
import type { CommitGraph } from './graph.js';
import { commitLink, tagLink, type Links } from './links.js';
import { compareMetric } from './metrics.js';

export interface ChangelogInput {
  registry: Registry;
  /**
   * Every commit reachable from `head` and from the versions' commits (one `git log`), or a
   * CommitLog the caller filled while the log streamed in.
   */
  commits: readonly CommitInput[] | CommitLog;
  /** The commit "Unreleased" is measured to (HEAD); null for none (an empty repository). */
  head: string | null;
  /** Artifact name → its path in the repository (from annotation files), when known. */
  paths?: Readonly<Record<string, string>>;
  /**
   * Artifact name → version → the path it had at that version's commit, where that differs from
   * `paths` (a path renamed between versions): a version's commits are those that touched the
   * path the artifact had in its range.
   */
  pathsAt?: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Commit id → files it changed under those paths (`readChangedPaths`), DVC outputs it changed included. */
  changedPaths?: ReadonlyMap<string, readonly string[]>;
  links?: Links;
  /** Only this model. */
  name?: string;
  /** Only versions from this one (inclusive). */
  from?: string;
  /** Only versions up to this one (inclusive); leaves out the unreleased changes. */
  to?: string;
}

export interface TagEvent {
  by: Person;
  /** ISO 8601 with the tagger's offset. */
  date: string;
  tag: string;
  tagUrl: string | null;
}

export interface StageEvent extends TagEvent {
  stage: string;
  action: 'assign' | 'unassign';
}

export interface MetricEntry {
  key: string;
  value: string;
  /** The previous version's value of this metric (null when it had none). */
  previous: string | null;
  /** value − previous when both are numbers; else null. */
  change: number | null;
}

export interface VersionEntry {
  version: string;
  tag: string;
  tagUrl: string | null;
  commit: string;
  shortCommit: string;
  commitUrl: string | null;
  /** The next lower registered version (what commits and metrics are compared with). */
  previous: string | null;
  registration: TagEvent;
  /** Deregistered (`modelreg deprecate NAME VERSION`). */
  deprecated: boolean;
  /** The deregistration that deprecated it. */
  deprecation: TagEvent | null;
  /** Assignments and unassignments, oldest first. */
  stages: StageEvent[];
  /** Stages it holds now. */
  currentStages: string[];
  /** The highest `Model-Bump:` among its commits. */
  bump: BumpPart | null;
  metrics: MetricEntry[];
  data: string[];
  /** Newest first. */
  commits: CommitEntry[];
}

export interface UnreleasedEntry {
  /** Commits after the greatest version that carry `Model: NAME`, newest first. */
  commits: CommitEntry[];
  /** The highest `Model-Bump:` among them. */
  bump: BumpPart | null;
  /** What `modelreg register NAME --bump auto` would register at `head` (null without commits). */
  nextVersion: string | null;
}

export interface ModelEntry {
  name: string;
  /** Its path in the repository, when known. */
  path: string | null;
  deprecated: boolean;
  deprecation: TagEvent | null;
  unreleased: UnreleasedEntry;
  /** Newest (highest SemVer) first. */
  versions: VersionEntry[];
}

export interface Changelog {
  models: ModelEntry[];
  /** Problems in the trailers of the commits listed (each names its commit). */
  diagnostics: Diagnostic[];
}

const BUMP_ORDER: Record<BumpPart, number> = { patch: 1, minor: 2, major: 3 };

const NO_COMMITS: readonly string[] = Object.freeze([]);

function normalizePath(path: string): string {
  return path.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
}

function assertVersionOption(option: string, value: string | undefined): void {
  if (value !== undefined && !isValidVersion(value)) {
    throw new ModelregError('invalid-version', `${option} '${value}' is not a version`, {
      hint: `give a registered version such as v1.2.0${isValidVersion(`v${value}`) ? ` (did you mean 'v${value}'?)` : ''}`,
    });
  }
}

/** Check `--from`/`--to` before any git call. */
export function checkVersionRange(from: string | undefined, to: string | undefined): void {
  assertVersionOption('--from', from);
  assertVersionOption('--to', to);
  if (from !== undefined && to !== undefined && compareVersions(from, to) > 0) {
    throw new ModelregError('invalid-range', `--from ${from} is after --to ${to}`, { hint: 'give the older version to --from' });
  }
}

/**
 * The models to show, sorted by name: the registry's, and those only named in trailers of commits
 * reachable from head; refuses an unknown NAME and a --from/--to that names no registered version.
 */
function selectModels(input: ChangelogInput, log: CommitLog, graph: CommitGraph): { artifacts: Map<string, Artifact | undefined>; names: string[] } {
  const artifacts = new Map<string, Artifact | undefined>(input.registry.artifacts);
  if (input.head !== null && [...log.about.keys()].some((m) => !artifacts.has(m))) {
    for (const pos of graph.range(input.head)) for (const m of (log.facts[pos] as CommitFacts).models) if (!artifacts.has(m)) artifacts.set(m, undefined);
  }
  let names = [...artifacts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (input.name !== undefined) {
    if (!artifacts.has(input.name)) {
      throw new ModelregError('artifact-not-found', `cannot find artifact '${input.name}'`, {
        hint: `it has no registry tags and no commit carries 'Model: ${input.name}' (list the registry with: modelreg show -d)`,
      });
    }
    names = [input.name];
  }
  for (const [option, value] of [
    ['--from', input.from],
    ['--to', input.to],
  ] as const) {
    if (value === undefined) continue;
    if (!names.some((n) => artifacts.get(n)?.versions.get(value)?.registered)) {
      throw new ModelregError('version-not-found', `${option} ${value} is not a registered version of ${input.name ?? 'any artifact'}`, {
        hint: `see the registered versions with: modelreg show ${input.name ?? ''}`.trimEnd(),
      });
    }
  }
  return { artifacts, names };
}

/** The union of two ascending lists of positions, ascending (a position in both lists once). */
function mergeAscending(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Infinity;
    const y = j < b.length ? (b[j] as number) : Infinity;
    out.push(Math.min(x, y));
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return out;
}

export function buildChangelog(input: ChangelogInput): Changelog {
  checkVersionRange(input.from, input.to);
  const links = input.links ?? {};
  const log = input.commits instanceof CommitLog ? input.commits : CommitLog.of(input.commits);
  const { facts } = log;
  const graph = log.graph();

  // The commits that touch each path any version of a model had: the path itself, a file below it,
  // or a directory above it (a DVC output directory that holds it).
  const paths = Object.entries(input.paths ?? {}).map(([name, p]) => [name, normalizePath(p)] as const);
  const currentPath = new Map(paths);
  const pathOf = (name: string, version: string | undefined): string | undefined => {
    const at = version === undefined ? undefined : input.pathsAt?.get(name)?.get(version);
    return at === undefined ? currentPath.get(name) : normalizePath(at);
  };
  const allPaths = new Set(paths.map(([, p]) => p));
  for (const byVersion of input.pathsAt?.values() ?? []) for (const p of byVersion.values()) allPaths.add(normalizePath(p));
  const touching = new Map<string, number[]>();
  if (input.changedPaths && allPaths.size > 0) {
    for (const [sha, files] of input.changedPaths) {
      const pos = graph.position.get(sha);
      if (pos === undefined) continue;
      for (const p of allPaths) {
        if (p !== '' && !files.some((f) => f === p || f.startsWith(`${p}/`) || p.startsWith(`${f}/`))) continue;
        const list = touching.get(p);
        if (list) list.push(pos);
        else touching.set(p, [pos]);
      }
    }
    for (const list of touching.values()) list.sort((a, b) => a - b);
  }

  const { artifacts, names } = selectModels(input, log, graph);

  const shown = new Uint8Array(facts.length);
  const entry = (pos: number): CommitEntry => {
    shown[pos] = 1;
    const e = log.entry(pos);
    return links.commitUrl === undefined ? e : { ...e, url: commitLink(links, e.sha) };
  };
  const tagEvent = (e: RegistryEvent): TagEvent => ({
    by: { name: e.author, email: e.authorEmail },
    date: isoInstant(e.time, e.tz),
    tag: e.tag,
    tagUrl: tagLink(links, e.tag),
  });

  // Where each model's commits are: `keep` marks them for the walks of one model at a time
  // (ABOUT: it carries `Model: NAME`; TOUCHES: it changes the path the model had in the range
  // walked, marked for that walk only). Each model's positions are ascending, as
  // CommitGraph.select needs.
  const ABOUT = 1;
  const TOUCHES = 2;
  const keep = new Uint8Array(facts.length);
  const highest = (positions: number[]): BumpPart | null => {
    let bump: BumpPart | null = null;
    for (const p of positions) {
      const b = (facts[p] as CommitFacts).bump;
      if (b && (!bump || BUMP_ORDER[b] > BUMP_ORDER[bump])) bump = b;
    }
    return bump;
  };
  const inRange = (version: string) =>
    (input.from === undefined || compareVersions(version, input.from) >= 0) && (input.to === undefined || compareVersions(version, input.to) <= 0);

  const models: ModelEntry[] = [];
  for (const name of names) {
    const artifact = artifacts.get(name);
    const ascending = [...(artifact?.versions.values() ?? [])].filter((v) => v.registered).sort((a, b) => compareVersions(a.version, b.version));
    const about = log.about.get(name) ?? [];
    let mine = about;
    const ownPaths = new Set([undefined, ...ascending.map((v) => v.version)].map((v) => pathOf(name, v)));
    for (const p of ownPaths) if (p !== undefined) mine = mergeAscending(mine, touching.get(p) ?? []);
    for (const pos of about) keep[pos] = ABOUT;
    // Models no commit is about need no walk through the history at all. A version's range is
    // walked with the commits touching its paths (at its commit and at the previous version's) marked.
    const walk = (include: string, exclude: readonly string[], mask: number, rangePaths: () => (string | undefined)[] = () => []) => {
      if (mine.length === 0) return [];
      if (touching.size === 0) return graph.select(include, exclude, mine, keep, mask);
      const marked = [...new Set(rangePaths())].flatMap((p) => (p === undefined ? [] : (touching.get(p) ?? [])));
      for (const pos of marked) keep[pos] = (keep[pos] as number) | TOUCHES;
      const found = graph.select(include, exclude, mine, keep, mask);
      for (const pos of marked) keep[pos] = (keep[pos] as number) & ~TOUCHES;
      return found;
    };

    const held = new Map<string, string[]>();
    if (artifact) for (const [stage, list] of stageHolders(artifact)) for (const vs of list) held.set(vs.version, [...(held.get(vs.version) ?? []), stage]);

    const versions: VersionEntry[] = [];
    let previousMetrics = new Map<string, string>();
    ascending.forEach((v: ModelVersion, k) => {
      const prev = ascending[k - 1];
      const commits = walk(v.commit, prev ? [prev.commit] : NO_COMMITS, ABOUT | TOUCHES, () => [pathOf(name, v.version), ...(prev ? [pathOf(name, prev.version)] : [])]);
      const metrics = new Map<string, string>();
      const data: string[] = [];
      // Indexed loops: this runs for every version, in code V8 does not optimize here.
      for (let i = 0; i < commits.length; i++) {
        const f = facts[commits[i] as number] as CommitFacts;
        for (let j = 0; j < f.metrics.length; j++) {
          const m = f.metrics[j] as { key: string; value: string };
          if (!metrics.has(m.key)) metrics.set(m.key, m.value);
        }
        for (let j = 0; j < f.data.length; j++) if (!data.includes(f.data[j] as string)) data.push(f.data[j] as string);
      }
      const compared = previousMetrics;
      previousMetrics = metrics;
      if (!inRange(v.version)) return;
      const stageEvents: RegistryEvent[] = [];
      if (v.stages.size > 0) {
        for (const vs of v.stages.values()) stageEvents.push(...vs.assignments, ...vs.unassignments);
        stageEvents.sort(compareEvents);
      }
      const lastDeregistration = v.deregistrations[v.deregistrations.length - 1];
      const registration = v.registrations[0] as RegistryEvent; // `ascending` holds registered versions only
      versions.push({
        version: v.version,
        tag: registration.tag,
        tagUrl: tagLink(links, registration.tag),
        commit: v.commit,
        shortCommit: v.commit.slice(0, 7),
        commitUrl: commitLink(links, v.commit),
        previous: prev?.version ?? null,
        registration: tagEvent(registration),
        deprecated: !v.active,
        deprecation: !v.active && lastDeregistration ? tagEvent(lastDeregistration) : null,
        stages: stageEvents.map((e) => ({ stage: e.stage as string, action: e.kind === 'assignment' ? 'assign' : 'unassign', ...tagEvent(e) })),
        currentStages: (held.get(v.version) ?? []).sort(),
        bump: highest(commits),
        metrics: [...metrics].map(([key, value]) => compareMetric(key, value, compared.get(key) ?? null)),
        data,
        commits: commits.map(entry),
      });
    });

    let unreleased: UnreleasedEntry = { commits: [], bump: null, nextVersion: null };
    if (input.head !== null && input.to === undefined) {
      const greatest = greatestRegistered(artifact);
      const commits = walk(input.head, greatest ? [greatest.commit] : [], ABOUT);
      if (commits.length > 0) {
        const bump = highest(commits);
        unreleased = { commits: commits.map(entry), bump, nextVersion: nextVersion(artifact, bump ?? 'patch') };
      }
    }
    for (const pos of about) keep[pos] = 0;
    // A range given for all models leaves out those it shows nothing of, rather than an empty section.
    const ranged = input.from !== undefined || input.to !== undefined;
    if (ranged && input.name === undefined && versions.length === 0 && unreleased.commits.length === 0) continue;

    const lastEvent = artifact?.events[artifact.events.length - 1];
    models.push({
      name,
      path: paths.find(([n]) => n === name)?.[1] ?? null,
      deprecated: artifact?.deprecated ?? false,
      deprecation: artifact?.deprecated && lastEvent ? tagEvent(lastEvent) : null,
      unreleased,
      versions: versions.reverse(),
    });
  }

  const diagnostics: Diagnostic[] = [];
  for (const pos of log.troubled) {
    if (shown[pos] === 0) continue;
    const found = (facts[pos] as CommitFacts).diagnostics;
    const short = log.sha(pos).slice(0, 7);
    for (const d of found) diagnostics.push({ ...d, ref: short, message: `commit ${short}: ${d.message}` });
  }
  return { models, diagnostics };
}
