import { describe, expect, it } from 'vitest';
import { CONFIG_FILES, parseConfig } from './config.js';

const messages = (r: ReturnType<typeof parseConfig>) => r.diagnostics.map((d) => `${d.code} ${d.message}`);

describe('parseConfig', () => {
  it('reads both config file names', () => {
    expect(CONFIG_FILES).toEqual(['.modelreg.yaml', '.gto']);
  });

  it("reads GTO's .gto as the transcript writes it", () => {
    expect(parseConfig('stages: [dev, prod]\n', '.gto')).toEqual({ config: { file: '.gto', stages: ['dev', 'prod'] }, diagnostics: [] });
  });

  it('reads block lists, types, and removes duplicates', () => {
    const r = parseConfig('types:\n  - model\n  - dataset\nstages:\n  - dev\n  - prod\n  - dev\n', '.modelreg.yaml');
    expect(r).toEqual({ config: { file: '.modelreg.yaml', types: ['model', 'dataset'], stages: ['dev', 'prod'] }, diagnostics: [] });
  });

  it('an empty file, a comment, or a null value means "any"', () => {
    for (const text of ['', '# nothing yet\n', 'stages:\n', 'stages: ~\ntypes: null\n']) {
      expect(parseConfig(text, '.gto'), JSON.stringify(text)).toEqual({ config: { file: '.gto' }, diagnostics: [] });
    }
  });

  it('ignores sections it does not know (later features)', () => {
    expect(parseConfig('promotion:\n  prod: [staging]\nstages: [dev]\n', '.modelreg.yaml')).toEqual({
      config: { file: '.modelreg.yaml', stages: ['dev'] },
      diagnostics: [],
    });
  });

  it('keys are not read through the prototype', () => {
    const r = parseConfig('__proto__:\n  stages: [x]\n', '.gto');
    expect(r.config.stages).toBeUndefined();
    expect(({} as { stages?: unknown }).stages).toBeUndefined();
  });

  it('YAML 1.2: yes/no/on/off are plain stage names', () => {
    expect(parseConfig('stages: [yes, no, on, off]\n', '.gto').config.stages).toEqual(['yes', 'no', 'on', 'off']);
  });

  it.each([
    ['stages: dev\n', 1, 9],
    ['types: [model]\nstages: prod\n', 2, 9],
    ['stages: [dev, "bad name"]\n', 1, 9],
    ['stages: [dev, -prod]\n', 1, 9],
    ['stages: [1, 2]\n', 1, 9],
    ['stages: {dev: 1}\n', 1, 9],
    ['stages: [[dev]]\n', 1, 9],
    ['stages: [dev, null]\n', 1, 9],
    ['types:\n  - model\n  - dataset!\n', 2, 3],
  ])('refuses the bad value in %j at its line and column', (text, line, col) => {
    const r = parseConfig(text, '.gto');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'config-value', severity: 'error', ref: '.gto' });
    expect(r.diagnostics[0]?.message).toMatch(new RegExp(`^\\.gto:${line}:${col}: '(stages|types)' must be a list of names`));
  });

  it('keeps the good section when another is bad', () => {
    const r = parseConfig('types: [model]\nstages: dev\n', '.gto');
    expect(r.config).toEqual({ file: '.gto', types: ['model'] });
  });

  it('refuses a document that is not a mapping', () => {
    for (const text of ['hello\n', '- dev\n- prod\n', '42\n']) {
      expect(messages(parseConfig(text, '.gto'))).toEqual(['config-shape .gto:1:1: the config must be a mapping (types:, stages:)']);
    }
  });

  it('reports a YAML syntax error as file:line:col with yaml\'s one-line reason', () => {
    const r = parseConfig('types: [model]\nstages: [dev, prod\n', '.modelreg.yaml');
    expect(r.config).toEqual({ file: '.modelreg.yaml' });
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]).toMatchObject({ code: 'config-syntax', severity: 'error', ref: '.modelreg.yaml' });
    expect(r.diagnostics[0]?.message).toMatch(/^\.modelreg\.yaml:3:1: Flow sequence .*\]$/);
    for (const d of r.diagnostics) {
      expect(d.message).not.toContain('\n');
      expect(d.message).not.toMatch(/at line \d+, column \d+/);
    }
  });

  it('reports tabs used as indentation at their position', () => {
    expect(messages(parseConfig('stages:\n\t- dev\n', '.gto'))).toEqual(['config-syntax .gto:2:1: Tabs are not allowed as indentation']);
  });

  it('refuses duplicate keys, naming the second one', () => {
    const r = parseConfig('stages: [dev]\ntypes: [model]\nstages: [prod]\n', '.gto');
    expect(messages(r)).toEqual(['config-syntax .gto:3:1: Map keys must be unique']);
    expect(r.config).toEqual({ file: '.gto' });
  });

  it('refuses several documents in one file', () => {
    expect(messages(parseConfig('stages: [dev]\n---\nstages: [prod]\n', '.gto'))[0]).toMatch(/^config-syntax \.gto:2:1: /);
  });

  it('bounds alias bombs (a billion laughs) instead of expanding them', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const started = Date.now();
    const r = parseConfig(`${levels.join('\n')}\nstages: [dev]\n`, '.gto');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'config-syntax', severity: 'error' });
    expect(r.diagnostics[0]?.message).toMatch(/^\.gto:1:1: .*alias/i);
    expect(r.config).toEqual({ file: '.gto' });
  });

  it('a few ordinary aliases are fine', () => {
    expect(parseConfig('base: &s [dev, prod]\nstages: *s\n', '.gto').config.stages).toEqual(['dev', 'prod']);
  });

  it('ignores a UTF-8 byte order mark, and positions stay those an editor shows', () => {
    expect(parseConfig('\uFEFFstages: [dev, prod]\n', '.gto')).toEqual({ config: { file: '.gto', stages: ['dev', 'prod'] }, diagnostics: [] });
    expect(messages(parseConfig('\uFEFFstages: 3\n', '.gto'))[0]).toMatch(/^config-value \.gto:1:9: /);
  });

  it('accepts CRLF line endings', () => {
    expect(parseConfig('types: [model]\r\nstages:\r\n  - dev\r\n  - prod\r\n', '.gto').config).toEqual({
      file: '.gto',
      types: ['model'],
      stages: ['dev', 'prod'],
    });
  });
});
