// The `--json` shapes of GTO (reference/gto-transcript.md), key for key, so jq pipelines keep working.
import {
  formatInstant,
  isDiscovered,
  stageAuthor,
  versionActivated,
  versionAuthor,
  type Authorship,
  type ModelVersion,
  type RegistryEvent,
  type SummaryLine,
  type VersionRow,
  type VersionStage,
} from '@modelreg/core';

const at = (e: { time: number; tz: string }) => formatInstant(e);

/** The fields every GTO event object has, in GTO's key order. */
function eventFields(e: RegistryEvent) {
  return {
    artifact: e.artifact,
    created_at: at(e),
    author: e.author,
    author_email: e.authorEmail,
    message: e.message,
    commit_hexsha: e.commit,
    tag: e.tag,
  };
}

function baseEvent(e: RegistryEvent) {
  return { priority: e.priority, addition: e.kind === 'registration' || e.kind === 'assignment', ...eventFields(e) };
}

function versionEvent(e: RegistryEvent) {
  return { ...baseEvent(e), version: e.version ?? null };
}

function stageEvent(e: RegistryEvent) {
  return { ...baseEvent(e), version: e.version ?? null, stage: e.stage ?? null, event: e.kind };
}

/** Attributes GTO derives from an object's events: who and when from its authoring event. */
function authored(author: Authorship, activated: { time: number; tz: string } | null, active: boolean) {
  return {
    is_active: active,
    activated_at: activated ? at(activated) : null,
    created_at: at(author),
    author: author.author,
    author_email: author.authorEmail,
    message: author.message,
    ref: author.ref,
  };
}

function vstageJson(vs: VersionStage) {
  return {
    artifact: vs.artifact,
    commit_hexsha: vs.commit,
    version: vs.version,
    stage: vs.stage,
    assignments: vs.assignments.map(stageEvent),
    unassignments: vs.unassignments.map(stageEvent),
    ...authored(stageAuthor(vs), vs.active ? vs.lastAssignment : null, vs.active),
  };
}

function enrichments(v: ModelVersion) {
  const c = v.commitInfo;
  if (!c) return [];
  return [
    {
      priority: 0,
      addition: true,
      artifact: v.artifact,
      created_at: formatInstant({ time: c.authorTime, tz: c.authorTz }),
      author: c.author,
      author_email: c.authorEmail,
      message: c.message,
      commit_hexsha: v.commit,
      version: v.version,
      enrichments: [],
      committer: c.committer,
      committer_email: c.committerEmail,
    },
  ];
}

/** `show NAME --json`: one object per listed version. */
export function versionsJson(rows: VersionRow[]) {
  return rows.map(({ version: v, stages }) => ({
    artifact: v.artifact,
    commit_hexsha: v.commit,
    version: v.version,
    enrichments: enrichments(v),
    registrations: v.registrations.map(versionEvent),
    deregistrations: v.deregistrations.map(versionEvent),
    stages: stages.map(vstageJson),
    ...authored(versionAuthor(v), versionActivated(v), v.active),
    discovered: isDiscovered(v),
  }));
}

/** A stage's holders in one registry cell, as GTO joins them: the current one first. */
export function holdersCell(line: SummaryLine, stage: string, display: (v: string) => string = (v) => v): string {
  return (line.holders[stage] ?? []).map(display).join(', ');
}

/** `show --json`: the registry summary keyed by artifact. */
export function summaryJson(stages: string[], lines: SummaryLine[], unregistered: string[] = []) {
  const out: Record<string, unknown> = {};
  for (const line of lines) {
    out[line.name] = {
      version: line.latest,
      stage: Object.fromEntries(stages.map((s) => [s, holdersCell(line, s) || null])),
      // Every artifact of the registry has a tag; only annotation-only ones (below) are unregistered.
      registered: true,
      active: line.active,
    };
  }
  for (const name of unregistered) {
    out[name] = { version: null, stage: Object.fromEntries(stages.map((s) => [s, null])), registered: false, active: true };
  }
  return out;
}

/**
 * `toJson(summaryJson(…))`, written directly: the registry view of a large registry (20,000
 * artifacts) without building and walking an object per artifact and stage. Where JSON.stringify
 * would order keys otherwise (integer-like keys go first in a JS object) or merge them (a name
 * twice), it is left to build the object.
 */
export function summaryJsonText(stages: string[], lines: SummaryLine[], unregistered: string[] = []): string {
  const keys = [...lines.map((l) => l.name), ...unregistered];
  if (new Set(keys).size !== keys.length || keys.some(isIndexKey) || stages.some(isIndexKey)) return toJson(summaryJson(stages, lines, unregistered));
  if (keys.length === 0) return '{}\n';
  const stageKeys = stages.map((s) => `,\n            ${JSON.stringify(s)}: `);
  const noHolders = stageKeys.map((key) => `${key}null`).join('');
  const entry = (name: string, version: string | null, stageText: string, registered: boolean, active: boolean) =>
    `    ${JSON.stringify(name)}: {\n        "version": ${version === null ? 'null' : JSON.stringify(version)},\n        "stage": ${stages.length === 0 ? '{}' : `{${stageText.slice(1)}\n        }`},\n        "registered": ${registered},\n        "active": ${active}\n    }`;
  const parts: string[] = [];
  for (const line of lines) {
    let stageText = '';
    for (let i = 0; i < stages.length; i++) {
      const held = line.holders[stages[i] as string];
      stageText += stageKeys[i] + (held === undefined || held.length === 0 ? 'null' : JSON.stringify(held.join(', ')));
    }
    parts.push(entry(line.name, line.latest, stageText, true, line.active));
  }
  for (const name of unregistered) parts.push(entry(name, null, noHolders, false, true));
  return `{\n${parts.join(',\n')}\n}\n`;
}

/** A key a JS object puts before all others (an array index), whatever the insertion order. */
const isIndexKey = (key: string) => /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1;

/** `history --json`. */
export function historyJson(events: RegistryEvent[]) {
  return events.map((e) => ({
    timestamp: at(e),
    artifact: e.artifact,
    event: e.kind,
    priority: e.priority,
    version: e.version ?? null,
    stage: e.stage ?? null,
    commit: e.commit,
    author: e.author,
    author_email: e.authorEmail,
    message: e.message,
    ref: e.tag,
  }));
}

/** `check-ref --json`: the event the tag records. */
export function checkRefJson(e: RegistryEvent) {
  return {
    ...eventFields(e),
    ...(e.version !== undefined && e.kind !== 'deprecation' ? { version: e.version } : {}),
    ...(e.stage !== undefined ? { stage: e.stage } : {}),
    event: e.kind,
  };
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 4) + '\n';
}
