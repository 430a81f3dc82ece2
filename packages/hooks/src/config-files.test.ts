import { describe, expect, it } from 'vitest';
import { holdsOnlyModelreg } from './config-files.js';

describe('holdsOnlyModelreg', () => {
  it('is true for a config that extends modelreg alone, as init writes it and earlier inits did', () => {
    expect(holdsOnlyModelreg({ extends: ['./node_modules/modelreg/bundle/commitlint.mjs'] })).toBe(true);
    expect(holdsOnlyModelreg({ extends: 'modelreg/commitlint' })).toBe(true);
    expect(holdsOnlyModelreg({ extends: ['@modelreg/commitlint-plugin/config'] })).toBe(true);
  });

  it('is false for anything commitlint alone can run: other configs, rules, plugins, ignores, no data', () => {
    expect(holdsOnlyModelreg({ extends: ['@commitlint/config-conventional', 'modelreg/commitlint'] })).toBe(false);
    expect(holdsOnlyModelreg({ extends: ['modelreg/commitlint'], rules: { 'subject-empty': [2, 'never'] } })).toBe(false);
    expect(holdsOnlyModelreg({ extends: ['modelreg/commitlint'], ignores: [() => true] })).toBe(false);
    expect(holdsOnlyModelreg({ plugins: ['@modelreg/commitlint-plugin'] })).toBe(false);
    expect(holdsOnlyModelreg({ extends: [] })).toBe(false);
    expect(holdsOnlyModelreg({})).toBe(false);
    expect(holdsOnlyModelreg(undefined)).toBe(false);
    expect(holdsOnlyModelreg(['modelreg/commitlint'])).toBe(false);
  });
});
