import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { commitMsg, findCommitlintConfig } from './commit-msg.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function repo(files: Record<string, string>) {
  const home = mkdtempSync(join(tmpdir(), 'modelreg-hooks-'));
  made.push(home);
  const cwd = join(home, 'repo');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@x' };
  const write = (fs: Record<string, string>) => {
    for (const [p, c] of Object.entries(fs)) {
      mkdirSync(dirname(join(cwd, p)), { recursive: true });
      writeFileSync(join(cwd, p), c);
    }
  };
  mkdirSync(cwd);
  const git = (...args: string[]) => execFileSync('git', args, { cwd, env, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  write(files);
  git('add', '-A');
  git('commit', '-q', '-m', 'init');
  const lint = (message: string) => {
    writeFileSync(join(cwd, '.git', 'COMMIT_EDITMSG'), message);
    return commitMsg({ cwd, env }, '.git/COMMIT_EDITMSG');
  };
  return { cwd, env, git, write, lint };
}

const MODEL = { 'dvc.yaml': 'artifacts:\n  churn:\n    path: models/churn.pkl\n', 'models/churn.pkl': 'v1', '.modelreg.yaml': 'trailers:\n  required: true\n' };

describe('findCommitlintConfig', () => {
  it('finds commitlint config files, and package.json only with a commitlint key', () => {
    const r = repo({ 'package.json': '{"name":"x"}' });
    expect(findCommitlintConfig(r.cwd)).toBeNull();
    r.write({ 'package.json': '{"name":"x","commitlint":{}}' });
    expect(findCommitlintConfig(r.cwd)).toBe(join(r.cwd, 'package.json'));
    r.write({ '.commitlintrc.json': '{}' });
    expect(findCommitlintConfig(join(r.cwd))).toBe(join(r.cwd, 'package.json'));
    r.write({ 'package.json': '{}', 'sub/x': '' });
    expect(findCommitlintConfig(join(r.cwd, 'sub'))).toBe(join(r.cwd, '.commitlintrc.json'));
    // Not above the home directory.
    expect(findCommitlintConfig(join(r.cwd, 'sub'), join(r.cwd, 'sub'))).toBeNull();
  });
});

describe('commitMsg', () => {
  it('prints nothing for a good message, and one line per problem then how to go on for a bad one', async () => {
    const r = repo(MODEL);
    r.write({ 'models/churn.pkl': 'v2' });
    r.git('add', '-A');
    expect(await r.lint('retrain\n\nModel: churn\n# Please enter the commit message\n')).toEqual({ exitCode: 0 });
    const bad = await r.lint('retrain\n\nModel: chrun\n');
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr?.split('\n')).toEqual([
      "modelreg commit-msg: this commit changes models/churn.pkl (artifact churn): add the trailer 'Model: churn' [model-trailer-required]",
      "modelreg commit-msg: 'Model: chrun' names no annotated artifact (did you mean 'churn'?) [model-trailer-known]",
      "modelreg commit-msg: commit refused: fix the message (git keeps it in .git/COMMIT_EDITMSG) and commit again, or bypass the check with 'git commit --no-verify'",
      '',
    ]);
  });

  it('uses the repository’s commitlint config; warnings print but pass', async () => {
    const r = repo({ '.commitlintrc.json': '{"rules":{"header-max-length":[1,"always",10]}}' });
    const out = await r.lint('a header longer than ten\n');
    expect(out.exitCode).toBe(0);
    expect(out.stderr).toMatch(/^modelreg commit-msg: warning: header must not be longer than 10 characters.* \[header-max-length\]/);
    expect(out.stderr?.trim().split('\n')).toHaveLength(1);
  });

  it('turns a broken commitlint config or an unreadable message file into one line', async () => {
    const r = repo({ 'commitlint.config.mjs': 'export default {{;\n' });
    const broken = await r.lint('x\n');
    expect(broken.exitCode).toBe(1);
    expect(broken.stderr).toMatch(/^modelreg commit-msg: cannot load the commitlint config commitlint\.config\.mjs: .+\n$/);
    // A new file: node caches a module by its path.
    const other = repo({ 'commitlint.config.mjs': "export default { rules: { 'no-such-rule': [2, 'always'] } };\n" });
    const unknown = await other.lint('x\n');
    expect(unknown.stderr).toBe('modelreg commit-msg: the commitlint config commitlint.config.mjs is not valid: Found rules without implementation: no-such-rule.\n');
    const missing = await commitMsg({ cwd: r.cwd, env: r.env }, 'nope.txt');
    expect(missing).toEqual({ exitCode: 1, stderr: expect.stringMatching(/^modelreg commit-msg: cannot read the commit message file nope\.txt \(ENOENT\)[^\n]*\n$/) });
  });
});
