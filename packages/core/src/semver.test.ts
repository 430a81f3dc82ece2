import { describe, expect, it } from 'vitest';
import {
  type BumpPart,
  bumpVersion,
  compareSemVer,
  compareVersions,
  samePrecedence,
  formatVersion,
  isValidVersion,
  parseVersion,
} from './semver.js';

function v(text: string) {
  const parsed = parseVersion(text);
  if (!parsed) throw new Error(`not a version: ${text}`);
  return parsed;
}

describe('parseVersion', () => {
  it('splits a full SemVer with prerelease and build metadata', () => {
    expect(parseVersion('v1.2.3-rc.1+build.5')).toEqual({
      major: 1,
      minor: 2,
      patch: 3,
      prerelease: ['rc', '1'],
      build: ['build', '5'],
    });
    expect(parseVersion('v0.0.0')).toEqual({ major: 0, minor: 0, patch: 0, prerelease: [], build: [] });
    expect(parseVersion('v1.0.0+20130313144700')?.build).toEqual(['20130313144700']);
    expect(parseVersion('v1.0.0-x-y.0.z--')?.prerelease).toEqual(['x-y', '0', 'z--']);
  });

  it.each([
    'v1.0.0',
    'v10.20.30',
    'v1.1.2-prerelease+meta',
    'v1.0.0-alpha.beta.1',
    'v1.0.0-0A.is.legal',
    'v1.0.0+0.build.1-rc.10000aaa-kk-0.1',
    'v1.0.0-rc.1+build.001', // leading zeros are allowed in build metadata
    'v1.0.0-0',
    'v1.0.0--',
  ])('accepts %s', (text) => {
    expect(isValidVersion(text)).toBe(true);
  });

  it.each([
    '1.0.0', // no v
    'V1.0.0',
    'v1.0',
    'v1',
    'v01.0.0', // leading zeros
    'v1.02.0',
    'v1.0.00',
    'v1.0.0-01', // numeric prerelease identifier with a leading zero
    'v1.0.0-rc.01',
    'v1.0.0-',
    'v1.0.0-rc..1',
    'v1.0.0+',
    'v1.0.0+a..b',
    'v1.0.0-rc_1',
    'v1.0.0-é',
    'v1.0.0 ',
    ' v1.0.0',
    'v1.0.0\n',
    'v-1.0.0',
    'v1.0.0.0',
    'v99999999999999999999.0.0', // beyond a safe integer
    '',
  ])('rejects %j', (text) => {
    expect(isValidVersion(text)).toBe(false);
    expect(parseVersion(text)).toBeNull();
  });

  it('formatVersion round-trips', () => {
    for (const text of ['v1.2.3', 'v1.2.3-rc.1', 'v1.2.3+b.7', 'v1.2.3-alpha.0+exp.sha.5114f85']) {
      expect(formatVersion(v(text))).toBe(text);
    }
  });
});

describe('SemVer 2.0.0 precedence', () => {
  it("orders the spec's example chain", () => {
    const chain = [
      'v1.0.0-alpha',
      'v1.0.0-alpha.1',
      'v1.0.0-alpha.beta',
      'v1.0.0-beta',
      'v1.0.0-beta.2',
      'v1.0.0-beta.11',
      'v1.0.0-rc.1',
      'v1.0.0',
    ];
    for (let i = 0; i + 1 < chain.length; i++) {
      expect(compareSemVer(v(chain[i] as string), v(chain[i + 1] as string)), `${chain[i]} < ${chain[i + 1]}`).toBe(-1);
      expect(compareSemVer(v(chain[i + 1] as string), v(chain[i] as string))).toBe(1);
    }
    const shuffled = [chain[5], chain[7], chain[0], chain[3], chain[6], chain[2], chain[4], chain[1]] as string[];
    expect(shuffled.sort(compareVersions)).toEqual(chain);
  });

  it('tells versions that rank the same (build metadata ignored)', () => {
    expect(samePrecedence('v1.0.0', 'v1.0.0+build.5')).toBe(true);
    expect(samePrecedence('v1.0.0+a', 'v1.0.0+b')).toBe(true);
    expect(samePrecedence('v1.0.0-rc.1', 'v1.0.0')).toBe(false);
    expect(samePrecedence('v1.0.0', 'not-a-version')).toBe(false);
  });

  it('compares major, minor and patch numerically', () => {
    expect(compareVersions('v1.10.0', 'v1.9.0')).toBe(1);
    expect(compareVersions('v2.0.0', 'v10.0.0')).toBe(-1);
    expect(compareVersions('v1.0.10', 'v1.0.2')).toBe(1);
    expect(compareVersions('v1.2.3', 'v1.2.3')).toBe(0);
  });

  it('numeric identifiers compare numerically and sort below alphanumeric ones', () => {
    expect(compareVersions('v1.0.0-2', 'v1.0.0-10')).toBe(-1);
    expect(compareVersions('v1.0.0-rc.9', 'v1.0.0-rc.10')).toBe(-1);
    expect(compareVersions('v1.0.0-999', 'v1.0.0-a')).toBe(-1);
    expect(compareVersions('v1.0.0-a', 'v1.0.0-1')).toBe(1);
    expect(compareVersions('v1.0.0-1a', 'v1.0.0-2')).toBe(1); // "1a" is alphanumeric
    expect(compareVersions('v1.0.0-B', 'v1.0.0-a')).toBe(-1); // ASCII order
  });

  it('a prerelease sorts before its release, and a longer identifier list after its prefix', () => {
    expect(compareVersions('v1.0.0-rc.1', 'v1.0.0')).toBe(-1);
    expect(compareVersions('v1.0.0', 'v1.0.0-rc.1')).toBe(1);
    expect(compareVersions('v1.0.0-rc', 'v1.0.0-rc.0')).toBe(-1);
    expect(compareVersions('v1.0.0', 'v0.9.9')).toBe(1);
    expect(compareVersions('v1.0.1-alpha', 'v1.0.0')).toBe(1);
  });

  it('ignores build metadata for precedence', () => {
    expect(compareSemVer(v('v1.0.0+build.1'), v('v1.0.0+build.2'))).toBe(0);
    expect(compareSemVer(v('v1.0.0+zzz'), v('v1.0.0'))).toBe(0);
    expect(compareSemVer(v('v1.0.0-rc.1+b'), v('v1.0.0-rc.1'))).toBe(0);
    expect(compareSemVer(v('v1.0.0-rc.1+z'), v('v1.0.0'))).toBe(-1);
  });

  it('compareVersions is a total order: equal precedence falls back to the text', () => {
    expect(compareVersions('v1.0.0+a', 'v1.0.0+b')).toBe(-1);
    expect(compareVersions('v1.0.0+b', 'v1.0.0+a')).toBe(1);
  });

  it('compareVersions sorts text that is not a version below every version', () => {
    expect(compareVersions('0123abc', 'v0.0.1')).toBe(-1);
    expect(compareVersions('v0.0.1', 'ffff')).toBe(1);
    expect(compareVersions('aaa', 'bbb')).toBe(-1);
  });
});

describe('bumpVersion (GTO: python-semver)', () => {
  const cases: [string, BumpPart, string][] = [
    ['v1.2.3', 'patch', 'v1.2.4'],
    ['v1.2.3', 'minor', 'v1.3.0'],
    ['v1.2.3', 'major', 'v2.0.0'],
    ['v0.0.0', 'patch', 'v0.0.1'],
    ['v0.0.1', 'minor', 'v0.1.0'],
    ['v0.1.0', 'patch', 'v0.1.1'],
    // the part goes up and the prerelease is dropped, never "released as-is" (npm's semver.inc)
    ['v1.0.0-rc.1', 'patch', 'v1.0.1'],
    ['v1.0.0-rc.1', 'minor', 'v1.1.0'],
    ['v1.0.0-rc.1', 'major', 'v2.0.0'],
    ['v2.0.0-rc.1', 'patch', 'v2.0.1'],
    ['v1.2.3-rc.1', 'patch', 'v1.2.4'],
    ['v1.2.0-rc.1', 'minor', 'v1.3.0'],
    // build metadata is dropped
    ['v1.2.3+build.9', 'patch', 'v1.2.4'],
    ['v1.2.3-rc.1+build.9', 'patch', 'v1.2.4'],
  ];
  it.each(cases)('%s + %s = %s', (from, part, to) => {
    expect(formatVersion(bumpVersion(v(from), part))).toBe(to);
  });

  it('never returns a version below its input', () => {
    for (const [from, part] of cases) {
      expect(compareVersions(formatVersion(bumpVersion(v(from), part)), from)).toBe(1);
    }
  });
});
