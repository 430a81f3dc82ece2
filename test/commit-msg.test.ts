// The commit-msg hook on real `git commit`s: the built CLI as .git/hooks/commit-msg, the repository's
// commitlint.config.js extending @modelreg/commitlint-plugin/config (resolved through a node_modules
// link to this workspace), and plain `commitlint --edit` with the same config.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI, TestRepo, cleanTemps, rawDate } from './helpers/repo.js';

afterAll(cleanTemps);

const HERE = dirname(fileURLToPath(import.meta.url));
const COMMITLINT = resolve(HERE, 'node_modules', '@commitlint', 'cli', 'cli.js');
const DATE = rawDate('2025-03-01T12:00:00Z');
const REFUSED = "modelreg commit-msg: commit refused: fix the message (git keeps it in .git/COMMIT_EDITMSG) and commit again, or bypass the check with 'git commit --no-verify'";

let repo: TestRepo;

/** Set up a repository with an annotated model, a commitlint config and the hook; commit it. */
function setup(commitlintConfig: string | null = "module.exports = { extends: ['@modelreg/commitlint-plugin/config'] };\n") {
  repo = TestRepo.init();
  // Node resolves the config's `extends` from the repository upward: link <home>/node_modules here.
  symlinkSync(resolve(HERE, 'node_modules'), join(repo.home, 'node_modules'), 'dir');
  repo.write('dvc.yaml', 'artifacts:\n  churn:\n    path: models/churn.pkl\n    type: model\n');
  repo.write('models/churn.pkl', 'v1\n');
  repo.write('.modelreg.yaml', 'trailers:\n  required: true\n');
  repo.write('README.md', 'readme\n');
  if (commitlintConfig !== null) repo.write('commitlint.config.js', commitlintConfig);
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '-m', 'Start'], DATE);
  const hook = join(repo.dir, '.git', 'hooks', 'commit-msg');
  writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" hook commit-msg "$1"\n`);
  chmodSync(hook, 0o755);
}

/** `git commit ARGS` as a user runs it: the hook's output and git's exit code. */
function commit(args: string[]) {
  const r = spawnSync('git', ['commit', '-q', ...args], { cwd: repo.dir, env: { ...repo.env, GIT_AUTHOR_DATE: DATE, GIT_COMMITTER_DATE: DATE }, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

const count = () => Number(repo.git(['rev-list', '--count', 'HEAD']).trim());
const lastMessage = () => repo.git(['log', '-1', '--format=%B']);

function changeModel(content = 'v2\n') {
  repo.write('models/churn.pkl', content);
  repo.git(['add', 'models/churn.pkl']);
}

describe('modelreg hook commit-msg in a real git commit', () => {
  beforeEach(() => setup());

  it('refuses a model change without Model:, then accepts it once the trailer is there', () => {
    changeModel();
    const refused = commit(['-m', 'feat: retrain churn']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n')).toEqual([
      "modelreg commit-msg: this commit changes models/churn.pkl (artifact churn): add the trailer 'Model: churn' [model-trailer-required]",
      REFUSED,
      '',
    ]);
    expect(count()).toBe(1);
    const accepted = commit(['-m', 'feat: retrain churn', '-m', 'Model: churn\nModel-Bump: minor\nModel-Metric: auc=0.91\nModel-Data: s3://b/churn/2025-03']);
    expect(accepted).toMatchObject({ code: 0, stderr: '', stdout: '' });
    expect(count()).toBe(2);
    expect(lastMessage()).toMatch(/Model: churn\nModel-Bump: minor/);
  });

  it('refuses a misspelt Model: and malformed trailers, one line per problem', () => {
    changeModel();
    const r = commit(['-m', 'feat: retrain', '-m', 'Model: chrun\nModel-Bump: huge\nModel-Metric: auc=good\nModel-Data:']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').sort()).toEqual(
      [
        "modelreg commit-msg: this commit changes models/churn.pkl (artifact churn): add the trailer 'Model: churn' [model-trailer-required]",
        "modelreg commit-msg: 'Model: chrun' names no annotated artifact (did you mean 'churn'?) [model-trailer-known]",
        "modelreg commit-msg: 'Model-Bump: huge' must be major, minor or patch [model-bump-valid]",
        "modelreg commit-msg: 'Model-Metric: auc=good' must be KEY=VALUE with a number, e.g. 'Model-Metric: auc=0.91' [model-metric-format]",
        "modelreg commit-msg: 'Model-Data:' needs a dataset reference, e.g. 'Model-Data: s3://bucket/churn/2025-03' [model-data-format]",
        REFUSED,
      ].sort(),
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads the message as git does: comments and a file message, an unstaged change not counted', () => {
    repo.write('models/churn.pkl', 'unstaged\n');
    repo.write('README.md', 'more\n');
    repo.git(['add', 'README.md']);
    expect(commit(['-m', 'docs: readme'])).toMatchObject({ code: 0, stderr: '' });
    changeModel('v3\n');
    repo.write('msg.txt', 'feat: retrain\n\nModel: churn\n# Please enter the commit message for your changes.\n#\tmodified: models/churn.pkl\n');
    expect(commit(['--cleanup=strip', '-F', 'msg.txt'])).toMatchObject({ code: 0, stderr: '' });
    expect(lastMessage()).toBe('feat: retrain\n\nModel: churn\n\n');
  });

  it('sees what `git commit -a` and `git commit PATH` commit (git hands the hook their index)', () => {
    repo.write('models/churn.pkl', 'v2\n');
    expect(commit(['-a', '-m', 'feat: retrain']).stderr).toMatch(/^modelreg commit-msg: this commit changes models\/churn\.pkl .* \[model-trailer-required\]$/m);
    expect(commit(['models/churn.pkl', '-m', 'feat: retrain']).code).toBe(1);
    expect(commit(['models/churn.pkl', '-m', 'feat: retrain', '-m', 'Model: churn']).code).toBe(0);
  });

  it('checks the whole amended commit with --amend', () => {
    changeModel();
    expect(commit(['-m', 'feat: retrain', '-m', 'Model: churn']).code).toBe(0);
    const reworded = commit(['--amend', '-m', 'feat: retrain churn']);
    expect(reworded.code).toBe(1);
    expect(reworded.stderr).toMatch(/^modelreg commit-msg: this commit changes models\/churn\.pkl .* \[model-trailer-required\]$/m);
    expect(commit(['--amend', '--no-edit']).code).toBe(0);
    expect(commit(['--amend', '-m', 'feat: retrain churn', '-m', 'Model: churn']).code).toBe(0);
    expect(count()).toBe(2);
  });

  it('accepts merges, fixup!/squash! commits and reverts without Model:', () => {
    repo.git(['checkout', '-q', '-b', 'side']);
    changeModel();
    expect(commit(['-m', 'feat: retrain', '-m', 'Model: churn']).code).toBe(0);
    repo.git(['checkout', '-q', 'main']);
    repo.write('README.md', 'main side\n');
    repo.git(['add', 'README.md']);
    expect(commit(['-m', 'docs: main']).code).toBe(0);
    const env = { ...repo.env, GIT_AUTHOR_DATE: DATE, GIT_COMMITTER_DATE: DATE };
    const merge = spawnSync('git', ['merge', '-q', '--no-ff', '-m', 'bring in the retrained model', 'side'], { cwd: repo.dir, env, encoding: 'utf8' });
    expect(merge.status).toBe(0);
    expect(merge.stderr).toBe('');
    changeModel('v3\n');
    expect(commit(['-m', 'fixup! feat: retrain'])).toMatchObject({ code: 0, stderr: '' });
    changeModel('v4\n');
    expect(commit(['-m', 'squash! feat: retrain'])).toMatchObject({ code: 0, stderr: '' });
    const revert = spawnSync('git', ['revert', '--no-edit', 'HEAD'], { cwd: repo.dir, env, encoding: 'utf8' });
    expect(revert.status).toBe(0);
    expect(lastMessage()).toMatch(/^Revert "squash! feat: retrain"/);
  });
});

describe('with config-conventional, and with plain commitlint', () => {
  it('reports both rule sets in one run', () => {
    setup("module.exports = { extends: ['@commitlint/config-conventional', '@modelreg/commitlint-plugin/config'] };\n");
    changeModel();
    const r = commit(['-m', 'retrain churn']);
    expect(r.code).toBe(1);
    const rules = r.stderr
      .trim()
      .split('\n')
      .slice(0, -1)
      .map((l) => /\[([a-z-]+)\]$/.exec(l)?.[1]);
    expect(new Set(rules)).toEqual(new Set(['subject-empty', 'type-empty', 'model-trailer-required']));
    expect(commit(['-m', 'feat: retrain churn', '-m', 'Model: churn'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('commitlint --edit with the shareable config enforces the same rules', () => {
    setup();
    changeModel();
    const lint = (message: string) => {
      writeFileSync(join(repo.dir, '.git', 'COMMIT_EDITMSG'), message);
      return spawnSync(process.execPath, [COMMITLINT, '--edit', '.git/COMMIT_EDITMSG'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    };
    const bad = lint('feat: retrain\n\nModel: chrun\n');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain("this commit changes models/churn.pkl (artifact churn): add the trailer 'Model: churn' [model-trailer-required]");
    expect(bad.stdout).toContain("'Model: chrun' names no annotated artifact (did you mean 'churn'?) [model-trailer-known]");
    const good = lint('feat: retrain\n\nModel: churn\n# a comment\n');
    expect(good.status).toBe(0);
    expect(good.stdout).toBe('');
  });

  it('without a commitlint config the hook applies the model rules alone', () => {
    setup(null);
    changeModel();
    const r = commit(['-m', 'whatever subject']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(/^modelreg commit-msg: .* \[model-trailer-required\]/m);
    expect(commit(['-m', 'whatever subject', '-m', 'Model: churn']).code).toBe(0);
  });
  it('with the config init writes, the model rules run without commitlint, whatever the line length', () => {
    // Nothing is installed under ./node_modules here: commitlint could not load this config at all,
    // and its parser takes minutes over one long line; the config holds modelreg's rules alone.
    setup(null);
    repo.write('commitlint.config.mjs', "export default { extends: ['./node_modules/modelreg/bundle/commitlint.mjs'] };\n");
    changeModel();
    const long = 'x'.repeat(20_000);
    const r = commit(['-m', 'feat: retrain', '-m', long, '-m', 'Model: chrun']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      "modelreg commit-msg: this commit changes models/churn.pkl (artifact churn): add the trailer 'Model: churn' [model-trailer-required]",
      "modelreg commit-msg: 'Model: chrun' names no annotated artifact (did you mean 'churn'?) [model-trailer-known]",
      REFUSED,
      '',
    ]);
    expect(commit(['-m', 'feat: retrain', '-m', long, '-m', 'Model: churn'])).toMatchObject({ code: 0, stderr: '' });
  });
});
