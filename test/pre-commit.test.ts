// The pre-commit framework (pre-commit.com) installs this repository's hooks from
// .pre-commit-hooks.yaml: it clones the repository, runs `npm install` and `npm pack` at its root and
// installs the tarball (language: node). Proved here with the real tool, on a snapshot of this
// working tree, then a real commit and push through the installed hooks.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TestRepo, cleanTemps, rawDate, type RunResult } from './helpers/repo.js';
import { ROOT, installEnv, snapshotCheckout } from './helpers/install.js';

afterAll(cleanTemps);
const day = (d: number) => rawDate(`2025-05-${String(d).padStart(2, '0')}T09:00:00Z`);

const preCommitVersion = (() => {
  const r = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
})();

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];

  it('declares the three hooks, language node, with the stage names pre-commit 3.0 knows', () => {
    expect(hooks.map((h) => [h.id, h.entry, h.stages])).toEqual([
      ['modelreg-check', 'modelreg hook pre-commit', ['commit', 'merge-commit']],
      ['modelreg-commit-msg', 'modelreg hook commit-msg', ['commit-msg']],
      ['modelreg-pre-push', 'modelreg hook pre-push', ['push']],
    ]);
    for (const h of hooks) expect(h.language).toBe('node');
  });

  it('the root package is what npm installs: no workspace: ranges, no install-time scripts, the bundle as its bin and exports', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'modelreg', engines: { node: '>=20' }, license: expect.any(String), repository: { type: 'git' } });
    expect(pkg.private).toBeUndefined();
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
      for (const [name, range] of Object.entries(pkg[field] ?? {})) expect(range, `${field}.${name}`).not.toMatch(/^(workspace|link|catalog):/);
    }
    // No prepare either: `npm pack` prints its banner on stdout, which the pre-commit framework takes
    // for the tarball's name. This repository's own hooks are turned on by the test package's.
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare', 'prepack', 'postpack']) expect(pkg.scripts[script], script).toBeUndefined();
    expect(JSON.parse(readFileSync(join(ROOT, 'test', 'package.json'), 'utf8')).scripts.prepare).toBe('cd .. && husky');
    expect(pkg.bin).toEqual({ modelreg: 'bundle/modelreg.mjs' });
    expect(pkg.exports).toMatchObject({ './commitlint': './bundle/commitlint.mjs', './commitlint-plugin': './bundle/commitlint-plugin.mjs' });
    // Without the npm_config_* variables pnpm and turbo set for their own runs.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', env }));
    expect(packed[0].files.map((f: { path: string }) => f.path).sort()).toEqual([
      'LICENSE',
      'README.md',
      ...readdirSync(join(ROOT, 'bundle', 'chunks')).map((f) => `bundle/chunks/${f}`),
      'bundle/commitlint-plugin.mjs',
      'bundle/commitlint.mjs',
      'bundle/modelreg.mjs',
      ...['README.md', 'commit-msg', 'pre-commit', 'pre-merge-commit', 'pre-push'].map((f) => `hooks/${f}`),
      'package.json',
    ]);
    // npm takes the manifest as it is ("auto-corrected" would mean a field it drops or rewrites).
    const publish = spawnSync('npm', ['publish', '--dry-run', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', env });
    expect(publish.stderr).not.toMatch(/auto-corrected|npm error/);
    expect(publish.status).toBe(0);
  });
});

describe('modelreg-check outside a commit (pre-commit run --all-files, as CI and pre-commit.ci run it)', () => {
  it('checks the whole repository, as modelreg check does; in a commit (git sets GIT_INDEX_FILE), what is staged', () => {
    const repo = TestRepo.init();
    repo.write('dvc.yaml', 'artifacts:\n  churn:\n    path: churn.pkl\n');
    repo.git(['add', 'dvc.yaml']);
    repo.git(['commit', '-q', '-m', 'Annotate churn without its file'], day(1));
    const framework = { PRE_COMMIT: '1' };
    const all = repo.modelreg(['hook', 'pre-commit'], { env: framework });
    expect(all.code).toBe(1);
    expect(all.stdout).toContain("dvc.yaml:3:11 artifacts.churn.path: 'churn.pkl' does not exist");
    // In a commit that stages nothing of the registry, the hook stays quiet, as without the framework.
    const inCommit = repo.modelreg(['hook', 'pre-commit'], { env: { ...framework, GIT_INDEX_FILE: join(repo.dir, '.git', 'index') } });
    expect(inCommit).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });
});

const skipReason = preCommitVersion ? '' : ' (SKIPPED: the pre-commit tool is not installed; apt-get install pre-commit)';

describe.skipIf(!preCommitVersion)(`pre-commit framework, real run${skipReason}`, () => {
  // The hook repository: this working tree's files as git has them (tracked and new), committed.
  const hookRepo = snapshotCheckout();
  const rev = hookRepo.git(['rev-parse', 'HEAD']).trim();

  const remote = TestRepo.init({ bare: true });
  const repo = TestRepo.init();
  repo.git(['remote', 'add', 'origin', remote.dir]);
  const env = installEnv(repo.home);
  const run = (cmd: string, args: string[], date?: string): RunResult => {
    const r = spawnSync(cmd, args, {
      cwd: repo.dir,
      env: { ...repo.env, ...env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
      encoding: 'utf8',
    });
    return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
  };
  repo.write(
    '.pre-commit-config.yaml',
    ['repos:', `  - repo: ${hookRepo.dir}`, `    rev: ${rev}`, '    hooks:', ...['modelreg-check', 'modelreg-commit-msg', 'modelreg-pre-push'].flatMap((id) => [`      - id: ${id}`, '        language_version: system'])].join('\n') + '\n',
  );

  it(`installs the hooks (npm install + npm pack of the root) and runs modelreg check at commit [${preCommitVersion}]`, () => {
    const install = run('pre-commit', ['install', '--install-hooks', '--hook-type', 'pre-commit', '--hook-type', 'commit-msg', '--hook-type', 'pre-push']);
    expect(install.stderr + install.stdout).not.toMatch(/error/i);
    expect(install.code).toBe(0);

    repo.write('dvc.yaml', 'artifacts:\n  churn:\n    path: churn.pkl\n');
    run('git', ['add', '.pre-commit-config.yaml', 'dvc.yaml']);
    const refused = run('git', ['commit', '-m', 'Annotate churn'], day(2));
    // git runs hooks with their output on stderr
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/modelreg check \(annotation files and config, as staged\)\.+Failed/);
    expect(refused.stderr).toContain("modelreg pre-commit: dvc.yaml:3:11 artifacts.churn.path: 'churn.pkl' does not exist in the index — commit it, track it with `dvc add`, or fix the path [path-missing]");

    repo.write('churn.pkl', 'weights\n');
    run('git', ['add', 'churn.pkl']);
    const ok = run('git', ['commit', '-m', 'Annotate churn', '-m', 'Model: churn'], day(2));
    expect(ok.stderr).toMatch(/modelreg check \(annotation files and config, as staged\)\.+Passed/);
    expect(ok.stderr).toMatch(/modelreg commit-msg \(Model trailers\)\.+Passed/);
    expect(ok.code).toBe(0);

    const push = run('git', ['push', 'origin', 'main']);
    expect(push.stdout + push.stderr).toMatch(/modelreg pre-push \(registry tags\)\.+Passed/);
    expect(push.code).toBe(0);
    expect(remote.git(['rev-parse', 'main']).trim()).toBe(repo.git(['rev-parse', 'HEAD']).trim());
  }, 600_000);

  it('commit-msg: a malformed Model trailer is refused', () => {
    repo.write('notes.txt', 'x\n');
    run('git', ['add', 'notes.txt']);
    const r = run('git', ['commit', '-m', 'Tune churn', '-m', 'Model-Bump: huge'], day(3));
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/Model-Bump/);
  });

  // Pushed on its own (install.test.ts pushes one beside its branch, and with --follow-tags).
  it('pre-push: a near-miss registry tag on a new commit is refused, with the corrected name', () => {
    repo.write('churn.pkl', 'weights v2\n');
    run('git', ['add', 'churn.pkl']);
    run('git', ['commit', '-q', '-m', 'Retrain churn', '-m', 'Model: churn'], day(4));
    repo.git(['tag', '-a', '-m', 'Registering', 'churn@1.0.0'], day(4));
    const r = run('git', ['push', 'origin', 'churn@1.0.0']);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/modelreg pre-push: tag 'churn@1\.0\.0' .*did you mean 'churn@v1\.0\.0'\?/);
    expect(remote.git(['tag', '-l']).trim()).toBe('');
  });
});
