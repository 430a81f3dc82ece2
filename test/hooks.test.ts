// `modelreg init` and the hooks it installs, through real husky, commitlint and `git commit`
// (and a team's own lint-staged beside them).
// init runs with --no-install here: node_modules links the workspace build (installHookTools), so these
// tests cover what init writes and the hooks do; install.test.ts covers the install route itself.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { TestRepo, cleanTemps, rawDate } from './helpers/repo.js';
import { installHookTools } from './helpers/hook-tools.js';

afterAll(cleanTemps);
const day = (d: number) => rawDate(`2025-05-${String(d).padStart(2, '0')}T12:00:00Z`);

const ANNOTATION = 'artifacts:\n  churn:\n    type: model\n    path: models/churn.pkl\n    desc: churn predictor\n';

/** `git commit` as a user runs it, hooks and all. */
function commit(repo: TestRepo, args: string[]) {
  const r = spawnSync('git', ['commit', '-q', ...args], { cwd: repo.dir, env: { ...repo.env, GIT_AUTHOR_DATE: day(2), GIT_COMMITTER_DATE: day(2) }, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
const head = (repo: TestRepo) => repo.git(['rev-parse', 'HEAD']).trim();

/** The problem lines the hooks print (husky adds its own 'husky - … failed' line, the hook a last line). */
const refusals = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('modelreg pre-commit: ') && l.endsWith(']'));

let repo: TestRepo;
beforeEach(() => {
  repo = TestRepo.init();
  installHookTools(repo);
  repo.write('models/churn.pkl', 'weights\n');
  repo.write('dvc.yaml', ANNOTATION);
  repo.git(['add', 'models', 'dvc.yaml']);
  repo.git(['commit', '-q', '-m', 'Add the churn model'], day(1));
});

describe('modelreg init', () => {
  it('sets up a repository with no package.json in one command, and a second run changes nothing', () => {
    const first = repo.modelreg(['init', '--no-install']);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout.split('\n').filter(Boolean).map((l) => l.split(':')[0])).toEqual([
      'hooks    husky',
      'from     modelreg from file',
      'create   package.json',
      'create   commitlint.config.mjs',
      'create   .husky/pre-commit',
      'create   .husky/pre-merge-commit',
      'create   .husky/commit-msg',
      'create   .husky/pre-push',
      'create   .gitignore',
      'create   .npmrc',
      'hooks are active',
      'note',
    ]);
    expect(repo.git(['config', 'core.hooksPath']).trim()).toBe('.husky/_');
    const files = ['package.json', 'commitlint.config.mjs', '.husky/pre-commit', '.husky/pre-merge-commit', '.husky/commit-msg', '.husky/pre-push', '.gitignore', '.npmrc'];
    const before = files.map((f) => readFileSync(join(repo.dir, f), 'utf8'));
    const second = repo.modelreg(['init', '--no-install']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('modelreg init: already set up, nothing to change');
    expect(JSON.parse(repo.modelreg(['init', '--no-install', '--json']).stdout)).toMatchObject({ written: false });
    expect(files.map((f) => readFileSync(join(repo.dir, f), 'utf8'))).toEqual(before);
    expect(readFileSync(join(repo.dir, '.husky/pre-push'), 'utf8')).toBe(readFileSync(join(__dirname, '..', 'hooks', 'pre-push'), 'utf8'));
  });

  it('--dry-run and --json write nothing and describe every change', () => {
    const r = repo.modelreg(['init', '--no-install', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.written).toBe(false);
    expect(out.changes.map((c: { file: string; action: string }) => `${c.action} ${c.file}`)).toContain('create .husky/pre-commit');
    expect(existsSync(join(repo.dir, '.husky'))).toBe(false);
    expect(existsSync(join(repo.dir, 'package.json'))).toBe(false);
  });

  it('refuses to touch a JavaScript commitlint config it cannot merge, writes nothing, and --force replaces it', () => {
    repo.write('commitlint.config.cjs', "module.exports = { extends: ['@commitlint/config-conventional'] };\n");
    const r = repo.modelreg(['init', '--no-install']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "CONFLICT commitlint.config.cjs: a JavaScript config cannot be merged — add './node_modules/modelreg/bundle/commitlint.mjs' to its extends, or run modelreg init --force to replace the file",
    );
    expect(r.stdout).toContain('next: resolve the conflicts above (or run modelreg init --force); nothing was written');
    expect(existsSync(join(repo.dir, 'package.json'))).toBe(false);
    expect(repo.modelreg(['init', '--no-install', '--force']).code).toBe(0);
    expect(readFileSync(join(repo.dir, 'commitlint.config.cjs'), 'utf8')).toContain('./node_modules/modelreg/bundle/commitlint.mjs');
  });

  it('a hook path it cannot read (a directory) is one line naming it, and nothing is written', () => {
    mkdirSync(join(repo.dir, '.husky', 'pre-push'), { recursive: true });
    const r = repo.modelreg(['init', '--no-install']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('modelreg: cannot read .husky/pre-push: it is a directory, not a file — fix it, then run modelreg init again\n');
    expect(existsSync(join(repo.dir, 'package.json'))).toBe(false);
    expect(existsSync(join(repo.dir, '.husky', 'pre-commit'))).toBe(false);
  });

  it('never switches a team\'s hooks off: hand-written .git/hooks or another core.hooksPath is one line, nothing written; --hooks husky takes over', () => {
    writeFileSync(join(repo.dir, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\nmake lint\n', { mode: 0o755 });
    const hand = repo.modelreg(['init', '--no-install']);
    expect(hand.code).toBe(1);
    expect(hand.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^modelreg: \.git\/hooks\/pre-commit would stop running: husky sets core\.hooksPath — .*--hooks husky/)]);
    expect(existsSync(join(repo.dir, 'package.json'))).toBe(false);
    repo.git(['config', 'core.hooksPath', 'tools/githooks']);
    const other = repo.modelreg(['init', '--no-install']);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/^modelreg: core\.hooksPath is 'tools\/githooks': another tool runs this repository's hooks/);
    expect(existsSync(join(repo.dir, '.husky'))).toBe(false);
    const forced = repo.modelreg(['init', '--no-install', '--hooks', 'husky']);
    expect(forced.code).toBe(0);
    expect(forced.stdout.split('\n')[0]).toBe('hooks    husky: as --hooks asks');
  });

  it('outside a repository: one line, exit 1', () => {
    rmSync(join(repo.dir, '.git'), { recursive: true });
    const r = repo.modelreg(['init', '--no-install']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^modelreg: not inside a Git repository/)]);
  });
});

describe('pre-commit through husky', () => {
  beforeEach(() => {
    expect(repo.modelreg(['init', '--no-install']).code).toBe(0);
    repo.git(['add', 'package.json', 'commitlint.config.mjs', '.husky', '.gitignore']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Check commits with modelreg'], day(1));
  });

  it('refuses a bad annotation that is staged, and accepts it once fixed', () => {
    const before = head(repo);
    repo.write('dvc.yaml', ANNOTATION.replace('type: model', 'type: [model]'));
    repo.git(['add', 'dvc.yaml']);
    const refused = commit(repo, ['-m', 'Retype churn']);
    expect(refused.code).not.toBe(0);
    expect(refusals(refused.stderr)).toEqual(['modelreg pre-commit: dvc.yaml:3:11 artifacts.churn.type: must be a string, got a list [wrong-type]']);
    expect(refused.stderr).toContain('modelreg pre-commit: 1 error; fix the files and `git add` them');
    expect(head(repo)).toBe(before);

    repo.write('dvc.yaml', ANNOTATION.replace('churn predictor', 'predicts churn'));
    repo.git(['add', 'dvc.yaml']);
    const accepted = commit(repo, ['-m', 'Describe churn better', '--trailer', 'Model: churn']);
    expect(accepted).toMatchObject({ code: 0, stderr: '' });
    expect(head(repo)).not.toBe(before);
  });

  it('checks what is staged, not the working tree: a fix that is not staged does not let a bad commit pass', () => {
    repo.write('dvc.yaml', ANNOTATION.replace('models/churn.pkl', 'models/nowhere.pkl'));
    repo.git(['add', 'dvc.yaml']);
    repo.write('dvc.yaml', ANNOTATION); // fixed, but not staged
    const r = commit(repo, ['-m', 'Move churn']);
    expect(r.code).not.toBe(0);
    expect(refusals(r.stderr)).toEqual([
      "modelreg pre-commit: dvc.yaml:4:11 artifacts.churn.path: 'models/nowhere.pkl' does not exist in the index — commit it, track it with `dvc add`, or fix the path [path-missing]",
    ]);
    // The working tree is as the user left it.
    expect(readFileSync(join(repo.dir, 'dvc.yaml'), 'utf8')).toBe(ANNOTATION);
  });

  it('refuses deleting or renaming a model file its annotation still points to', () => {
    repo.git(['rm', '-q', 'models/churn.pkl']);
    const deleted = commit(repo, ['-m', 'Drop the weights']);
    expect(deleted.code).not.toBe(0);
    expect(refusals(deleted.stderr)).toEqual([expect.stringContaining("artifacts.churn.path: 'models/churn.pkl' does not exist in the index — commit it, track it with `dvc add`, or fix the path [path-missing]")]);
    repo.git(['reset', '-q', '--hard']);
    repo.git(['mv', 'models/churn.pkl', 'models/churn-v2.pkl']);
    expect(refusals(commit(repo, ['-m', 'Rename the weights']).stderr)).toHaveLength(1);
  });

  it('refuses removing an artifact with active versions until it is deprecated', () => {
    expect(repo.modelreg(['register', 'churn', '--version', 'v1.0.0'], { date: day(1) }).code).toBe(0);
    repo.write('dvc.yaml', 'artifacts: {}\n');
    repo.git(['rm', '-q', 'models/churn.pkl']);
    repo.git(['add', 'dvc.yaml']);
    const refused = commit(repo, ['-m', 'Retire churn']);
    expect(refusals(refused.stderr)).toEqual([
      "modelreg pre-commit: dvc.yaml:2:3: 'churn' is removed from dvc.yaml, but it has active registered version v1.0.0 — deprecate it first (modelreg deprecate churn), or keep its annotation [active-artifact-removed]",
    ]);
    // Deleting the whole annotation file is a removal too.
    repo.git(['rm', '-q', '--cached', 'dvc.yaml']);
    expect(refusals(commit(repo, ['-m', 'Retire churn']).stderr)).toEqual([expect.stringMatching(/\[active-artifact-removed\]$/)]);
    repo.git(['add', 'dvc.yaml']);
    // A file that cannot be read at all is that one problem, not also a removal of its artifacts.
    repo.write('dvc.yaml', 'artifacts:\n  churn: \u0000\n');
    repo.git(['add', 'dvc.yaml']);
    expect(refusals(commit(repo, ['-m', 'Corrupt it']).stderr)).toEqual([expect.stringMatching(/^modelreg pre-commit: dvc\.yaml:2:10: .*NUL.*\[file-binary\]$/)]);
    repo.write('dvc.yaml', 'artifacts: {}\n');
    repo.git(['add', 'dvc.yaml']);
    expect(repo.modelreg(['deprecate', 'churn'], { date: day(2) }).code).toBe(0);
    expect(commit(repo, ['-m', 'Retire churn', '--trailer', 'Model: churn'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('a commit that touches no annotation file prints nothing', () => {
    repo.write('README.md', 'models\n');
    repo.git(['add', 'README.md']);
    expect(commit(repo, ['-m', 'Add a readme'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('run by hand in a subdirectory, the hooks still check the whole repository', () => {
    repo.write('dvc.yaml', ANNOTATION.replace('models/churn.pkl', 'models/nowhere.pkl'));
    repo.git(['add', 'dvc.yaml']);
    repo.write('notes/todo.txt', 'x\n');
    const sub = join(repo.dir, 'notes');
    const preCommit = repo.modelreg(['hook', 'pre-commit'], { cwd: sub });
    expect(preCommit.code).toBe(1);
    expect(refusals(preCommit.stderr)).toEqual([
      "modelreg pre-commit: dvc.yaml:4:11 artifacts.churn.path: 'models/nowhere.pkl' does not exist in the index — commit it, track it with `dvc add`, or fix the path [path-missing]",
    ]);
    repo.write('msg.txt', 'Retrain\n\nModel: chrun\n');
    const commitMsg = repo.modelreg(['hook', 'commit-msg', join(repo.dir, 'msg.txt')], { cwd: sub });
    expect(commitMsg.stderr).toContain("'Model: chrun' names no annotated artifact (did you mean 'churn'?) [model-trailer-known]");
  });

  it('HUSKY=0 skips the hooks, as husky documents', () => {
    repo.write('dvc.yaml', 'artifacts: [\n');
    repo.git(['add', 'dvc.yaml']);
    const r = spawnSync('git', ['commit', '-q', '-m', 'broken'], { cwd: repo.dir, env: { ...repo.env, HUSKY: '0' }, encoding: 'utf8' });
    expect(r.status).toBe(0);
  });
});

describe('commit-msg and pre-push through the hooks init installed', () => {
  beforeEach(() => {
    repo.write('.modelreg.yaml', 'stages: [dev, staging, prod]\nrules:\n  prod:\n    requires: [staging]\ntrailers:\n  required: true\n');
    expect(repo.modelreg(['init', '--no-install']).code).toBe(0);
    repo.git(['add', 'package.json', 'commitlint.config.mjs', '.husky', '.gitignore', '.modelreg.yaml']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Check commits with modelreg'], day(1));
  });

  it('refuses a commit that changes a model without a Model: trailer, and accepts it with one', () => {
    repo.write('models/churn.pkl', 'retrained\n');
    repo.git(['add', 'models/churn.pkl']);
    const refused = commit(repo, ['-m', 'Retrain']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("modelreg commit-msg: this commit changes models/churn.pkl (artifact churn): add the trailer 'Model: churn' [model-trailer-required]");
    expect(commit(repo, ['-m', 'Retrain', '--trailer', 'Model: churn'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('start modelreg with NODE_EXTRA_CA_CERTS moved aside (Node parses that bundle at each start), and what modelreg starts gets it back', () => {
    // A CA bundle Node cannot load: every Node process started with it says so on stderr.
    const certs = join(repo.home, 'corporate-ca.pem');
    const env = { ...repo.env, NODE_EXTRA_CA_CERTS: certs, GIT_AUTHOR_DATE: day(2), GIT_COMMITTER_DATE: day(2) };
    expect(spawnSync(process.execPath, ['-e', '0'], { env, encoding: 'utf8' }).stderr).toContain(certs);
    repo.write('models/churn.pkl', 'retrained\n');
    repo.git(['add', 'models/churn.pkl']);
    expect(spawnSync('git', ['commit', '-q', '-m', 'Retrain', '--trailer', 'Model: churn'], { cwd: repo.dir, env, encoding: 'utf8' })).toMatchObject({ status: 0, stderr: '' });

    // modelreg started as the hook lines start it: the `git push` it runs, and the hooks that push
    // runs, see the value again (a line added to the pre-push hook records it).
    const remote = join(repo.home, 'remote.git');
    repo.git(['init', '-q', '--bare', '-b', 'main', remote]);
    repo.git(['remote', 'add', 'origin', remote]);
    repo.git(['push', '-q', '--no-verify', 'origin', 'main']);
    const seen = join(repo.home, 'seen');
    repo.write('.husky/pre-push', `printf '%s' "$NODE_EXTRA_CA_CERTS" > '${seen}'\n${readFileSync(join(repo.dir, '.husky', 'pre-push'), 'utf8')}`);
    const pushed = repo.modelreg(['register', 'churn', '--version', 'v1.0.0', '--push'], { date: day(2), env: { NODE_EXTRA_CA_CERTS: '', MODELREG_NODE_EXTRA_CA_CERTS: certs } });
    expect(pushed).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(seen, 'utf8')).toBe(certs);
    expect(repo.git(['ls-remote', '--tags', remote])).toContain('refs/tags/churn@v1.0.0');
  });

  it('refuses pushing a near-miss tag and a skipped stage, and the remote keeps nothing; accepts them fixed', () => {
    const remote = join(repo.home, 'remote.git');
    repo.git(['init', '-q', '--bare', '-b', 'main', remote]);
    repo.git(['remote', 'add', 'origin', remote]);
    const pushTags = (...tags: string[]) => {
      const r = spawnSync('git', ['push', '-q', 'origin', 'main', ...tags.map((t) => `refs/tags/${t}`)], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
      return { code: r.status ?? -1, problems: r.stderr.split('\n').filter((l) => l.startsWith('modelreg pre-push: ')) };
    };
    repo.git(['tag', '-a', '-m', 'release', 'churn@1.0.0'], day(2));
    const nearMiss = pushTags('churn@1.0.0');
    expect(nearMiss.code).not.toBe(0);
    expect(nearMiss.problems).toEqual([expect.stringMatching(/^modelreg pre-push: tag 'churn@1\.0\.0' .*did you mean 'churn@v1\.0\.0'\?.* \[malformed-registry-tag\]$/)]);
    expect(repo.git(['ls-remote', remote]).trim()).toBe('');

    repo.git(['tag', '-d', 'churn@1.0.0']);
    expect(repo.modelreg(['register', 'churn', '--version', 'v1.0.0'], { date: day(2) }).code).toBe(0);
    expect(repo.modelreg(['assign', 'churn', '--version', 'v1.0.0', '--stage', 'prod'], { date: day(3) }).code).toBe(0);
    const skipped = pushTags('churn@v1.0.0', 'churn#prod#1');
    expect(skipped.problems).toEqual([expect.stringMatching(/\[stage-requires\]$/)]);
    expect(repo.git(['ls-remote', '--tags', remote]).trim()).toBe('');

    expect(repo.modelreg(['assign', 'churn', '--version', 'v1.0.0', '--stage', 'staging'], { date: day(2) }).code).toBe(0);
    expect(pushTags('churn@v1.0.0', 'churn#staging#2', 'churn#prod#1')).toEqual({ code: 0, problems: [] });
  });
});

describe('hooks init joins to a team\'s, and the merges it checks', () => {
  it('a merge without conflicts is checked too (pre-merge-commit)', () => {
    expect(repo.modelreg(['init', '--no-install']).code).toBe(0);
    repo.git(['add', 'package.json', 'commitlint.config.mjs', '.husky', '.gitignore']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Check commits with modelreg'], day(1));
    repo.write('models/shared.pkl', 'shared\n');
    repo.git(['add', 'models/shared.pkl']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Add shared'], day(1));
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write('dvc.yaml', `${ANNOTATION}  shared:\n    path: models/shared.pkl\n`);
    repo.git(['add', 'dvc.yaml']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Annotate shared'], day(2));
    repo.git(['checkout', '-q', 'main']);
    repo.git(['rm', '-q', 'models/shared.pkl']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Drop shared'], day(2));
    const r = spawnSync('git', ['merge', '-q', '--no-ff', '-m', 'Merge feature', 'feature'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(refusals(r.stderr)).toEqual([expect.stringMatching(/'models\/shared\.pkl' does not exist in the index .*\[path-missing\]$/)]);
  });

  it('goes first in a pre-push hook whose command reads the refs too (git lfs does), and hands them on', () => {
    const seen = join(repo.home, 'lfs-saw');
    repo.write('.husky/pre-push', `cat > "${seen}"\n`);
    expect(repo.modelreg(['init', '--no-install']).stdout).toContain('update   .husky/pre-push: inserted first, handing the pushed refs on to the rest of the hook');
    repo.git(['add', 'package.json', 'commitlint.config.mjs', '.husky', '.gitignore']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Check commits with modelreg'], day(1));
    const remote = join(repo.home, 'remote.git');
    repo.git(['init', '-q', '--bare', '-b', 'main', remote]);
    repo.git(['remote', 'add', 'origin', remote]);
    repo.git(['tag', '-a', '-m', 'release', 'churn@1.0.0'], day(2));
    const refused = spawnSync('git', ['push', '-q', 'origin', 'main', 'refs/tags/churn@1.0.0'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/modelreg pre-push: tag 'churn@1\.0\.0' .*\[malformed-registry-tag\]/);
    repo.git(['tag', '-d', 'churn@1.0.0']);
    expect(repo.modelreg(['register', 'churn', '--version', 'v1.0.0'], { date: day(2) }).code).toBe(0);
    const pushed = spawnSync('git', ['push', '-q', 'origin', 'main', 'refs/tags/churn@v1.0.0'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(pushed.status).toBe(0);
    // The team's command got the refs as Git gave them.
    const lines = readFileSync(seen, 'utf8').trim().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['refs/heads/main', 'refs/tags/churn@v1.0.0']);
  });
});

describe('init where a team already uses husky, lint-staged and commitlint', () => {
  /** The team's setup before modelreg, committed: lint-staged with a check that fails on TODO, commitlint with config-conventional. */
  function teamSetup(commitMsgHook: string) {
    repo.write('package.json', JSON.stringify({ name: 'team', private: true, scripts: { prepare: 'husky' }, 'lint-staged': { '*.txt': 'node -e "process.exit(require(\'fs\').readFileSync(process.argv[1],\'utf8\').includes(\'TODO\')?1:0)"' } }, null, 2) + '\n');
    repo.write('.commitlintrc.json', '{ "extends": ["@commitlint/config-conventional"] }\n');
    repo.write('.husky/pre-commit', 'lint-staged\n');
    repo.write('.husky/commit-msg', commitMsgHook);
    repo.git(['add', 'package.json', '.commitlintrc.json', '.husky']);
    repo.git(['commit', '-q', '-m', 'chore: lint commits'], day(1));
  }
  /** What modelreg's hooks print (lint-staged reports its progress on stderr too). */
  const ours = (r: { code: number; stderr: string }) => ({ code: r.code, lines: r.stderr.split('\n').filter((l) => l.startsWith('modelreg ')) });
  const MODEL_LINE = 'NODE_EXTRA_CA_CERTS= MODELREG_NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS-}" modelreg hook commit-msg "$1"';

  it('merges into their setup: their checks keep running, once, and modelreg\'s are added', () => {
    teamSetup('#!/bin/sh\n# conventional commits\ncommitlint --edit "$1"\n');
    const r = repo.modelreg(['init', '--no-install']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("update   .commitlintrc.json: extends './node_modules/modelreg/bundle/commitlint.mjs'");
    expect(r.stdout).toContain(`update   .husky/commit-msg: 'commitlint --edit "$1"' now runs as 'modelreg hook commit-msg "$1"' (the same commitlint config and rules, one Node start fewer)\n`);
    expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toMatch(/^lint-staged\n(# modelreg[^\n]*\n)+NODE_EXTRA_CA_CERTS= MODELREG_NODE_EXTRA_CA_CERTS="\$\{NODE_EXTRA_CA_CERTS-\}" modelreg hook pre-commit\n$/);
    // Their other lines stay; the commitlint line is modelreg's, as init writes it elsewhere.
    expect(readFileSync(join(repo.dir, '.husky/commit-msg'), 'utf8')).toBe(`#!/bin/sh\n# conventional commits\n${readFileSync(join(__dirname, '..', 'hooks', 'commit-msg'), 'utf8')}`);
    expect(readFileSync(join(repo.dir, '.husky/commit-msg'), 'utf8')).toContain(`\n${MODEL_LINE}\n`);
    repo.git(['add', 'package.json', '.commitlintrc.json', '.husky', '.gitignore', '.npmrc']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'chore: check models too'], day(1));
    // A second run changes nothing; doctor finds nothing to say about it.
    const again = repo.modelreg(['init', '--no-install']);
    expect(again.stdout).toContain('modelreg init: already set up, nothing to change');
    expect(repo.git(['status', '--porcelain'])).toBe('');
    expect(repo.modelreg(['doctor'])).toMatchObject({ code: 0, stderr: '' });

    // Their lint-staged task still runs…
    repo.write('notes.txt', 'TODO\n');
    repo.git(['add', 'notes.txt']);
    expect(commit(repo, ['-m', 'docs: add notes']).code).not.toBe(0);
    repo.write('notes.txt', 'done\n');
    repo.git(['add', 'notes.txt']);
    // …their commitlint rules still apply, now through modelreg's hook…
    const before = head(repo);
    const unconventional = commit(repo, ['-m', 'Add notes.']);
    expect(unconventional.code).not.toBe(0);
    expect(ours(unconventional).lines).toEqual([
      'modelreg commit-msg: subject may not be empty [subject-empty]',
      'modelreg commit-msg: subject may not end with full stop [subject-full-stop]',
      'modelreg commit-msg: type may not be empty [type-empty]',
      "modelreg commit-msg: commit refused: fix the message (git keeps it in .git/COMMIT_EDITMSG) and commit again, or bypass the check with 'git commit --no-verify'",
    ]);
    expect(commit(repo, ['-m', 'chore(notes): add notes', '-m', 'x'.repeat(101)]).stderr).toMatch(/^modelreg commit-msg: body's lines must not be longer than 100 characters \[body-max-line-length\]$/m);
    expect(head(repo)).toBe(before);
    expect(ours(commit(repo, ['-m', 'docs: add notes']))).toEqual({ code: 0, lines: [] });
    // …and modelreg's beside them: a model change must name the model.
    repo.write('models/churn.pkl', 'retrained\n');
    repo.git(['add', 'models/churn.pkl']);
    const unnamed = commit(repo, ['-m', 'feat: retrain churn']);
    expect(unnamed.code).not.toBe(0);
    expect(unnamed.stderr).toContain("modelreg commit-msg: this commit changes models/churn.pkl (artifact churn): add the trailer 'Model: churn' [model-trailer-required]\n");
    expect(commit(repo, ['-m', 'Retrain churn', '-m', 'Model: churn']).stderr).toMatch(/^modelreg commit-msg: type may not be empty \[type-empty\]$/m);
    expect(ours(commit(repo, ['-m', 'feat: retrain churn', '-m', 'Model: churn']))).toEqual({ code: 0, lines: [] });
    repo.write('dvc.yaml', ANNOTATION.replace('type: model', 'type: [model]'));
    repo.git(['add', 'dvc.yaml']);
    const refused = commit(repo, ['-m', 'feat: retype churn']);
    expect(refused.code).not.toBe(0);
    expect(refusals(refused.stderr)).toContain('modelreg pre-commit: dvc.yaml:3:11 artifacts.churn.type: must be a string, got a list [wrong-type]');
  });

  it('keeps a commitlint call with other options, whose config gains modelreg\'s rules', () => {
    teamSetup('commitlint --edit "$1" --verbose\n');
    const r = repo.modelreg(['init', '--no-install']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("keep     .husky/commit-msg: already runs commitlint, whose config now loads modelreg's rules\n");
    expect(readFileSync(join(repo.dir, '.husky/commit-msg'), 'utf8')).toBe('commitlint --edit "$1" --verbose\n');
    repo.git(['add', 'package.json', '.commitlintrc.json', '.husky', '.gitignore', '.npmrc']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'chore: check models too'], day(1));
    // commitlint itself (its own output), with both rule sets.
    repo.write('models/churn.pkl', 'retrained\n');
    repo.git(['add', 'models/churn.pkl']);
    const refused = commit(repo, ['-m', 'Retrain churn']);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/✖ {3}type may not be empty \[type-empty\]/);
    expect(refused.stdout + refused.stderr).toMatch(/✖ {3}this commit changes models\/churn\.pkl \(artifact churn\): add the trailer 'Model: churn' \[model-trailer-required\]/);
    const accepted = commit(repo, ['-m', 'feat: retrain churn', '-m', 'Model: churn']);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout + accepted.stderr).toMatch(/✔ {3}found 0 problems, 0 warnings/);
  });
});
