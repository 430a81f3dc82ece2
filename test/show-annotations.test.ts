// `show` and `doctor` with annotations, and near-miss names: a version's annotation is the one
// at its commit, `--plain` is GTO's table alone, doctor counts what show lists, and a version
// spelled almost right gets the corrected name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepo, cleanTemps, rawDate } from './helpers/repo.js';

afterAll(cleanTemps);
const day = (d: number) => rawDate(`2025-07-${String(d).padStart(2, '0')}T09:00:00Z`);
const annotation = (desc: string) => `artifacts:\n  churn:\n    path: churn.pkl\n    desc: ${desc}\n  fresh:\n    path: churn.pkl\n`;

let repo: TestRepo;
beforeAll(() => {
  repo = TestRepo.init();
  repo.write('churn.pkl', 'weights 1\n');
  repo.git(['add', 'churn.pkl']);
  repo.commit('dvc.yaml', annotation('first model'), 'Add churn', day(1));
  expect(repo.modelreg(['register', 'churn', '--version', 'v1.0.0'], { date: day(1) }).code).toBe(0);
  expect(repo.modelreg(['assign', 'churn', '--version', 'v1.0.0', '--stage', 'prod'], { date: day(2) }).code).toBe(0);
  repo.commit('dvc.yaml', annotation('second model'), 'Describe churn better', day(3));
  expect(repo.modelreg(['register', 'churn', '--version', 'v1.1.0'], { date: day(3) }).code).toBe(0);
});

describe('show with annotations', () => {
  it('NAME@vX and NAME#STAGE print the annotation at that version’s commit; NAME prints today’s', () => {
    expect(repo.modelreg(['show', 'churn@v1.0.0']).stdout).toContain('desc: first model');
    expect(repo.modelreg(['show', 'churn#prod']).stdout).toContain('desc: first model');
    expect(repo.modelreg(['show', 'churn@v1.1.0']).stdout).toContain('desc: second model');
    expect(repo.modelreg(['show', 'churn']).stdout).toContain('desc: second model');
  });

  it('--plain prints the table only, as GTO does', () => {
    const plain = repo.modelreg(['show', 'churn', '--plain']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^artifact +version +stage +created_at +ref\n/);
    expect(plain.stdout).not.toContain('desc:');
    expect(plain.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('doctor counts annotated artifacts as show lists them', () => {
    expect(repo.modelreg(['show']).stdout).toContain('*fresh');
    expect(repo.modelreg(['doctor']).stdout).toMatch(/^TAGS=3 ARTIFACTS=2 EVENTS=3$/m);
    expect(JSON.parse(repo.modelreg(['doctor', '--json']).stdout)).toMatchObject({ artifacts: 2 });
  });
});

describe('near-miss versions get the corrected name', () => {
  it('show and describe suggest the selector meant', () => {
    for (const [args, meant] of [
      [['show', 'churn@v1.1'], 'churn@v1.1.0'],
      [['describe', 'churn@V1.0.0'], 'churn@v1.0.0'],
      [['show', 'churn@v1.0.0.0'], 'churn@v1.0.0'],
    ] as const) {
      const r = repo.modelreg([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(`did you mean '${meant}'?`);
    }
  });

  it('register suggests the version meant', () => {
    const r = repo.modelreg(['register', 'fresh', '--version', 'v3.2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("e.g. 'v3.2.0'");
  });

  it('doctor suggests the tag meant for churn@v3.2, churn@v3.1.2.0 and m@V1.3.0', () => {
    for (const tag of ['churn@v3.2', 'churn@v3.1.2.0', 'm@V1.3.0']) repo.git(['tag', '-a', tag, '-m', 'x'], day(4));
    const out = repo.modelreg(['doctor']).stdout;
    for (const [tag, meant] of [
      ['churn@v3.2', 'churn@v3.2.0'],
      ['churn@v3.1.2.0', 'churn@v3.1.2'],
      ['m@V1.3.0', 'm@v1.3.0'],
    ] as const) {
      expect(out).toContain(`tag '${tag}' looks like a registry tag but "${tag.slice(tag.indexOf('@') + 1)}" is not a SemVer 2.0.0 version (vMAJOR.MINOR.PATCH); it is not a registry event — did you mean '${meant}'?`);
    }
    for (const tag of ['churn@v3.2', 'churn@v3.1.2.0', 'm@V1.3.0']) repo.git(['tag', '-d', tag]);
  });
});
