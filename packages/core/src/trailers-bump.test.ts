import { describe, expect, it } from 'vitest';
import { COMMIT_A, COMMIT_B, tag } from './fixtures.test-helpers.js';
import { buildRegistry } from './registry.js';
import { parseTrailers } from './trailers.js';
import { bumpFromTrailers, greatestRegistered } from './trailers-bump.js';

const commit = (sha: string, message: string) => ({ sha, subject: message.split('\n')[0] as string, trailers: parseTrailers(message) });

describe('bumpFromTrailers', () => {
  it('takes the highest bump among the commits about the artifact', () => {
    const d = bumpFromTrailers('churn', [
      commit('c3', 'Fix typo\n\nModel: churn\nModel-Bump: patch\n'),
      commit('c2', 'Add features\n\nModel: churn\nModel-Bump: minor\n'),
      commit('c1', 'More features\n\nModel: churn\nModel-Bump: minor\n'),
      commit('c0', 'Unrelated\n'),
    ]);
    expect(d).toEqual({
      part: 'minor',
      commits: 3,
      ignored: [],
      reasons: [
        { sha: 'c2', subject: 'Add features', part: 'minor' },
        { sha: 'c1', subject: 'More features', part: 'minor' },
      ],
    });
  });

  it('ignores bumps of commits about other artifacts', () => {
    const d = bumpFromTrailers('churn', [commit('c1', 'Other\n\nModel: segment\nModel-Bump: major\n'), commit('c2', 'Mine\n\nModel: churn\n')]);
    expect(d).toEqual({ part: 'patch', reasons: [], commits: 1, ignored: [] });
  });

  it('a major bump wins wherever it is', () => {
    const d = bumpFromTrailers('m', [commit('a', 'A\n\nModel: m\nModel-Bump: minor\n'), commit('b', 'B\n\nModel: m\nmodel-bump: MAJOR\n')]);
    expect(d.part).toBe('major');
    expect(d.reasons.map((r) => r.sha)).toEqual(['b']);
  });

  it('is patch with no commits', () => {
    expect(bumpFromTrailers('m', [])).toEqual({ part: 'patch', reasons: [], commits: 0, ignored: [] });
  });

  it('lists the bumps of its commits that are no bump part (they do not count)', () => {
    const d = bumpFromTrailers('m', [commit('a', 'Oops\n\nModel: m\nModel-Bump: huge\n'), commit('b', 'Other\n\nModel: x\nModel-Bump: huge\n')]);
    expect(d).toEqual({ part: 'patch', reasons: [], commits: 1, ignored: [{ sha: 'a', subject: 'Oops', message: "'Model-Bump: huge' must be major, minor or patch" }] });
  });
});

describe('greatestRegistered', () => {
  it('is the highest registered version, deregistered ones included', () => {
    const registry = buildRegistry([
      tag('m@v1.2.0', { commit: COMMIT_A, at: '2024-01-01T00:00:00Z' }),
      tag('m@v1.10.0', { commit: COMMIT_B, at: '2024-01-02T00:00:00Z' }),
      tag('m@v1.10.0!', { commit: COMMIT_B, at: '2024-01-03T00:00:00Z' }),
      tag('m#prod', { commit: 'f'.repeat(40), at: '2024-01-04T00:00:00Z' }),
    ]);
    expect(greatestRegistered(registry.artifacts.get('m'))?.version).toBe('v1.10.0');
    expect(greatestRegistered(undefined)).toBeUndefined();
  });
});
