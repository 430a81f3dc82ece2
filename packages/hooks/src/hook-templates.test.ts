import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOOK_TEMPLATES } from './hook-templates.js';
import { HOOKS } from './init-plan.js';

describe('HOOK_TEMPLATES', () => {
  it.each(HOOKS)('%s is the script in hooks/ (edit hooks/, then copy it here)', (hook) => {
    expect(HOOK_TEMPLATES[hook]).toBe(readFileSync(new URL(`../../../hooks/${hook}`, import.meta.url), 'utf8'));
  });
});
