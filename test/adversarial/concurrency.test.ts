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
