// Registry state (DESIGN §3) computed from tag records: a pure function of its input.
import type { Diagnostic } from './diagnostics.js';
import { tagRuleMessages as messages } from './messages.js';
import { EVENT_PRIORITY, type EventKind, diagnoseTagName, parseTagName } from './tag-grammar.js';

/** One tag as `@modelreg/git` reads it (structurally identical to its `TagRecord`). */
export interface TagInput {
  name: string;
  annotated: boolean;
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
  /** `vX.Y.Z`, or the commit id for a commit that only has stage tags. */
  version: string;
  commit: string;
  registered: boolean;
  registrations: RegistryEvent[];
  deregistrations: RegistryEvent[];
  /** Unregistered versions are active; registered ones while their newest (de)registration registers. */
  active: boolean;
  /** The first event that made this version exist (its first registration when registered). */
  created: RegistryEvent;
  /** The newest registration, or the first event for unregistered versions. */
  activated: RegistryEvent;
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
  add(tag: TagInput): void;
  finish(): Registry;
}

export function registryCollector(): RegistryCollector {
  const diagnostics: Diagnostic[] = [];
  const artifacts = new Map<string, Artifact>();
  const all: RegistryEvent[] = [];
  const commitInfos = new Map<string, CommitInput>();
  return { add, finish };

  function add(tag: TagInput): void {
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
    if (!tag.annotated || !tag.tagger) {
      diagnostics.push({
        code: 'lightweight-registry-tag',
        severity: 'warning',
        ref: tag.name,
        message: messages.lightweight(tag.name),
        hint: messages.lightweightHint(tag.name),
      });
      return;
    }
    if (parsed.kind === 'created') {
      diagnostics.push({
        code: 'created-tag',
        severity: 'warning',
        ref: tag.name,
        message: messages.created(tag.name),
      });
      return;
    }
    if (!tag.commit) {
      diagnostics.push({
        code: 'tag-not-on-commit',
        severity: 'error',
        ref: tag.name,
        message: messages.notOnCommit(tag.name),
        hint: messages.notOnCommitHint,
      });
      return;
    }
    if (tag.commitInfo) commitInfos.set(tag.commit, tag.commitInfo);
    // Every event has the same shape (absent fields are undefined): 100,000 of them stay fast.
    all.push({
      kind: parsed.kind,
      artifact: parsed.artifact,
      version: parsed.version,
      stage: parsed.stage,
      counter: parsed.counter,
      tag: tag.name,
      commit: tag.commit,
      time: tag.tagger.time,
      tz: tag.tagger.tz,
      author: tag.tagger.name,
      authorEmail: tag.tagger.email,
      message: tag.message,
      priority: EVENT_PRIORITY[parsed.kind],
    });
  }

  function finish(): Registry {
    all.sort(compareEvents);

    // Versions are indexed before stages, so a stage tag finds its version whatever the tag times.
    const dropped = new Set<RegistryEvent>();
    for (const event of all) {
      if (event.kind !== 'registration' && event.kind !== 'deregistration') continue;
      if (!indexVersionEvent(artifacts.get(event.artifact) as Artifact, event, diagnostics)) dropped.add(event);
    }
    const versionsByCommit = new Map<Artifact, Map<string, ModelVersion[]>>();
    for (const artifact of artifacts.values()) versionsByCommit.set(artifact, settleVersions(artifact, diagnostics));
    for (const event of all) {
      if (event.kind !== 'assignment' && event.kind !== 'unassignment') continue;
      const artifact = artifacts.get(event.artifact) as Artifact;
      indexStageEvent(artifact, versionsByCommit.get(artifact) as Map<string, ModelVersion[]>, event, commitInfos);
    }

    const events = dropped.size === 0 ? all : all.filter((e) => !dropped.has(e));
    // Artifacts whose only tags were ignored (lightweight, `@created`) are not part of the registry;
    // the others come in the order of their first event.
    const ordered = new Map<string, Artifact>();
    events.forEach((event, seq) => {
      const artifact = artifacts.get(event.artifact) as Artifact;
      if (artifact.events.length === 0) ordered.set(artifact.name, artifact);
      artifact.events.push(event);
      if (event.stage !== undefined) {
        const vstage = artifact.versions.get(event.version as string)?.stages.get(event.stage);
        if (vstage && vstage.lastAssignment === event) vstage.activatedSeq = seq;
      }
    });
    for (const artifact of ordered.values()) {
      const last = artifact.events[artifact.events.length - 1];
      artifact.deprecated = last?.kind === 'deprecation';
      for (const version of artifact.versions.values()) {
        const info = commitInfos.get(version.commit);
        if (info) version.commitInfo = info;
      }
    }
    return { artifacts: ordered, events, diagnostics };
  }
}

/** Index a (de)registration; false when the event is dropped (and reported). */
function indexVersionEvent(artifact: Artifact, event: RegistryEvent, diagnostics: Diagnostic[]): boolean {
  const name = event.version as string;
  const version = artifact.versions.get(name);
  if (event.kind === 'deregistration') {
    if (!version) {
      diagnostics.push({
        code: 'deregistration-without-registration',
        severity: 'warning',
        ref: event.tag,
        message: messages.deregistrationWithout(event.tag, artifact.name, name),
      });
      return false;
    }
    version.deregistrations.push(event);
    version.active = false;
    return true;
  }
  if (!version) {
    artifact.versions.set(name, {
      artifact: artifact.name,
      version: name,
      commit: event.commit,
      registered: true,
      registrations: [event],
      deregistrations: [],
      active: true,
      created: event,
      activated: event,
      stages: new Map(),
    });
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
  version.registrations.push(event);
  version.active = true;
  version.activated = event;
  return true;
}

/** After all (de)registrations: index versions by commit, and report commits carrying two active ones. */
function settleVersions(artifact: Artifact, diagnostics: Diagnostic[]): Map<string, ModelVersion[]> {
  const byCommit = new Map<string, ModelVersion[]>();
  for (const v of artifact.versions.values()) {
    const list = byCommit.get(v.commit) ?? [];
    list.push(v);
    byCommit.set(v.commit, list);
  }
  for (const [commit, list] of byCommit) {
    const active = list.filter((v) => v.active);
    if (active.length > 1) {
      diagnostics.push({
        code: 'two-versions-on-commit',
        severity: 'error',
        ref: active.map((v) => v.created.tag).join(', '),
        message: `${artifact.name} has ${active.length} active versions on commit ${commit.slice(0, 7)} (${active.map((v) => v.version).join(', ')}); stage tags on it go to the newest`,
        hint: 'deregister all but one of them',
      });
    }
  }
  return byCommit;
}

/** The version a stage tag on `commit` belongs to: an active registration first, then the newest. */
function versionAtCommit(versionsByCommit: Map<string, ModelVersion[]>, commit: string): ModelVersion | undefined {
  const candidates = versionsByCommit.get(commit);
  if (candidates === undefined) return undefined;
  if (candidates.length === 1) return candidates[0];
  let best: ModelVersion | undefined;
  for (const v of candidates) {
    if (!best || (v.active && !best.active) || (v.active === best.active && compareEvents(v.activated, best.activated) > 0)) best = v;
  }
  return best;
}

function indexStageEvent(
  artifact: Artifact,
  versionsByCommit: Map<string, ModelVersion[]>,
  event: RegistryEvent,
  commitInfos: Map<string, CommitInput>,
): void {
  let version = versionAtCommit(versionsByCommit, event.commit);
  if (!version) {
    version = {
      artifact: artifact.name,
      version: event.commit,
      commit: event.commit,
      registered: false,
      registrations: [],
      deregistrations: [],
      active: true,
      created: event,
      activated: event,
      stages: new Map(),
    };
    const info = commitInfos.get(event.commit);
    if (info) version.commitInfo = info;
    artifact.versions.set(version.version, version);
    versionsByCommit.set(event.commit, [version]);
  }
  event.version = version.version;
  const stage = event.stage as string;
  let vstage = version.stages.get(stage);
  if (!vstage) {
    vstage = {
      artifact: artifact.name,
      version: version.version,
      stage,
      commit: version.commit,
      assignments: [],
      unassignments: [],
      active: false,
      lastAssignment: null,
      activatedSeq: -1,
    };
    version.stages.set(stage, vstage);
  }
  if (event.kind === 'assignment') {
    vstage.assignments.push(event);
    vstage.active = true;
    vstage.lastAssignment = event;
  } else {
    vstage.unassignments.push(event);
    vstage.active = false;
  }
}

