import { describe, expect, it } from 'vitest';
import { commitLink, linksFromConfig, linksFromRemote, tagLink } from './links.js';

describe('linksFromRemote', () => {
  const github = { commitUrl: 'https://github.com/acme/models/commit/{sha}', tagUrl: 'https://github.com/acme/models/releases/tag/{tag}' };
  it.each([
    'https://github.com/acme/models.git',
    'https://github.com/acme/models',
    'https://github.com/acme/models/',
    'https://user:secret@github.com/acme/models.git',
    'git@github.com:acme/models.git',
    'ssh://git@github.com/acme/models.git',
    'ssh://git@github.com:22/acme/models',
    'git@GitHub.com:acme/models',
  ])('GitHub: %s', (url) => expect(linksFromRemote(url)).toEqual(github));

  it('GitLab, with subgroups', () => {
    expect(linksFromRemote('git@gitlab.com:acme/ml/models.git')).toEqual({
      commitUrl: 'https://gitlab.com/acme/ml/models/-/commit/{sha}',
      tagUrl: 'https://gitlab.com/acme/ml/models/-/tags/{tag}',
    });
    expect(linksFromRemote('https://gitlab.com/acme/models')?.commitUrl).toBe('https://gitlab.com/acme/models/-/commit/{sha}');
  });

  it.each(['https://example.com/acme/models.git', '/srv/git/models.git', 'file:///srv/models', 'https://github.com/acme', 'https://github.com/a/b/c', 'git@github.com:acme/../x'])(
    'nothing for %s',
    (url) => expect(linksFromRemote(url)).toBeNull(),
  );
});

describe('linksFromConfig', () => {
  it('reads the changelog URL templates', () => {
    const config = { stages: ['prod'], changelog: { commit_url: 'https://git.example.com/m/commit/{sha}', tag_url: 'https://git.example.com/m/tag/{tag}' } };
    expect(linksFromConfig(config)).toEqual({
      links: { commitUrl: 'https://git.example.com/m/commit/{sha}', tagUrl: 'https://git.example.com/m/tag/{tag}' },
      diagnostics: [],
    });
  });

  it('gives nothing without the section, and warns about bad values', () => {
    expect(linksFromConfig(null)).toEqual({ links: {}, diagnostics: [] });
    expect(linksFromConfig({ stages: [] })).toEqual({ links: {}, diagnostics: [] });
    const bad = linksFromConfig({ changelog: { commit_url: 'https://x/commit', tag_url: 42 } });
    expect(bad.links).toEqual({});
    expect(bad.diagnostics.map((d) => d.message)).toEqual([
      ".modelreg.yaml: 'changelog.commit_url' must be an http(s) URL containing {sha}; it was ignored",
      ".modelreg.yaml: 'changelog.tag_url' must be an http(s) URL containing {tag}; it was ignored",
    ]);
    expect(linksFromConfig({ changelog: 'yes' }).diagnostics).toHaveLength(1);
  });
});

describe('commitLink / tagLink', () => {
  it('fill the templates, escaping what a URL path cannot hold', () => {
    const links = { commitUrl: 'https://h/c/{sha}', tagUrl: 'https://h/t/{tag}' };
    expect(commitLink(links, 'abc')).toBe('https://h/c/abc');
    expect(tagLink(links, 'dir/sub=m#prod!#3')).toBe('https://h/t/dir/sub=m%23prod!%233');
    expect(tagLink(links, 'm@v1.0.0+build')).toBe('https://h/t/m@v1.0.0%2Bbuild');
    expect(commitLink({}, 'abc')).toBeNull();
    expect(tagLink({}, 'm@v1.0.0')).toBeNull();
  });
});
