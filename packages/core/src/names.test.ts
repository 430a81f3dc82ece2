import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  artifactNameToTag,
  isValidArtifactName,
  isValidShortName,
  isValidStageName,
  isValidTagRefName,
  tagToArtifactName,
} from './names.js';

describe('artifact and stage names', () => {
  it.each(['m', 'model', 'Team/Model_A-1', 'a1', '1a', 'a_b-c/d', 'A'])('accepts short name %j', (name) => {
    expect(isValidShortName(name)).toBe(true);
    expect(isValidArtifactName(name)).toBe(true);
  });

  it.each(['', '-model', 'model-', '_m', 'm_', '/m', 'm/', 'mo del', 'modèl', 'm.x', 'a:b:c', 'm@v1', 'm#x', 'm=x', 'ａb'])(
    'rejects short name %j',
    (name) => {
      expect(isValidShortName(name)).toBe(false);
    },
  );

  it('accepts a directory namespace only in full artifact names', () => {
    expect(isValidArtifactName('path/to:clf')).toBe(true);
    expect(isValidArtifactName('./x.y/_-:m')).toBe(true);
    expect(isValidShortName('path/to:clf')).toBe(false);
    expect(isValidArtifactName('path/to:')).toBe(false);
    expect(isValidArtifactName(':clf')).toBe(false);
    expect(isValidArtifactName('a:b:c')).toBe(false);
    expect(isValidArtifactName('dir é:m')).toBe(false);
    expect(isValidArtifactName('path/to=clf')).toBe(false);
  });

  it('stage names follow the short-name rule', () => {
    expect(isValidStageName('prod')).toBe(true);
    expect(isValidStageName('eu/prod-2')).toBe(true);
    expect(isValidStageName('-prod')).toBe(false);
    expect(isValidStageName('pr od')).toBe(false);
    expect(isValidStageName('dir:prod')).toBe(false);
  });

  it('is anchored: a valid name followed by a newline is refused', () => {
    expect(isValidShortName('model\n')).toBe(false);
    expect(isValidArtifactName('a:model\n')).toBe(false);
  });

  it('writes the namespace separator ":" as "=" in tags and back', () => {
    expect(artifactNameToTag('path/to:clf')).toBe('path/to=clf');
    expect(tagToArtifactName('path/to=clf')).toBe('path/to:clf');
    expect(artifactNameToTag('Team/Model_A-1')).toBe('Team/Model_A-1');
    expect(tagToArtifactName(artifactNameToTag('a/b.c:d'))).toBe('a/b.c:d');
  });
});

describe('isValidTagRefName mirrors git check-ref-format refs/tags/<name>', () => {
  const names = [
    // valid
    'm@v1.0.0',
    'm#prod#3',
    'm#prod!#4',
    'model@v0.0.1!',
    'path/to=clf@v0.0.1',
    'Team/Model_A-1@v0.0.1',
    'm@v1.0.0-rc.1+build.5',
    'x.lock@v1.0.0',
    'a.b/c@v1',
    '@',
    'a@b',
    'modèl@v1.0.0',
    '-x=m@v1.0.0',
    'a./b@v1',
    'm{@}',
    'HEAD',
    'a/b/c=d#prod!#3',
    // invalid
    '',
    'a//b@v1.0.0',
    '../x=m@v1.0.0',
    'a/../b@v1',
    'x.lock',
    'a/x.lock',
    'a.lock/b@v1',
    'm@v1.0.0.',
    'a/.b@v1',
    '.m@v1',
    '/m@v1',
    'm/',
    'mo del@v1.0.0',
    'm~1@v1',
    'm^@v1',
    'm:x@v1',
    'm?@v1',
    'm*@v1',
    'm[0]@v1',
    'm\\x@v1',
    'm@{1}',
    'm\u0001@v1',
    'm\t@v1',
    'm\u007f@v1',
    'm@v1.0.0.lock',
    '.lock',
    'a..b',
    'm@{',
  ];

  function gitAccepts(name: string): boolean {
    try {
      execFileSync('git', ['check-ref-format', `refs/tags/${name}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }

  it('agrees with the real git on every name', () => {
    const disagreements = names
      .map((name) => ({ name, git: gitAccepts(name), ours: isValidTagRefName(name) }))
      .filter((r) => r.git !== r.ours);
    expect(disagreements).toEqual([]);
  });

  it('the list covers both outcomes', () => {
    const results = names.map(isValidTagRefName);
    expect(results.filter(Boolean).length).toBeGreaterThanOrEqual(10);
    expect(results.filter((r) => !r).length).toBeGreaterThanOrEqual(20);
  });

  it('refuses the names GTO lets through and git then rejects', () => {
    expect(isValidTagRefName('a//b@v0.0.1')).toBe(false);
    expect(isValidTagRefName('../x=m@v0.0.1')).toBe(false);
  });
});
