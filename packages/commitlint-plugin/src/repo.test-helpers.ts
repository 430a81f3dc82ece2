// Real repositories in temp dirs for the config tests, isolated from the machine's git config.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const made: string[] = [];

export function cleanup(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface Repo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  git: (...args: string[]) => string;
  write: (files: Record<string, string>) => void;
}

export function makeRepo(files: Record<string, string> = {}): Repo {
  const home = mkdtempSync(join(tmpdir(), 'modelreg-cl-'));
  made.push(home);
  const cwd = join(home, 'repo');
  mkdirSync(cwd);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  Object.assign(env, {
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Ann',
    GIT_AUTHOR_EMAIL: 'ann@example.com',
    GIT_COMMITTER_NAME: 'Ann',
    GIT_COMMITTER_EMAIL: 'ann@example.com',
    GIT_AUTHOR_DATE: '1704070000 +0000',
    GIT_COMMITTER_DATE: '1704070000 +0000',
  });
  const git = (...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const write = (fs: Record<string, string>) => {
    for (const [path, content] of Object.entries(fs)) {
      mkdirSync(dirname(join(cwd, path)), { recursive: true });
      writeFileSync(join(cwd, path), content);
    }
  };
  git('init', '-q', '-b', 'main');
  if (Object.keys(files).length > 0) {
    write(files);
    git('add', '-A');
    git('commit', '-q', '-m', 'initial');
  }
  return { cwd, env, git, write };
}
