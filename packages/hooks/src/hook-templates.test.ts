import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOOK_TEMPLATES, PRE_COMMIT_HOOKS_YAML } from './hook-templates.js';
import { HOOKS } from './init-plan.js';

describe('HOOK_TEMPLATES', () => {
  it.each(HOOKS)('%s is the script in hooks/ (edit hooks/, then copy it here)', (hook) => {
    expect(HOOK_TEMPLATES[hook]).toBe(readFileSync(new URL(`../../../hooks/${hook}`, import.meta.url), 'utf8'));
  });

  it('PRE_COMMIT_HOOKS_YAML is .pre-commit-hooks.yaml (edit that file, then copy it here)', () => {
    expect(PRE_COMMIT_HOOKS_YAML).toBe(readFileSync(new URL('../../../.pre-commit-hooks.yaml', import.meta.url), 'utf8'));
  });
});
