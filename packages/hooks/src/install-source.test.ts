import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runningSource, specifierFor } from './install-source.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelreg-source-'));
  dirs.push(dir);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

describe('specifierFor', () => {
  it('writes a path inside the repository relative to it, others absolute; URLs and git specifiers as given', () => {
    expect(specifierFor('./vendor/modelreg-0.1.0.tgz', '/repo/sub', '/repo')).toBe('file:sub/vendor/modelreg-0.1.0.tgz');
    expect(specifierFor('../modelreg', '/repo', '/repo')).toBe('file:/modelreg');
    expect(specifierFor('modelreg-0.1.0.tgz', '/repo', '/repo')).toBe('file:modelreg-0.1.0.tgz');
    expect(specifierFor('git+https://example.com/modelreg.git#v0.2.0', '/repo', '/repo')).toBe('git+https://example.com/modelreg.git#v0.2.0');
    expect(specifierFor('github:team/modelreg#v0.2.0', '/repo', '/repo')).toBe('github:team/modelreg#v0.2.0');
  });
});

describe('runningSource', () => {
  const pkg = JSON.stringify({ name: 'modelreg' });
  it('a checkout: the checkout, also from the workspace build of the CLI', () => {
    const dir = tree({ 'package.json': pkg, 'bundle/modelreg.mjs': '', 'packages/cli/package.json': '{"name":"@modelreg/cli"}', 'packages/cli/dist/modelreg.mjs': '' });
    expect(runningSource(join(dir, 'bundle', 'modelreg.mjs'))).toBe(`file:${dir}`);
    expect(runningSource(join(dir, 'packages', 'cli', 'dist', 'modelreg.mjs'))).toBe(`file:${dir}`);
  });

  it('an install: what npm\'s or pnpm\'s lockfile says it came from; never the registry name', () => {
    const lock = (resolved: string) => JSON.stringify({ packages: { 'node_modules/modelreg': { resolved } } });
    const npm = tree({ 'node_modules/modelreg/package.json': pkg, 'node_modules/.package-lock.json': lock('file:../dl/modelreg-0.1.0.tgz') });
    expect(runningSource(join(npm, 'node_modules/modelreg/bundle/modelreg.mjs'))).toBe(`file:${join(npm, '..', 'dl', 'modelreg-0.1.0.tgz')}`);
    const git = tree({ 'node_modules/modelreg/package.json': pkg, 'package-lock.json': lock('git+ssh://git@github.com/team/modelreg.git#0123abc') });
    expect(runningSource(join(git, 'node_modules/modelreg/bundle/modelreg.mjs'))).toBe('git+ssh://git@github.com/team/modelreg.git#0123abc');
    const pnpm = tree({ 'node_modules/.pnpm/modelreg@x/node_modules/modelreg/package.json': pkg, 'pnpm-lock.yaml': "importers:\n  .:\n    devDependencies:\n      modelreg:\n        specifier: file:m.tgz\n" });
    expect(runningSource(join(pnpm, 'node_modules/.pnpm/modelreg@x/node_modules/modelreg/bundle/modelreg.mjs'))).toBe(`file:${join(pnpm, 'm.tgz')}`);
    const registry = tree({ 'node_modules/modelreg/package.json': pkg, 'package-lock.json': lock('https://registry.npmjs.org/modelreg/-/modelreg-0.1.0.tgz') });
    expect(runningSource(join(registry, 'node_modules/modelreg/bundle/modelreg.mjs'))).toBeNull();
  });

  it('a copied file, far from any package: null', () => {
    expect(runningSource(join(tree({ 'modelreg.mjs': '' }), 'modelreg.mjs'))).toBeNull();
  });
});
