import { describe, expect, it } from 'vitest';
import { configFromEnvironment, plainConfigValues } from './remote-config.js';

describe('plainConfigValues', () => {
  it('reads what git clone --bare writes: sections, subsections, last value wins, names lowercased', () => {
    const text = '[core]\n\trepositoryformatversion = 1\n\tBare = true\n[remote "origin"]\n\turl = file:///a/b.git\n\turl = file:///c.git  \n\tpromisor = true\n';
    const values = plainConfigValues(text);
    expect(values?.get('core.bare')).toBe('true');
    expect(values?.get('remote.origin.url')).toBe('file:///c.git');
    expect(values?.get('remote.origin.promisor')).toBe('true');
  });

  it.each([
    ['a comment', '[core]\n\tbare = true # yes\n'],
    ['a quoted value', '[core]\n\tbare = "true"\n'],
    ['an escape or a continued line', '[remote "origin"]\n\turl = a\\\n'],
    ['an include', '[include]\n\tpath = other\n'],
    ['an includeIf', '[includeIf "gitdir:/x/"]\n\tpath = other\n'],
    ['an old-style subsection', '[remote.origin]\n\turl = x\n'],
    ['a boolean without =', '[core]\n\tbare\n'],
    ['an entry before any section', 'bare = true\n'],
  ])('leaves %s to git', (_what, text) => {
    expect(plainConfigValues(text)).toBeNull();
  });
});

describe('configFromEnvironment', () => {
  it('is true when `git -c` settings or GIT_CONFIG_COUNT reach git through the environment', () => {
    expect(configFromEnvironment({ HOME: '/h' })).toBe(false);
    expect(configFromEnvironment({ GIT_CONFIG_PARAMETERS: "'core.bare'='false'" })).toBe(true);
    expect(configFromEnvironment({ GIT_CONFIG_COUNT: '1' })).toBe(true);
  });
});
