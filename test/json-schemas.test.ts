// What users consume validates against the published schemas (schemas/*.schema.json), through the
// same precompiled validators the CLI ships.
import { afterAll, describe, expect, it } from 'vitest';
import {
  validateCheckReport,
  validateHistoryOutput,
  validateShowOutput,
} from '../packages/core/dist/generated/validators.js';
import { TestRepo, cleanTemps, rawDate } from './helpers/repo.js';

afterAll(cleanTemps);
const day = (d: number) => rawDate(`2025-02-${String(d).padStart(2, '0')}T10:00:00Z`);

describe('--json outputs validate against their schemas', () => {
  const repo = TestRepo.init();
  repo.commit('m.pkl', 'w\n', 'model', day(1));
  repo.modelreg(['register', 'm', '--version', 'v1.0.0'], { date: day(2) });
  repo.modelreg(['assign', 'm', '--version', 'v1.0.0', '--stage', 'prod'], { date: day(3) });
  repo.modelreg(['assign', 'm', '--stage', 'dev', '--sr'], { date: day(3) });
  repo.modelreg(['deprecate', 'm', 'v1.0.0', 'prod'], { date: day(4) });
  repo.modelreg(['register', 'other'], { date: day(5) });
  repo.modelreg(['deprecate', 'other'], { date: day(6) });
  repo.write('dvc.yaml', 'artifacts:\n  m:\n    path: gone.pkl\n    labels: [""]\n');

  const json = (args: string[]) => JSON.parse(repo.modelreg(args).stdout) as unknown;
  const valid = (validate: { (d: unknown): boolean; errors?: unknown }, data: unknown) => {
    const ok = validate(data);
    expect(validate.errors ?? null, JSON.stringify(data).slice(0, 200)).toBeNull();
    expect(ok).toBe(true);
  };

  it('show --json and show NAME --json', () => {
    valid(validateShowOutput, json(['show', '--json']));
    valid(validateShowOutput, json(['show', '-d', '--json']));
    valid(validateShowOutput, json(['show', 'm', '-d', '--json']));
  });

  it('history --json', () => {
    valid(validateHistoryOutput, json(['history', '--json']));
  });

  it('check --format json', () => {
    const report = json(['check', '--format', 'json']);
    valid(validateCheckReport, report);
    expect((report as { problems: unknown[] }).problems.length).toBe(2);
  });

  it('the validators reject what does not match', () => {
    expect(validateCheckReport({ ok: 'yes' })).toBe(false);
    expect(validateHistoryOutput([{ timestamp: 1 }])).toBe(false);
  });
});
