// The install route, as a team takes it on a fresh machine: `npm pack` of this working tree once,
// then new Python-style repositories far from the workspace that run `modelreg init --from …`
// with npm and with pnpm (real installs from the registry), and real commits and pushes through
// the hooks that leaves. Also: a failed install leaves nothing behind, and a repository that runs
// the pre-commit framework keeps its own hooks and gains modelreg's.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI, TestRepo, cleanTemps, rawDate, tempDir, type RunResult } from './helpers/repo.js';
import { installEnv, pack, snapshotCheckout } from './helpers/install.js';

afterAll(cleanTemps);
const day = (d: number) => rawDate(`2025-05-${String(d).padStart(2, '0')}T09:00:00Z`);
const LONG = 600_000;

let checkout: TestRepo;
let tarball: string;
beforeAll(() => {
  checkout = snapshotCheckout();
  tarball = pack(checkout.dir);
}, LONG);

/** A command in the repository as a user runs it: the repository's env, npm's settings, a fixed clock. */
function run(repo: TestRepo, cmd: string, args: string[], date = day(2)): RunResult {
  const r = spawnSync(cmd, args, {
    cwd: repo.dir,
    env: { ...repo.env, ...installEnv(repo.home), GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    encoding: 'utf8',
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}
const init = (repo: TestRepo, args: string[]) => run(repo, process.execPath, [CLI, 'init', ...args]);

/** A repository as ML teams have them: Python, a model file, its dvc.yaml, no package.json. */
function pythonRepo(extra: Record<string, string> = {}): TestRepo {
  const repo = TestRepo.init();
  const files = { 'train.py': 'print("train")\n', 'models/churn.pkl': 'weights\n', 'dvc.yaml': 'artifacts:\n  churn:\n    type: model\n    path: models/churn.pkl\n', ...extra };
  for (const [f, text] of Object.entries(files)) repo.write(f, text);
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '-m', 'Train churn'], day(1));
  return repo;
}

/** Every file git does not ignore, with its content: what init may have left behind. */
function worktree(repo: TestRepo): string {
  return repo.git(['status', '--porcelain', '--untracked-files=all', '--ignored']);
}

/**
 * What the hooks must do once installed: a bad dvc.yaml and a model change without `Model:` are
 * refused and accepted when fixed; a near-miss tag pushed with its branch is refused. Returns the
 * remote (origin), which has nothing.
 */
function expectCommitsAndPushesChecked(repo: TestRepo): TestRepo {
  run(repo, 'git', ['add', '-A']);
  expect(run(repo, 'git', ['commit', '-q', '-m', 'Check commits with modelreg'])).toMatchObject({ code: 0 });

  repo.write('dvc.yaml', 'artifacts:\n  churn:\n    type: model\n    path: models/churn-v2.pkl\n');
  run(repo, 'git', ['add', 'dvc.yaml']);
  const badAnnotation = run(repo, 'git', ['commit', '-m', 'Point churn at v2', '-m', 'Model: churn']);
  expect(badAnnotation.code).not.toBe(0);
  expect(badAnnotation.stdout + badAnnotation.stderr).toContain("modelreg pre-commit: dvc.yaml:4:11 artifacts.churn.path: 'models/churn-v2.pkl' does not exist in the index");
  repo.git(['checkout', '-q', 'HEAD', '--', 'dvc.yaml']);

  repo.write('models/churn.pkl', 'weights v2\n');
  run(repo, 'git', ['add', 'models/churn.pkl']);
  const noTrailer = run(repo, 'git', ['commit', '-m', 'Retrain churn']);
  expect(noTrailer.code).not.toBe(0);
  expect(noTrailer.stdout + noTrailer.stderr).toContain("add the trailer 'Model: churn' [model-trailer-required]");
  expect(run(repo, 'git', ['commit', '-q', '-m', 'Retrain churn', '-m', 'Model: churn'])).toMatchObject({ code: 0 });

  const remote = TestRepo.init({ bare: true });
  repo.git(['remote', 'add', 'origin', remote.dir]);
  repo.git(['tag', '-a', '-m', 'Registering churn', 'churn@1.0.0'], day(3));
  const push = run(repo, 'git', ['push', 'origin', 'main', 'churn@1.0.0']);
  expect(push.code).not.toBe(0);
  expect(push.stdout + push.stderr).toContain("modelreg pre-push: tag 'churn@1.0.0' looks like a registry tag");
  expect(push.stdout + push.stderr).toContain("did you mean 'churn@v1.0.0'?");
  expect(remote.git(['for-each-ref']).trim()).toBe('');
  return remote;
}

describe('npm: modelreg init --from, hooks live when it returns', () => {
  it('--from the tarball npm pack makes (init itself run from it with npx): commits and pushes are checked; a second init changes nothing', () => {
    const repo = pythonRepo();
    const r = run(repo, 'npx', ['--yes', '--package', tarball, '--', 'modelreg', 'init', '--from', tarball]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hooks are active: commits and pushes of this repository are checked');
    expect(r.stdout).toContain("to turn that off, put 'trailers: {required: false}' in .modelreg.yaml");
    const pkg = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8'));
    expect(pkg.devDependencies).toEqual({ modelreg: `file:${tarball}`, husky: '^9.1.7' });
    expect(repo.git(['config', 'core.hooksPath']).trim()).toBe('.husky/_');

    // Again, without --from: the source is where the running modelreg came from (npx's install of
    // the tarball), so nothing changes.
    const before = worktree(repo);
    const again = run(repo, 'npx', ['--yes', '--package', tarball, '--', 'modelreg', 'init']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`from     modelreg from file:${tarball} (where this modelreg came from`);
    expect(again.stdout).toContain('modelreg init: already set up, nothing to change');
    expect(worktree(repo)).toBe(before);

    expectCommitsAndPushesChecked(repo);
  }, LONG);

  it('--from a checkout directory: npm installs it as a copy, with its dependencies', () => {
    const repo = pythonRepo({ '.commitlintrc.json': '{ "rules": {} }\n' });
    const r = init(repo, ['--from', checkout.dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`from     modelreg from file:${checkout.dir} (as --from says`);
    expect(readFileSync(join(repo.dir, '.npmrc'), 'utf8')).toBe('install-links=true\n');
    // A real copy, so the team's own commitlint config finds commitlint's loader.
    expect(existsSync(join(repo.dir, 'node_modules', '@commitlint', 'load'))).toBe(true);
    expectCommitsAndPushesChecked(repo);
  }, LONG);
});

describe('pnpm', () => {
  it('--from the tarball, in a repository that declares pnpm: pnpm installs, and the hooks check commits and pushes', () => {
    const repo = pythonRepo({ 'package.json': '{\n  "name": "ml",\n  "private": true,\n  "packageManager": "pnpm@10.34.9"\n}\n' });
    const r = init(repo, ['--from', tarball]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(repo.dir, 'pnpm-lock.yaml'))).toBe(true);
    expect(existsSync(join(repo.dir, 'package-lock.json'))).toBe(false);
    expect(r.stdout).toContain('hooks are active');
    expectCommitsAndPushesChecked(repo);
  }, LONG);
});

describe('a failed install', () => {
  it('--from a path that does not exist: one line naming it and what to do, nothing written', () => {
    const repo = pythonRepo();
    const r = init(repo, ['--from', './no/modelreg-9.9.9.tgz']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'modelreg: --from ./no/modelreg-9.9.9.tgz: no such file or directory — pass --from SPEC: a checkout of modelreg, a .tgz from its npm pack, or a git URL (git+https://…#TAG, github:OWNER/REPO#TAG)',
    ]);
    expect(worktree(repo)).toBe('');
  });

  it('--from something that installs but is not modelreg: what init wrote is rolled back', () => {
    const repo = pythonRepo({ '.gitignore': '__pycache__/\n' });
    const notModelreg = tempDir();
    const r = init(repo, ['--from', notModelreg]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^modelreg: npm install --install-links could not install modelreg from file:\S+: .* what init wrote was rolled back$/),
    ]);
    // .gitignore is as it was, and nothing init or its install wrote is left
    expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).toBe('__pycache__/\n');
    expect(worktree(repo)).toBe('');
    expect(run(repo, 'git', ['config', 'core.hooksPath']).stdout).toBe('');
  }, LONG);
});

const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;

describe.skipIf(!hasPreCommit)('a repository that runs the pre-commit framework', () => {
  it('keeps its own hook and gains modelreg\'s: commits, pushes of a tag beside a branch, --follow-tags and --all-files are checked', () => {
    const team = 'repos:\n  - repo: local\n    hooks:\n      - id: no-secrets\n        name: team check\n        entry: sh check-secrets.sh\n        language: system\n        pass_filenames: false\n        always_run: true\n';
    const check = 'if [ -e secrets.txt ]; then echo "team check: secrets.txt must not be committed"; exit 1; fi\n';
    const repo = pythonRepo({ '.pre-commit-config.yaml': team, 'check-secrets.sh': check });
    expect(run(repo, 'pre-commit', ['install']).code).toBe(0);

    const dry = init(repo, ['--from', tarball, '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.stdout.split('\n')[0]).toBe('hooks    pre-commit framework: .pre-commit-config.yaml: this repository runs its hooks with the pre-commit framework, so modelreg joins it');
    const r = init(repo, ['--from', tarball]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hooks are active: the pre-commit framework checks commits and pushes of this repository');
    // husky was not brought in: the framework's hooks stay where git runs them
    expect(run(repo, 'git', ['config', 'core.hooksPath']).stdout).toBe('');
    expect(existsSync(join(repo.dir, 'package.json'))).toBe(false);
    const config = parse(readFileSync(join(repo.dir, '.pre-commit-config.yaml'), 'utf8'));
    expect(config.repos.map((rp: { hooks: { id: string }[] }) => rp.hooks.map((h) => h.id))).toEqual([['no-secrets'], ['modelreg-check', 'modelreg-commit-msg', 'modelreg-pre-push']]);

    // modelreg's hooks, through the framework: pre-push gets one ref (main), and the near-miss
    // tag pushed beside it is still refused.
    const remote = expectCommitsAndPushesChecked(repo);

    // The team's hook still runs.
    repo.write('secrets.txt', 'token\n');
    run(repo, 'git', ['add', 'secrets.txt']);
    const secret = run(repo, 'git', ['commit', '-m', 'Add notes']);
    expect(secret.code).not.toBe(0);
    expect(secret.stdout + secret.stderr).toContain('team check: secrets.txt must not be committed');
    run(repo, 'git', ['rm', '-q', '--cached', 'secrets.txt']);
    rmSync(join(repo.dir, 'secrets.txt'));

    const follow = run(repo, 'git', ['push', '--follow-tags', 'origin', 'main']);
    expect(follow.code).not.toBe(0);
    expect(follow.stdout + follow.stderr).toContain("did you mean 'churn@v1.0.0'?");
    expect(remote.git(['for-each-ref']).trim()).toBe('');
    repo.git(['tag', '-d', 'churn@1.0.0']);
    repo.git(['tag', '-a', '-m', 'Registering churn', 'churn@v1.0.0'], day(3));
    expect(run(repo, 'git', ['push', '--follow-tags', 'origin', 'main']).code).toBe(0);
    expect(remote.git(['tag', '-l']).trim()).toBe('churn@v1.0.0');

    // pre-commit run --all-files (CI, pre-commit.ci) checks the whole repository, not what is staged.
    repo.write('dvc.yaml', 'artifacts:\n  churn:\n    type: model\n    path: models/missing.pkl\n');
    run(repo, 'git', ['add', 'dvc.yaml']);
    run(repo, 'git', ['commit', '-q', '--no-verify', '-m', 'Break churn']);
    const all = run(repo, 'pre-commit', ['run', '--all-files']);
    expect(all.code).not.toBe(0);
    expect(all.stdout).toContain("'models/missing.pkl' does not exist");
  }, LONG);
});
