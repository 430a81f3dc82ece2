// bundle/modelreg.mjs is committed (the GitHub Action and pre-commit run it from a plain clone):
// it must be what `pnpm bundle` builds from the current workspace.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TestRepo, cleanTemps, tempDir } from './helpers/repo.js';

afterAll(cleanTemps);

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const node = (args: string[], cwd = ROOT) => spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });

describe('bundle/modelreg.mjs', () => {
  it('is fresh: `pnpm bundle` would write the same file', () => {
    const r = node([join(ROOT, 'scripts', 'bundle.mjs'), '--check']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('runs on its own, outside the workspace', () => {
    const r = node([join(ROOT, 'bundle', 'modelreg.mjs'), '--version'], '/');
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('carries what init writes: a copy far from the workspace sets up a repository, from the source it is told', () => {
    const dir = tempDir();
    // modelreg.mjs and the chunks/ it loads on demand.
    cpSync(join(ROOT, 'bundle'), dir, { recursive: true });
    const repo = TestRepo.init();
    // A lone copy cannot tell where it came from, and the registry name is not this project's.
    const unknown = node([join(dir, 'modelreg.mjs'), 'init', '--no-install'], repo.dir);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^modelreg: cannot tell where this modelreg came from.* — pass --from SPEC/);
    const spec = 'git+https://example.com/team/modelreg.git#v0.1.0';
    const r = node([join(dir, 'modelreg.mjs'), 'init', '--no-install', '--from', spec], repo.dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const hook of ['pre-commit', 'commit-msg', 'pre-push']) {
      expect(readFileSync(join(repo.dir, '.husky', hook), 'utf8')).toBe(readFileSync(join(ROOT, 'hooks', hook), 'utf8'));
    }
    expect(JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8')).devDependencies.modelreg).toBe(spec);
  });
});
