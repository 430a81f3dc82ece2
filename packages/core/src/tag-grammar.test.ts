import { describe, expect, it } from 'vitest';
import { EVENT_PRIORITY, type ParsedTagName, diagnoseTagName, formatTagName, parseTagName } from './tag-grammar.js';

describe('parseTagName: every tag form, simple and counted', () => {
  const cases: [string, ParsedTagName][] = [
    ['m@v1.0.0', { kind: 'registration', artifact: 'm', version: 'v1.0.0' }],
    ['m@v1.0.0#3', { kind: 'registration', artifact: 'm', version: 'v1.0.0', counter: 3 }],
    ['m@v1.0.0!', { kind: 'deregistration', artifact: 'm', version: 'v1.0.0' }],
    ['m@v1.0.0!#4', { kind: 'deregistration', artifact: 'm', version: 'v1.0.0', counter: 4 }],
    ['m#prod', { kind: 'assignment', artifact: 'm', stage: 'prod' }],
    ['m#prod#2', { kind: 'assignment', artifact: 'm', stage: 'prod', counter: 2 }],
    ['m#prod!', { kind: 'unassignment', artifact: 'm', stage: 'prod' }],
    ['m#prod!#5', { kind: 'unassignment', artifact: 'm', stage: 'prod', counter: 5 }],
    ['m@deprecated', { kind: 'deprecation', artifact: 'm' }],
    ['m@deprecated#6', { kind: 'deprecation', artifact: 'm', counter: 6 }],
    ['path/to=clf@v0.0.1', { kind: 'registration', artifact: 'path/to:clf', version: 'v0.0.1' }],
    ['path/to=clf#prod#7', { kind: 'assignment', artifact: 'path/to:clf', stage: 'prod', counter: 7 }],
    ['Team/Model_A-1@v0.0.1', { kind: 'registration', artifact: 'Team/Model_A-1', version: 'v0.0.1' }],
    ['Team/Model_A-1#eu/prod-2#1', { kind: 'assignment', artifact: 'Team/Model_A-1', stage: 'eu/prod-2', counter: 1 }],
    ['m@v1.2.3-rc.1+build.5', { kind: 'registration', artifact: 'm', version: 'v1.2.3-rc.1+build.5' }],
    ['m@v1.2.3-rc.1+build.5!#8', { kind: 'deregistration', artifact: 'm', version: 'v1.2.3-rc.1+build.5', counter: 8 }],
    ['m@v1.0.0-alpha.beta#9', { kind: 'registration', artifact: 'm', version: 'v1.0.0-alpha.beta', counter: 9 }],
    ['m@v1.0.0+001', { kind: 'registration', artifact: 'm', version: 'v1.0.0+001' }],
    ['m#prod#0', { kind: 'assignment', artifact: 'm', stage: 'prod', counter: 0 }],
  ];

  it.each(cases)('%s', (name, expected) => {
    expect(parseTagName(name)).toEqual(expected);
  });

  it.each(cases)('formatTagName round-trips %s', (name, parsed) => {
    expect(formatTagName(parsed)).toBe(name);
    expect(parseTagName(formatTagName(parsed))).toEqual(parsed);
  });

  it('parses X@created as a created tag, not an event', () => {
    expect(parseTagName('model@created')).toEqual({ kind: 'created', artifact: 'model' });
    expect(parseTagName('path/to=clf@created#2')).toEqual({ kind: 'created', artifact: 'path/to:clf', counter: 2 });
  });

  it('a stage may be named like a keyword', () => {
    expect(parseTagName('m#deprecated')).toEqual({ kind: 'assignment', artifact: 'm', stage: 'deprecated' });
    expect(parseTagName('m#v1')).toEqual({ kind: 'assignment', artifact: 'm', stage: 'v1' });
  });

  it('orders same-second events deprecation < registration < deregistration < assignment < unassignment', () => {
    expect(EVENT_PRIORITY).toEqual({ deprecation: 2, registration: 3, deregistration: 4, assignment: 5, unassignment: 6 });
  });
});

describe('parseTagName: near-misses do not parse', () => {
  it.each([
    'model@1.0.0',
    'model@v1.0',
    'model@v01.0.0',
    'model@v1.0.0-01',
    'model#prod#-1',
    'model#prod#x',
    'model#prod#',
    'model#prod#1#2',
    '-model@v1.0.0',
    'model-@v1.0.0',
    'mo del@v1.0.0',
    'model#-prod',
    'model#prod-',
    'model#pr od',
    'model@v1.0.0!!',
    'model#prod!!',
    'model@latest',
    'model@greatest',
    'model@deprecated!',
    'model@created!',
    'model@',
    'model#',
    '@v1.0.0',
    '#prod',
    'model',
    'modèl@v1.0.0',
    'model#prød',
    'model@v１.0.0',
    'model#prod#１',
    'a:b@v1.0.0',
    'path/to:clf@v0.0.1',
    'a=b=c@v1.0.0',
    '=m@v1.0.0',
    'model@v1.0.0\n',
    'model@v1.0.0 ',
    'model@V1.0.0',
    'v1.0.0',
    '',
  ])('%j', (name) => {
    expect(parseTagName(name)).toBeNull();
  });

  it('refuses a counter beyond a safe integer', () => {
    expect(parseTagName('m#prod#99999999999999999999')).toBeNull();
  });
});

describe('formatTagName', () => {
  it('writes ":" as "="', () => {
    expect(formatTagName({ kind: 'deprecation', artifact: 'a/b:c', counter: 2 })).toBe('a/b=c@deprecated#2');
  });

  it('throws on input it could not parse back', () => {
    expect(() => formatTagName({ kind: 'registration', artifact: 'm', version: '1.0.0' })).toThrow(/internal/);
    expect(() => formatTagName({ kind: 'assignment', artifact: 'bad name', stage: 'prod' })).toThrow(/internal/);
    expect(() => formatTagName({ kind: 'assignment', artifact: 'm', stage: '-prod' })).toThrow(/internal/);
  });
});

describe('diagnoseTagName', () => {
  it('suggests the "v" a version forgot', () => {
    expect(diagnoseTagName('model@1.0.0')).toEqual({ problem: expect.stringContaining('"v"'), suggestion: 'model@v1.0.0' });
    expect(diagnoseTagName('model@1.0.0!#3')?.suggestion).toBe('model@v1.0.0!#3');
    expect(diagnoseTagName('path/to=clf@0.0.1')?.suggestion).toBe('path/to=clf@v0.0.1');
  });

  it('suggests dropping a counter that is not a non-negative integer', () => {
    expect(diagnoseTagName('model#prod#-1')).toEqual({ problem: expect.stringContaining('#-1'), suggestion: 'model#prod' });
    expect(diagnoseTagName('model#prod#x')?.suggestion).toBe('model#prod');
    expect(diagnoseTagName('model@v1.0.0#x')?.suggestion).toBe('model@v1.0.0');
    expect(diagnoseTagName('model#prod!#-2')?.suggestion).toBe('model#prod!');
  });

  it('explains versions that are not SemVer, and suggests the version a near miss meant', () => {
    for (const [name, suggestion] of [
      ['churn@v3.2', 'churn@v3.2.0'],
      ['churn@v3.1.2.0', 'churn@v3.1.2'],
      ['m@V1.3.0', 'm@v1.3.0'],
      ['model@v01.0.0', 'model@v1.0.0'],
      ['model@v1.0!#2', 'model@v1.0.0!#2'],
      ['model@v1.x', undefined],
    ] as const) {
      const d = diagnoseTagName(name);
      expect(d?.problem, name).toMatch(/SemVer/);
      expect(d?.suggestion, name).toBe(suggestion);
    }
  });

  it('explains bad stage names', () => {
    expect(diagnoseTagName('model#-prod')?.problem).toMatch(/stage name/);
  });

  it('reports other registry-looking tags with a generic problem', () => {
    for (const name of ['model@v1.0.0!!', 'model@latest']) {
      const d = diagnoseTagName(name);
      expect(d?.problem).toMatch(/grammar/);
      expect(d?.suggestion).toBeUndefined();
    }
  });

  it('every suggestion parses', () => {
    for (const name of ['model@1.0.0', 'model#prod#-1', 'model#prod#x', 'a/b=c@2.0.0-rc.1#4']) {
      const s = diagnoseTagName(name)?.suggestion;
      expect(s, name).toBeDefined();
      expect(parseTagName(s as string), name).not.toBeNull();
    }
  });

  it('stays silent for valid tags and for tags that are not registry-like', () => {
    for (const name of ['model@v1.0.0', 'm#prod#3', 'm@created', 'v1.0.0', 'release-2024', '-model@v1.0.0', 'mo del@v1.0.0', '', '@foo']) {
      expect(diagnoseTagName(name), name).toBeNull();
    }
  });
});
