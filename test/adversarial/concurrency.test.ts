// Many modelreg processes on one repository at once: no edit is lost, no file is torn, no two
// processes plan from the same registry state.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TestRepo, cleanTemps, rawDate } from '../helpers/repo.js';
import { modelregParallel } from './parallel.js';

afterAll(cleanTemps);
const N = 10;
const day = (d: number) => rawDate(`2025-03-${String(d).padStart(2, '0')}T12:00:00Z`);

describe('annotate and remove on one file', () => {
  it(`${N} parallel annotate keep every entry and a valid file`, async () => {
    const repo = TestRepo.init();
    repo.commit('dvc.yaml', 'artifacts:\n  keep:\n    path: keep.pkl\n', 'Annotate keep', day(1));
    const runs = await modelregParallel(
      repo,
      Array.from({ length: N }, (_, i) => ['annotate', `a${i}`, '--path', `m${i}.pkl`, '--desc', `model ${i}`]),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const doc = parse(readFileSync(join(repo.dir, 'dvc.yaml'), 'utf8')) as { artifacts: Record<string, { path: string }> };
    expect(Object.keys(doc.artifacts).sort()).toEqual(['keep', ...Array.from({ length: N }, (_, i) => `a${i}`)].sort());
    for (let i = 0; i < N; i++) expect(doc.artifacts[`a${i}`]).toEqual({ path: `m${i}.pkl`, desc: `model ${i}` });
    expect(doc.artifacts.keep).toEqual({ path: 'keep.pkl' });
  });

  it(`${N} parallel remove and annotate leave exactly the survivors`, async () => {
    const repo = TestRepo.init();
    const entries = Array.from({ length: N }, (_, i) => `  r${i}:\n    path: r${i}.pkl\n`).join('');
    repo.commit('dvc.yaml', `artifacts:\n${entries}`, 'Annotate', day(1));
    const runs = await modelregParallel(repo, [
      ...Array.from({ length: N / 2 }, (_, i) => ['remove', `r${i}`]),
      ...Array.from({ length: N / 2 }, (_, i) => ['annotate', `n${i}`, '--path', `n${i}.pkl`]),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const doc = parse(readFileSync(join(repo.dir, 'dvc.yaml'), 'utf8')) as { artifacts: Record<string, unknown> };
    const expected = [...Array.from({ length: N / 2 }, (_, i) => `r${i + N / 2}`), ...Array.from({ length: N / 2 }, (_, i) => `n${i}`)];
    expect(Object.keys(doc.artifacts).sort()).toEqual(expected.sort());
    // Nothing left behind: no lock, no temporary file.
    expect(repo.git(['status', '--porcelain', '--untracked-files=all'])).toBe(' M dvc.yaml\n');
  });
});

/** Version tags by the commit they point to. */
function versionsByCommit(repo: TestRepo): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of repo.git(['for-each-ref', '--format=%(*objectname) %(refname:short)', 'refs/tags']).split('\n').filter(Boolean)) {
    const [commit, name] = line.split(' ') as [string, string];
    if (!/@v[^#!]*$/.test(name)) continue;
    out.set(commit, [...(out.get(commit) ?? []), name]);
  }
  return out;
}

describe('register, assign and deprecate in one repository', () => {
  it(`${N} parallel register on ${N} commits: each gets its own version, none shares a commit`, async () => {
    const repo = TestRepo.init();
    const commits = Array.from({ length: N }, (_, i) => repo.commit('model.pkl', `v${i}\n`, `Train ${i}`, day(1)));
    const runs = await modelregParallel(repo, commits.map((c) => ['register', 'm', c, '--bump-minor']), { env: { GIT_COMMITTER_DATE: day(2) } });
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const byCommit = versionsByCommit(repo);
    expect([...byCommit.keys()].sort()).toEqual([...commits].sort());
    for (const names of byCommit.values()) expect(names).toHaveLength(1);
    expect(new Set([...byCommit.values()].flat()).size).toBe(N);
  });

  it(`${N} parallel register of different versions on one commit: one wins, the rest are refused in one line`, async () => {
    const repo = TestRepo.init();
    repo.commit('model.pkl', 'v1\n', 'Train', day(1));
    const runs = await modelregParallel(repo, Array.from({ length: N }, (_, i) => ['register', 'm', '--version', `v${i + 1}.0.0`]));
    expect(runs.filter((r) => r.code === 0)).toHaveLength(1);
    for (const r of runs.filter((x) => x.code !== 0)) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^modelreg: 'm' is already registered in this commit with version 'v\d+\.0\.0'.*\n$/);
    }
    expect([...versionsByCommit(repo).values()].flat()).toHaveLength(1);
  });

  it(`${N} parallel assign to different stages: every counter is used once`, async () => {
    const repo = TestRepo.init();
    repo.commit('model.pkl', 'v1\n', 'Train', day(1));
    expect(repo.modelreg(['register', 'm', '--version', 'v1.0.0'], { date: day(2) }).code).toBe(0);
    const runs = await modelregParallel(repo, Array.from({ length: N }, (_, i) => ['assign', 'm', '--version', 'v1.0.0', '--stage', `s${i}`]));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const counters = repo.tags().filter((t) => t.includes('#')).map((t) => Number(t.split('#')[2]));
    expect(counters.sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
  });
});
