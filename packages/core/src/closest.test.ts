import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from './closest.js';

describe('editDistance', () => {
  it('counts a swap of two letters as one edit', () => {
    expect(editDistance('chrun', 'churn')).toBe(1);
    expect(editDistance('stages', 'stagse')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('closestName', () => {
  it('finds the name meant, case-insensitively, within a third of its length', () => {
    expect(closestName('chrun', ['churn', 'fraud'])).toBe('churn');
    expect(closestName('STAGSE', ['types', 'stages'])).toBe('stages');
    expect(closestName('completely-else', ['churn'])).toBeUndefined();
  });

  it('minLimit lets short names be two edits away', () => {
    expect(closestName('mdl', ['model'])).toBeUndefined();
    expect(closestName('mdl', ['model'], 2)).toBe('model');
    // …but never a replacement of the whole word.
    expect(closestName('ab', ['xy'], 2)).toBeUndefined();
  });
});
