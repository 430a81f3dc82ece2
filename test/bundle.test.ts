// bundle/modelreg.mjs is committed (the GitHub Action and pre-commit run it from a plain clone):
// it must be what `pnpm bundle` builds from the current workspace.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
});
