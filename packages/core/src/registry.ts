// Registry state (DESIGN §3) computed from tag records: a pure function of its input.
import type { Diagnostic } from './diagnostics.js';
import { tagRuleMessages as messages } from './messages.js';
import { EVENT_PRIORITY, type EventKind, diagnoseTagName, parseTagName } from './tag-grammar.js';

/** One tag as `@modelreg/git` reads it (structurally identical to its `TagRecord`). */
export interface TagInput {
  name: string;
  annotated: boolean;
  /** The ref's object id (reported when it is missing). */
  object?: string;
  /** The name the tag object records for itself; an event only when it is `name`. */
  ownName?: string;
  /** The ref's object, or what its tag object tags, is not in the repository. */
  missing?: boolean;
  commit: string | null;
  tagger: { name: string; email: string; time: number; tz: string } | null;
  message: string;
  commitInfo?: CommitInput;
}

export interface CommitInput {
  author: string;
  authorEmail: string;
  authorTime: number;
  authorTz: string;
  committer: string;
  committerEmail: string;
  message: string;
}

export interface RegistryEvent {
  kind: EventKind;
  artifact: string;
  /** The version the event is about; for stage events, the version registered at its commit. */
  version?: string;
  stage?: string;
  counter?: number;
  tag: string;
  commit: string;
  time: number;
  tz: string;
  author: string;
  authorEmail: string;
  message: string;
  priority: number;
}

export interface VersionStage {
  artifact: string;
  version: string;
  stage: string;
  commit: string;
  assignments: RegistryEvent[];
  unassignments: RegistryEvent[];
  /** Its newest event is an assignment. */
  active: boolean;
  /** The newest assignment (what orders stage holders by time). */
  lastAssignment: RegistryEvent | null;
  /** Position of `lastAssignment` in the global event order. */
  activatedSeq: number;
}

export interface ModelVersion {
  artifact: string;
  /** `vX.Y.Z`, or the commit id for a commit that only has stage tags (or that GTO discovers, see `discoveredAtHead`). */
  version: string;
  commit: string;
  registered: boolean;
  registrations: RegistryEvent[];
  deregistrations: RegistryEvent[];
  /** Unregistered versions are active; registered ones while their newest (de)registration registers. */
  active: boolean;
  /**
   * The first event that made this version exist (its first registration when registered); absent
   * only for a version discovered from `artifacts.yaml`, which no tag names.
   */
  created?: RegistryEvent;
  /** The newest registration, or the first event for unregistered versions; absent as `created`. */
  activated?: RegistryEvent;
  stages: Map<string, VersionStage>;
  commitInfo?: CommitInput;
}

export interface Artifact {
  name: string;
  versions: Map<string, ModelVersion>;
  /** Every event of this artifact in registry order (oldest first). */
  events: RegistryEvent[];
  /** Its newest event is a deprecation. */
  deprecated: boolean;
  /** Highest counter among all its tags (0 when none): the next counter is this + 1. */
  maxCounter: number;
}

export interface Registry {
  /** In order of each artifact's first event. */
  artifacts: Map<string, Artifact>;
  /** All events in registry order (oldest first). */
  events: RegistryEvent[];
  diagnostics: Diagnostic[];
}

/** Registry order: tagger instant, then GTO's event priority, then counter, then tag name. */
export function compareEvents(a: RegistryEvent, b: RegistryEvent): number {
  return (
    a.time - b.time ||
    a.priority - b.priority ||
    (a.counter ?? 0) - (b.counter ?? 0) ||
    (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0)
  );
}

function emptyArtifact(name: string): Artifact {
  return { name, versions: new Map(), events: [], deprecated: false, maxCounter: 0 };
}

/** Build the registry. Bad tags become diagnostics; the rest of the registry still loads. */
export function buildRegistry(tags: Iterable<TagInput>): Registry {
  const collector = registryCollector();
  for (const tag of tags) collector.add(tag);
  return collector.finish();
}

/** Tags in, one at a time, then the registry: a reader hands over each tag while git still writes. */
export interface RegistryCollector {
  /** The artifact the tag names (undefined for a name that is no registry tag). */
  add(tag: TagInput): string | undefined;
  /**
   * The artifact `name` from the tags added so far, taken out of the collector (finish() leaves it
   * out): for a reader that knows an artifact's tags are all in. Null when it has no event (its
   * tags were all ignored) or was never named. Its diagnostics join the registry's.
   */
  take(name: string): Artifact | null;
  finish(): Registry;
}

export interface CollectorOptions {
  /**
   * Artifacts are taken as soon as their tags are in, and dropped once read: their events die
   * young, so sharing their strings (a hash of each per event) would only cost time.
   */
  takenEarly?: boolean;
}

export function registryCollector(opts: CollectorOptions = {}): RegistryCollector {
  const diagnostics: Diagnostic[] = [];
  // Each artifact's events are collected in its `events` until it is built (see buildArtifact).
  const artifacts = new Map<string, Artifact>();
  const commitInfos = new Map<string, CommitInput>();
  // One string per distinct stage, commit and tz offset instead of one per event: fewer objects for the
  // garbage collector to copy when 100,000 events stay alive.
  const shared = new Map<string, string>();
  const intern = opts.takenEarly ? (s: string): string => s : (s: string): string => shared.get(s) ?? (shared.set(s, s), s);
  return { add, take, finish };

  function add(tag: TagInput): string | undefined {
    const parsed = parseTagName(tag.name);
    if (!parsed) {
      const near = diagnoseTagName(tag.name);
      if (near) {
        diagnostics.push({
          code: 'malformed-registry-tag',
          severity: 'warning',
          ref: tag.name,
          message: messages.malformed(tag.name, near.problem),
          hint: messages.malformedHint(tag.name, near.suggestion),
        });
      }
      return;
    }
    let artifact = artifacts.get(parsed.artifact);
    if (!artifact) artifacts.set(parsed.artifact, (artifact = emptyArtifact(parsed.artifact)));
    if (parsed.counter !== undefined) artifact.maxCounter = Math.max(artifact.maxCounter, parsed.counter);
    if (tag.missing) {
      diagnostics.push({
        code: 'tag-object-missing',
        severity: 'error',
        ref: tag.name,
        message: messages.objectMissing(tag.name, tag.object ?? ''),
        hint: messages.objectMissingHint(tag.name),
      });
      return artifact.name;
    }
    if (!tag.annotated) {
      diagnostics.push({
        code: 'lightweight-registry-tag',
        severity: 'warning',
        ref: tag.name,
        message: messages.lightweight(tag.name),
        hint: messages.lightweightHint(tag.name),
      });
      return artifact.name;
    }
    // What a signature covers is the object's own name: a copy under another ref is no event.
    if (tag.ownName !== undefined && tag.ownName !== tag.name) {
      diagnostics.push({
        code: 'tag-name-mismatch',
        severity: 'error',
        ref: tag.name,
        message: messages.nameMismatch(tag.name, tag.ownName),
        hint: messages.nameMismatchHint(tag.name, tag.ownName),
      });
      return artifact.name;
    }
    if (!tag.tagger) {
      diagnostics.push({
        code: 'bad-tagger',
        severity: 'error',
        ref: tag.name,
        message: messages.badTagger(tag.name),
        hint: messages.badTaggerHint(tag.name),
      });
      return artifact.name;
    }
    if (parsed.kind === 'created') {
      diagnostics.push({
        code: 'created-tag',
        severity: 'warning',
        ref: tag.name,
        message: messages.created(tag.name),
      });
      return artifact.name;
    }
    if (!tag.commit) {
      diagnostics.push({
        code: 'tag-not-on-commit',
        severity: 'error',
        ref: tag.name,
        message: messages.notOnCommit(tag.name),
        hint: messages.notOnCommitHint,
      });
      return artifact.name;
    }
    if (tag.commitInfo) commitInfos.set(tag.commit, tag.commitInfo);
    // Every event has the same shape (absent fields are undefined): 100,000 of them stay fast.
    artifact.events.push({
      kind: parsed.kind,
      artifact: artifact.name,
      version: parsed.version,
      stage: parsed.stage === undefined ? undefined : intern(parsed.stage),
      counter: parsed.counter,
      tag: tag.name,
      commit: intern(tag.commit),
      time: tag.tagger.time,
      tz: intern(tag.tagger.tz),
      author: tag.tagger.name,
      authorEmail: tag.tagger.email,
      message: tag.message,
      priority: EVENT_PRIORITY[parsed.kind],
    });
    return artifact.name;
  }

  function take(name: string): Artifact | null {
    const artifact = artifacts.get(name);
    if (!artifact) return null;
    artifacts.delete(name);
    const versionDiagnostics: [RegistryEvent, Diagnostic][] = [];
    buildArtifact(artifact, commitInfos, versionDiagnostics, diagnostics);
    diagnostics.push(...versionDiagnostics.map(([, d]) => d));
    return artifact.events.length > 0 ? artifact : null;
  }

  function finish(): Registry {
    // Diagnostics in the order one pass over all events would give: each version event's where
    // that event falls in registry order, then each artifact's settling, artifacts as first named.
    const versionDiagnostics: [RegistryEvent, Diagnostic][] = [];
    const settling: Diagnostic[] = [];
    for (const artifact of artifacts.values()) buildArtifact(artifact, commitInfos, versionDiagnostics, settling);
    versionDiagnostics.sort(([a], [b]) => compareEvents(a, b)); // stable: one event's in their order
    diagnostics.push(...versionDiagnostics.map(([, d]) => d), ...settling);
    // Artifacts whose only tags were ignored (lightweight, `@created`) have no event and are not
    // part of the registry; the others go in the order of their first event.
    const built = [...artifacts.values()].filter((a) => a.events.length > 0);
    built.sort((a, b) => compareEvents(a.events[0] as RegistryEvent, b.events[0] as RegistryEvent));
    const events = built.flatMap((a) => a.events).sort(compareEvents);
    return { artifacts: new Map(built.map((a) => [a.name, a])), events, diagnostics };
  }
}

/**
 * An artifact's versions and stages from its own events (what `artifact.events` holds when called:
 * it then holds those kept, in registry order). Nothing in it depends on another artifact's tags,
 * so an artifact is built as soon as its tags are in. `versionDiagnostics` gets each version
 * event's diagnostics with the event; `settling` the rest.
 */
function buildArtifact(artifact: Artifact, commitInfos: Map<string, CommitInput>, versionDiagnostics: [RegistryEvent, Diagnostic][], settling: Diagnostic[]): void {
  const events = artifact.events.sort(compareEvents);
  // Versions are indexed before stages, so a stage tag finds its version whatever the tag times.
  let dropped: Set<RegistryEvent> | undefined;
  const found: Diagnostic[] = [];
  for (const event of events) {
    if (event.kind !== 'registration' && event.kind !== 'deregistration') continue;
    if (!indexVersionEvent(artifact, event, found)) (dropped ??= new Set()).add(event);
    for (const d of found.splice(0)) versionDiagnostics.push([event, d]);
  }
  const versionAtCommit = settleVersions(artifact, settling);
  const kept = dropped === undefined ? events : events.filter((e) => !(dropped as Set<RegistryEvent>).has(e));
  artifact.events = kept;
  // Stage events now that every version is known; `seq`, their place in the artifact's order.
  for (let seq = 0; seq < kept.length; seq++) {
    const event = kept[seq] as RegistryEvent;
    if (event.kind === 'assignment' || event.kind === 'unassignment') indexStageEvent(artifact, versionAtCommit, event, seq, commitInfos);
  }
  artifact.deprecated = kept[kept.length - 1]?.kind === 'deprecation';
  if (commitInfos.size === 0) return; // read without commit info (`show`): nothing to attach
  for (const version of artifact.versions.values()) {
    const info = commitInfos.get(version.commit);
    if (info) version.commitInfo = info;
  }
}

/**
 * A version first met in `first` (none: discovered from `artifacts.yaml`): unregistered and active
 * until its events say otherwise. Every version has this one shape, which keeps 100,000 fast.
 */
export function newVersion(artifact: string, version: string, commit: string, first?: RegistryEvent): ModelVersion {
  return {
    artifact,
    version,
    commit,
    registered: false,
    registrations: [],
    deregistrations: [],
    active: true,
    created: first,
    activated: first,
    stages: new Map(),
  };
}

/** Index a (de)registration; false when the event is dropped (and reported). */
function indexVersionEvent(artifact: Artifact, event: RegistryEvent, diagnostics: Diagnostic[]): boolean {
  const name = event.version as string;
  const version = artifact.versions.get(name);
  if (event.kind === 'deregistration') {
    if (version) {
      version.deregistrations.push(event);
      version.active = false;
      return true;
    }
    // Still an event (as in GTO): history lists it and `show -d` an inactive, unregistered version.
    diagnostics.push({
      code: 'deregistration-without-registration',
      severity: 'warning',
      ref: event.tag,
      message: messages.deregistrationWithout(event.tag, artifact.name, name),
    });
    artifact.versions.set(name, { ...newVersion(artifact.name, name, event.commit, event), deregistrations: [event], active: false });
    return true;
  }
  if (!version) {
    artifact.versions.set(name, { ...newVersion(artifact.name, name, event.commit, event), registered: true, registrations: [event] });
    return true;
  }
  if (version.commit !== event.commit) {
    diagnostics.push({
      code: 'version-reused',
      severity: 'error',
      ref: event.tag,
      message: messages.versionReused(event.tag, artifact.name, name, version.commit, event.commit),
      hint: messages.versionReusedHint,
    });
    return false;
  }
  if (!version.registered) version.created = event; // registered after an orphan deregistration
  version.registrations.push(event);
  version.registered = true;
  version.active = true;
  version.activated = event;
  return true;
}

/**
 * After all (de)registrations: for each commit, the version its stage tags belong to (an active
 * registration first, then the newest); and report commits carrying two version names.
 */
function settleVersions(artifact: Artifact, diagnostics: Diagnostic[]): Map<string, ModelVersion> {
  const atCommit = new Map<string, ModelVersion>();
  // Commits with several versions (rare): no list per commit for the usual one.
  let shared: Map<string, ModelVersion[]> | undefined;
  for (const v of artifact.versions.values()) {
    const best = atCommit.get(v.commit);
    if (best === undefined) {
      atCommit.set(v.commit, v);
      continue;
    }
    shared ??= new Map();
    const list = shared.get(v.commit);
    if (list) list.push(v);
    else shared.set(v.commit, [best, v]); // `best` is the only one so far
    if ((v.active && !best.active) || (v.active === best.active && compareEvents(v.activated as RegistryEvent, best.activated as RegistryEvent) > 0)) atCommit.set(v.commit, v);
  }
  if (shared === undefined) return atCommit;
  for (const [commit, versions] of shared) {
    const active = versions.filter((v) => v.active);
    if (active.length <= 1) {
      diagnostics.push({
        code: 'versions-share-commit',
        severity: 'warning',
        ref: versions.map((v) => (v.created as RegistryEvent).tag).join(', '),
        message: messages.versionsShareCommit(artifact.name, commit, versions.map((v) => v.version)),
        hint: messages.versionsShareCommitHint,
      });
    } else {
      diagnostics.push({
        code: 'two-versions-on-commit',
        severity: 'error',
        ref: active.map((v) => (v.created as RegistryEvent).tag).join(', '),
        message: `${artifact.name} has ${active.length} active versions on commit ${commit.slice(0, 7)} (${active.map((v) => v.version).join(', ')}); stage tags on it go to the newest`,
        hint: 'deregister all but one of them',
      });
    }
  }
  return atCommit;
}

function indexStageEvent(
  artifact: Artifact,
  versionAtCommit: Map<string, ModelVersion>,
  event: RegistryEvent,
  seq: number,
  commitInfos: Map<string, CommitInput>,
): void {
  let version = versionAtCommit.get(event.commit);
  if (!version) {
    version = newVersion(artifact.name, event.commit, event.commit, event);
    const info = commitInfos.get(event.commit);
    if (info) version.commitInfo = info;
    artifact.versions.set(version.version, version);
    versionAtCommit.set(event.commit, version);
  }
  event.version = version.version;
  const stage = event.stage as string;
  const assigned = event.kind === 'assignment';
  const vstage = version.stages.get(stage);
  if (!vstage) {
    // Made with its first event in place: an array literal of one, not an empty array that a
    // push grows to 16 slots (tens of thousands of stages, each kept to the end).
    version.stages.set(stage, {
      artifact: artifact.name,
      version: version.version,
      stage,
      commit: version.commit,
      assignments: assigned ? [event] : [],
      unassignments: assigned ? [] : [event],
      active: assigned,
      lastAssignment: assigned ? event : null,
      activatedSeq: assigned ? seq : -1,
    });
  } else if (assigned) {
    vstage.assignments.push(event);
    vstage.active = true;
    vstage.lastAssignment = event;
    vstage.activatedSeq = seq;
  } else {
    vstage.unassignments.push(event);
    vstage.active = false;
  }
}

