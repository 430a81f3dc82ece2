import { describe, expect, it } from 'vitest';
import { modelBumpValid } from './model-bump-valid.js';

const lint = (raw: string) => modelBumpValid({ raw });

describe('model-bump-valid', () => {
  it('accepts major, minor and patch in any case', () => {
    expect(lint('x\n\nModel-Bump: minor\n')).toEqual([true]);
    expect(lint('x\n\nmodel-bump: MAJOR\n')).toEqual([true]);
  });

  it('refuses anything else, naming the allowed values', () => {
    expect(lint('x\n\nModel-Bump: huge\n')).toEqual([false, "'Model-Bump: huge' must be major, minor or patch"]);
    expect(lint('x\n\nModel-Bump: \n')[0]).toBe(false);
    expect(modelBumpValid({ raw: 'x\n\nModel-Bump: huge\n' }, 'never')).toEqual([true]);
  });
});
