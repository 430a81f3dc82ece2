// The registry tag grammar of DESIGN §2 (GTO-compatible): parse and format every tag form.
import {
  DIRNAME_PATTERN,
  SHORT_NAME_PATTERN,
  artifactNameToTag,
  isValidArtifactName,
  isValidShortName,
  tagToArtifactName,
} from './names.js';
import { SEMVER_PATTERN, isValidVersion, nearestVersion } from './semver.js';

export type EventKind = 'registration' | 'deregistration' | 'assignment' | 'unassignment' | 'deprecation';

/** GTO's event priorities: they order events that share a timestamp, and show up in `--json`. */
export const EVENT_PRIORITY: Record<EventKind, number> = {
  deprecation: 2,
  registration: 3,
  deregistration: 4,
  assignment: 5,
  unassignment: 6,
};

export interface ParsedTagName {
  kind: EventKind;
  /** Artifact name with `:` (as users write it), e.g. `path/to:clf`. */
  artifact: string;
  version?: string;
  stage?: string;
  /** The `#N` suffix; absent in simple notation. */
  counter?: number;
}

/** A GTO `NAME@created` tag: matches the grammar but is not an event we index. */
export interface CreatedTagName {
  kind: 'created';
  artifact: string;
  counter?: number;
}

const tagRe = new RegExp(
  `^((?:${DIRNAME_PATTERN}=)?${SHORT_NAME_PATTERN})` +
    `(?:(?:#(${SHORT_NAME_PATTERN})|@(v${SEMVER_PATTERN.replace(/\((?!\?)/g, '(?:')}))(!?)|@(deprecated|created))` +
    `(?:#([0-9]+))?$`,
);

/** Parse a tag name (without `refs/tags/`) into a registry event; null when it is not one. */
export function parseTagName(tag: string): ParsedTagName | CreatedTagName | null {
  const m = tagRe.exec(tag);
  if (!m) return null;
  // Called once per tag of the repository (100,000 of them): no destructuring or spreads here.
  const artifact = tagToArtifactName(m[1] as string);
  const counterText = m[6];
  let counter: number | undefined;
  if (counterText !== undefined) {
    counter = Number(counterText);
    if (!Number.isSafeInteger(counter)) return null;
  }
  const special = m[5];
  let parsed: ParsedTagName | CreatedTagName;
  if (special === 'created') parsed = { kind: 'created', artifact };
  else if (special === 'deprecated') parsed = { kind: 'deprecation', artifact };
  else if (m[2] !== undefined) parsed = { kind: m[4] ? 'unassignment' : 'assignment', artifact, stage: m[2] };
  else parsed = { kind: m[4] ? 'deregistration' : 'registration', artifact, version: m[3] as string };
  if (counter !== undefined) parsed.counter = counter;
  return parsed;
}

/** Format a registry tag name. Throws on input that could not be parsed back (a programming error). */
export function formatTagName(t: ParsedTagName): string {
  const artifact = artifactNameToTag(t.artifact);
  let name: string;
  switch (t.kind) {
    case 'registration':
    case 'deregistration':
      name = `${artifact}@${t.version}${t.kind === 'deregistration' ? '!' : ''}`;
      break;
    case 'assignment':
    case 'unassignment':
      name = `${artifact}#${t.stage}${t.kind === 'unassignment' ? '!' : ''}`;
      break;
    case 'deprecation':
      name = `${artifact}@deprecated`;
      break;
  }
  if (t.counter !== undefined) name += `#${t.counter}`;
  const back = parseTagName(name);
  if (!back || back.kind !== t.kind || back.artifact !== t.artifact) {
    throw new Error(`internal: cannot format a valid tag for ${JSON.stringify(t)}`);
  }
  return name;
}

/**
 * Why a tag that looks like a registry tag does not parse, with the name it probably meant.
 * Null for tags that parse, and for tags that do not look like registry tags at all.
 */
export function diagnoseTagName(tag: string): { problem: string; suggestion?: string } | null {
  if (parseTagName(tag)) return null;
  const at = tag.lastIndexOf('@');
  const hash = tag.indexOf('#');
  if (at <= 0 && hash <= 0) return null;
  const cut = at > 0 && (hash < 0 || at < hash) ? at : hash;
  const artifact = tagToArtifactName(tag.slice(0, cut));
  if (!isValidArtifactName(artifact)) return null; // e.g. an e-mail-like tag: not ours
  const rest = tag.slice(cut);
  // `model@1.0.0` → `model@v1.0.0`
  const noV = /^@([0-9][^!#]*)(!?)(#.*)?$/.exec(rest);
  if (noV && isValidVersion(`v${noV[1]}`)) {
    const suggestion = `${tag.slice(0, cut)}@v${noV[1]}${noV[2]}${noV[3] ?? ''}`;
    if (parseTagName(suggestion)) return { problem: 'the version must start with "v"', suggestion };
  }
  // `model@v3.2`, `model@V1.3.0`, `model@v3.1.2.0`: the version it most likely meant.
  const version = /^@([vV0-9][^!#]*)(!?)(#.*)?$/.exec(rest);
  if (version && !isValidVersion(version[1] as string)) {
    const fixed = nearestVersion(version[1] as string);
    const suggestion = fixed && `${tag.slice(0, cut)}@${fixed}${version[2]}${version[3] ?? ''}`;
    return {
      problem: `"${version[1]}" is not a SemVer 2.0.0 version (vMAJOR.MINOR.PATCH)`,
      ...(suggestion && parseTagName(suggestion) ? { suggestion } : {}),
    };
  }
  const counter = /#([^#]*)$/.exec(rest);
  if (counter && rest.split('#').length >= (rest.startsWith('#') ? 3 : 2) && !/^[0-9]+$/.test(counter[1] as string)) {
    const base = tag.slice(0, tag.length - counter[0].length);
    if (parseTagName(base)) {
      return { problem: `the counter "#${counter[1]}" must be a non-negative integer`, suggestion: base };
    }
  }
  const stage = /^#([^!#]*)/.exec(rest);
  if (stage && !isValidShortName(stage[1] as string)) {
    return { problem: `"${stage[1]}" is not a valid stage name (letters, digits, '_', '-', '/'; start and end alphanumeric)` };
  }
  return { problem: 'it does not follow the registry tag grammar (NAME@vX.Y.Z, NAME#STAGE#N, NAME@deprecated…)' };
}
