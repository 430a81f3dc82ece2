// Real repositories in temp dirs for tests, isolated from the machine's git config and identity.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { GitContext } from '../exec.js';

export const TAGGER_DATE = '1704075360 +0300';

const made: string[] = [];

/** A fresh temp dir, removed by cleanupTemp(). */
export function tempDir(prefix = 'modelreg-git-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanupTemp(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** HOME in the sandbox, no system config, fixed identities and dates; nothing inherited that selects a repo. */
export function isolatedEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_') && !k.startsWith('XDG_') && !k.startsWith('MODELREG_')) env[k] = v;
  return {
    ...env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Ann Author',
    GIT_AUTHOR_EMAIL: 'ann@example.com',
    GIT_AUTHOR_DATE: '1704070000 -0500',
    GIT_COMMITTER_NAME: 'Tom Tagger',
    GIT_COMMITTER_EMAIL: 'tom@example.com',
    GIT_COMMITTER_DATE: TAGGER_DATE,
    ...extra,
  };
}

/** Run git synchronously for test setup; returns trimmed stdout. */
export function git(ctx: GitContext, ...args: string[]): string {
  return execFileSync('git', args, { cwd: ctx.cwd, env: ctx.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A new repository (branch main) with `commits` commits, each changing model.txt. */
export function makeRepo(commits = 2, opts: { home?: string } = {}): GitContext & { env: NodeJS.ProcessEnv } {
  const home = opts.home ?? tempDir();
  const cwd = tempDir('modelreg-repo-');
  const ctx = { cwd, env: isolatedEnv(home) };
  git(ctx, 'init', '-q', '-b', 'main');
  for (let i = 1; i <= commits; i++) commitFile(ctx, 'model.txt', `weights ${i}\n`, `commit ${i}`);
  return ctx;
}

export function commitFile(ctx: GitContext, path: string, content: string, message: string): string {
  mkdirSync(dirname(join(ctx.cwd, path)), { recursive: true });
  writeFileSync(join(ctx.cwd, path), content);
  git(ctx, 'add', '--', path);
  git(ctx, 'commit', '-q', '-m', message);
  return git(ctx, 'rev-parse', 'HEAD');
}
