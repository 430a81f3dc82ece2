import { describe, expect, it } from 'vitest';
import type { SummaryLine } from '@modelreg/core';
import { summaryJson, summaryJsonText, toJson } from './gto-json.js';

const line = (name: string, latest: string | null, holders: Record<string, string[]>, active = true): SummaryLine => ({ name, latest, holders, active });

describe('summaryJsonText', () => {
  const cases: [string, string[], SummaryLine[], string[]][] = [
    ['an empty registry', ['dev'], [], []],
    ['no stages', [], [line('m', 'v1.0.0', {})], ['annotated-only']],
    [
      'holders, none, several, inactive, and names JSON must escape',
      ['dev', 'prod', 'qa/eu'],
      [line('m', 'v1.0.0', { prod: ['v1.0.0'], dev: ['v1.1.0', 'v1.0.0'] }), line('a "q" \\ ü\u2028', null, {}, false), line('team/x', 'v0.1.0', { 'qa/eu': ['v0.1.0'] })],
      ['only-annotated'],
    ],
    ['names a JS object would put first', ['dev', '10'], [line('b', 'v1.0.0', { '10': ['v1.0.0'] }), line('7', 'v2.0.0', {})], ['0']],
    ['a name twice', ['dev'], [line('m', 'v1.0.0', {})], ['x', 'x']],
  ];
  for (const [what, stages, lines, unregistered] of cases) {
    it(`is toJson(summaryJson(…)) byte for byte: ${what}`, () => {
      expect(summaryJsonText(stages, lines, unregistered)).toBe(toJson(summaryJson(stages, lines, unregistered)));
    });
  }
});
