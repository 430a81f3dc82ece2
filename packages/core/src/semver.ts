// SemVer 2.0.0 (https://semver.org) for versions written with a leading `v`.

const NUM = '0|[1-9]\\d*';
const PRE_ID = `(?:${NUM}|\\d*[A-Za-z-][0-9A-Za-z-]*)`;
export const SEMVER_PATTERN =
  `(${NUM})\\.(${NUM})\\.(${NUM})` +
  `(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?` +
  `(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?`;
const versionRe = new RegExp(`^v${SEMVER_PATTERN}$`);

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
  build: string[];
}

export type BumpPart = 'major' | 'minor' | 'patch';

/** Parse `vX.Y.Z[-pre][+build]`; null when it is not one. */
export function parseVersion(value: string): SemVer | null {
  const m = versionRe.exec(value);
  if (!m) return null;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (![major, minor, patch].every(Number.isSafeInteger)) return null;
  return {
    major,
    minor,
    patch,
    prerelease: m[4] ? m[4].split('.') : [],
    build: m[5] ? m[5].split('.') : [],
  };
}

export function isValidVersion(value: string): boolean {
  return parseCached(value) !== null;
}

/**
 * The version a near miss most likely meant: `V1.3.0`, `1.3.0` → `v1.3.0`; `v3.2` → `v3.2.0`;
 * `v3.1.2.0` → `v3.1.2`; `v01.0.0` → `v1.0.0`. Undefined when it is valid already or not numeric.
 */
export function nearestVersion(value: string): string | undefined {
  if (isValidVersion(value)) return undefined;
  const m = /^[vV]?([0-9]+(?:\.[0-9]+)*)([-+].*)?$/.exec(value);
  if (!m) return undefined;
  const parts = (m[1] as string).split('.').map((p) => String(Number(p)));
  while (parts.length < 3) parts.push('0');
  const fixed = `v${parts.slice(0, 3).join('.')}${m[2] ?? ''}`;
  return isValidVersion(fixed) ? fixed : undefined;
}

function compareIdentifiers(a: string, b: string): number {
  const aNum = /^\d+$/.test(a);
  const bNum = /^\d+$/.test(b);
  if (aNum && bNum) return Math.sign(Number(a) - Number(b));
  if (aNum) return -1; // numeric identifiers have lower precedence
  if (bNum) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SemVer precedence: build metadata is ignored, a prerelease sorts before its release. */
export function compareSemVer(a: SemVer, b: SemVer): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return Math.sign(a[key] - b[key]);
  }
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return Math.sign(b.prerelease.length - a.prerelease.length);
  }
  const n = Math.min(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < n; i++) {
    const c = compareIdentifiers(a.prerelease[i] as string, b.prerelease[i] as string);
    if (c !== 0) return c;
  }
  return Math.sign(a.prerelease.length - b.prerelease.length);
}

/** Compare two `v`-versions; versions that do not parse sort below every valid one. */
// Registries compare the same few version strings over and over (`latest`, sorting by semver).
const parsedCache = new Map<string, SemVer | null>();
function parseCached(value: string): SemVer | null {
  let parsed = parsedCache.get(value);
  if (parsed === undefined) {
    if (parsedCache.size > 10_000) parsedCache.clear();
    parsed = parseVersion(value);
    parsedCache.set(value, parsed);
  }
  return parsed;
}

export function compareVersions(a: string, b: string): number {
  const pa = parseCached(a);
  const pb = parseCached(b);
  if (pa && pb) return compareSemVer(pa, pb) || (a < b ? -1 : a > b ? 1 : 0);
  if (pa) return 1;
  if (pb) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether two valid `v`-versions rank the same: equal, or differing only in build metadata. */
export function samePrecedence(a: string, b: string): boolean {
  const pa = parseCached(a);
  const pb = parseCached(b);
  return pa !== null && pb !== null && compareSemVer(pa, pb) === 0;
}

export function formatVersion(v: SemVer): string {
  let s = `v${v.major}.${v.minor}.${v.patch}`;
  if (v.prerelease.length) s += `-${v.prerelease.join('.')}`;
  if (v.build.length) s += `+${v.build.join('.')}`;
  return s;
}

/**
 * The next release after `v`, as GTO bumps (python-semver): the part goes up, the lower parts go to
 * zero, prerelease and build are dropped (`v2.0.0-rc.1` + patch = `v2.0.1`, + major = `v3.0.0`).
 */
export function bumpVersion(v: SemVer, part: BumpPart): SemVer {
  const base = { prerelease: [], build: [] };
  switch (part) {
    case 'major':
      return { ...base, major: v.major + 1, minor: 0, patch: 0 };
    case 'minor':
      return { ...base, major: v.major, minor: v.minor + 1, patch: 0 };
    case 'patch':
      return { ...base, major: v.major, minor: v.minor, patch: v.patch + 1 };
  }
}
