import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import lint from '@commitlint/lint';
import type { Rule } from '@commitlint/types';
import plugin, { emptyContext, rules, type ModelContext } from './index.js';

const dir = (p: string) => fileURLToPath(new URL(p, import.meta.url));

describe('the plugin', () => {
  it('exports every rule file and documents every rule in the README', () => {
    const files = readdirSync(dir('./rules/')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'types.ts');
    expect(Object.keys(rules).sort()).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
    const readme = readFileSync(dir('../README.md'), 'utf8');
    for (const name of Object.keys(rules)) expect(readme).toContain(`| \`${name}\``);
    for (const f of files) expect(readdirSync(dir('./rules/'))).toContain(f.replace(/\.ts$/, '.test.ts'));
  });

  it('has rules of commitlint’s type', () => {
    const typed: Record<string, Rule<ModelContext>> = rules;
    expect(Object.keys(typed)).toHaveLength(5);
  });

  it('runs in @commitlint/lint beside its own rules, with the context as the value', async () => {
    const value = emptyContext({ artifacts: [{ name: 'churn', file: 'dvc.yaml', path: 'models/churn.pkl' }], changedPaths: ['models/churn.pkl'] });
    const config = {
      'model-trailer-required': [2, 'always', value],
      'model-trailer-known': [2, 'always', value],
      'model-bump-valid': [1, 'always', value],
      'header-max-length': [2, 'always', 72],
    } as const;
    const bad = await lint('retrain\n\nModel: chrun\nModel-Bump: huge\n', config, { plugins: { modelreg: plugin } });
    expect(bad.errors.map((e) => e.name).sort()).toEqual(['model-trailer-known', 'model-trailer-required']);
    expect(bad.warnings.map((e) => e.name)).toEqual(['model-bump-valid']);
    const good = await lint('retrain\n\nModel: churn\n', config, { plugins: { modelreg: plugin } });
    expect(good.valid).toBe(true);
    expect(good.errors).toEqual([]);
  });
});
