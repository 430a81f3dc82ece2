import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConfig } from './config.js';
import { loadModelContext } from './load-context.js';
import type { ModelContext } from './context.js';
import { cleanup, makeRepo, type Repo } from './repo.test-helpers.js';

afterAll(cleanup);

const DVC = 'artifacts:\n  churn:\n    path: models/churn.pkl\n    type: model\n    desc: churn model\n  images:\n    path: data/images\n';
const POLICY = 'trailers:\n  required: true\n';

async function rulesOf(repo: Repo) {
  const config = createConfig(() => ({ cwd: repo.cwd, env: repo.env }));
  const out: Record<string, readonly [number, string, ModelContext]> = {};
  for (const [name, fn] of Object.entries(config.rules)) out[name] = await fn();
  return out;
}
const contextOf = async (repo: Repo) => (await rulesOf(repo))['model-trailer-required']?.[2] as ModelContext;

describe('the shareable config', () => {
  it('reads annotations and policy from the index and the staged change against HEAD', async () => {
    const repo = makeRepo({ 'dvc.yaml': DVC, '.modelreg.yaml': POLICY, 'models/churn.pkl': 'v1', 'README.md': 'r' });
    repo.write({ 'models/churn.pkl': 'v2', 'README.md': 'unstaged' });
    repo.git('add', 'models/churn.pkl');
    const rules = await rulesOf(repo);
    expect(Object.fromEntries(Object.entries(rules).map(([k, v]) => [k, v[0]]))).toEqual({
      'model-trailer-required': 2,
      'model-trailer-known': 2,
      'model-bump-valid': 2,
      'model-metric-format': 2,
      'model-data-format': 2,
    });
    const ctx = rules['model-trailer-required']?.[2];
    expect(ctx).toMatchObject({ changedPaths: ['models/churn.pkl'], changedEntries: [], removed: [], merging: false, amending: false, commentChar: '#' });
    expect(ctx?.artifacts).toEqual([
      { name: 'churn', file: 'dvc.yaml', path: 'models/churn.pkl' },
      { name: 'images', file: 'dvc.yaml', path: 'data/images' },
    ]);
  });

  it('does not count an unstaged change, and follows the default policy (required on, known on)', async () => {
    const repo = makeRepo({ 'dvc.yaml': DVC, 'models/churn.pkl': 'v1' });
    repo.write({ 'models/churn.pkl': 'v2', 'dvc.yaml': 'artifacts: {}\n' });
    const rules = await rulesOf(repo);
    expect(rules['model-trailer-required']?.[0]).toBe(2);
    expect(rules['model-trailer-known']?.[0]).toBe(2);
    expect(rules['model-trailer-known']?.[2]).toMatchObject({ changedPaths: [], changedEntries: [] });
    expect(rules['model-trailer-known']?.[2].artifacts.map((a) => a.name)).toEqual(['churn', 'images']);
  });

  it('`trailers: {required: false}` turns the required trailer off', async () => {
    const repo = makeRepo({ 'dvc.yaml': DVC, 'models/churn.pkl': 'v1', '.modelreg.yaml': 'trailers: {required: false}\n' });
    expect((await rulesOf(repo))['model-trailer-required']?.[0]).toBe(0);
  });

  it('finds the annotation entries a commit edits, adds and removes', async () => {
    const repo = makeRepo({ 'dvc.yaml': DVC, 'sub/dvc.yaml': 'artifacts:\n  old:\n    path: o.bin\n', '.modelreg.yaml': POLICY });
    repo.write({
      'dvc.yaml': DVC.replace('desc: churn model', 'desc: better churn model') + '  fresh:\n    path: f.bin\n',
      'sub/dvc.yaml': 'artifacts: {}\n',
      '.modelreg.yaml': 'trailers:\n  required: false\n  known: false\n',
    });
    // The staged policy is what counts.
    repo.git('add', 'dvc.yaml', 'sub/dvc.yaml');
    const rules = await rulesOf(repo);
    expect(rules['model-trailer-required']?.[0]).toBe(2);
    const ctx = rules['model-trailer-required']?.[2];
    expect(ctx?.changedEntries.sort()).toEqual(['churn', 'fresh', 'sub:old']);
    expect(ctx?.removed).toEqual([{ name: 'sub:old', file: 'sub/dvc.yaml' }]);
  });

  it('sees a merge in progress, and works before the first commit', async () => {
    const repo = makeRepo({ 'a.txt': 'a' });
    repo.git('checkout', '-q', '-b', 'side');
    repo.write({ 'b.txt': 'b' });
    repo.git('add', 'b.txt');
    repo.git('commit', '-q', '-m', 'side');
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '--no-commit', 'side');
    expect(await contextOf(repo)).toMatchObject({ merging: true, changedPaths: ['b.txt'] });

    const fresh = makeRepo();
    fresh.write({ 'dvc.yaml': DVC, 'models/churn.pkl': 'v1' });
    fresh.git('add', '-A');
    const ctx = await contextOf(fresh);
    expect(ctx.changedPaths.sort()).toEqual(['dvc.yaml', 'models/churn.pkl']);
    expect(ctx.changedEntries.sort()).toEqual(['churn', 'images']);
  });

  it('outside a repository keeps only the format rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'modelreg-norepo-'));
    try {
      const env = { ...process.env, GIT_CEILING_DIRECTORIES: tmpdir() };
      const config = createConfig(() => ({ cwd: dir, env }));
      expect((await config.rules['model-trailer-known']())[0]).toBe(0);
      expect((await config.rules['model-trailer-required']())[0]).toBe(0);
      expect((await config.rules['model-bump-valid']())[0]).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compares with HEAD^ when amending, and takes an amended merge for a merge', async () => {
    const repo = makeRepo({ 'dvc.yaml': DVC, 'models/churn.pkl': 'v1' });
    repo.write({ 'models/churn.pkl': 'v2' });
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'retrain');
    const git = { cwd: repo.cwd, env: repo.env };
    expect((await loadModelContext(git, { amending: false })).context.changedPaths).toEqual([]);
    const amending = (await loadModelContext(git, { amending: true })).context;
    expect(amending).toMatchObject({ changedPaths: ['models/churn.pkl'], amending: true, merging: false });
    repo.git('checkout', '-q', '-b', 'side', 'HEAD^');
    repo.write({ 'side.txt': 's' });
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'side');
    repo.git('merge', '-q', '--no-ff', '-m', 'merge main', 'main');
    expect((await loadModelContext(git, { amending: true })).context.merging).toBe(true);
  });
});
