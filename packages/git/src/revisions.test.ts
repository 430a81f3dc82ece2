import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { GitError } from './exec.js';
import { isInsideRepo, parseRevParseRepo, resolveCommit } from './revisions.js';
import { cleanupTemp, git, isolatedEnv, makeRepo, tempDir } from './test-support/repo.js';

afterAll(cleanupTemp);

describe('resolveCommit', () => {
  it('resolves revisions to full commit shas', async () => {
    const repo = makeRepo(2);
    git(repo, 'tag', '-a', '-m', 'v', 'm@v1.0.0', 'HEAD~1');
    const head = git(repo, 'rev-parse', 'HEAD');
    const prev = git(repo, 'rev-parse', 'HEAD~1');
    expect(await resolveCommit(repo, 'HEAD')).toBe(head);
    expect(await resolveCommit(repo, 'HEAD~1')).toBe(prev);
    expect(await resolveCommit(repo, 'm@v1.0.0')).toBe(prev);
    expect(await resolveCommit(repo, head.slice(0, 10))).toBe(head);
  });

  it('gives null for what is not a commit, including option-like input', async () => {
    const repo = makeRepo(1);
    for (const rev of ['garbage', 'HEAD~5', 'HEAD^{tree}', '', '-q', '--help', '--all', 'a\0b']) {
      expect(await resolveCommit(repo, rev)).toBeNull();
    }
  });

  it('throws outside a repository', async () => {
    const dir = tempDir();
    await expect(resolveCommit({ cwd: dir, env: isolatedEnv(dir) }, 'HEAD')).rejects.toBeInstanceOf(GitError);
  });
});

describe('isInsideRepo', () => {
  it('finds the top level from a subdirectory, the git dir of a bare repo, and null elsewhere', async () => {
    const repo = makeRepo(1);
    const sub = join(repo.cwd, 'a', 'b');
    mkdirSync(sub, { recursive: true });
    const top = realpathSync(repo.cwd);
    const common = join(top, '.git');
    expect(await isInsideRepo({ cwd: sub, env: repo.env })).toEqual({ root: top, bare: false, shallow: false, gitDir: common, commonDir: common });
    expect(await isInsideRepo(repo)).toEqual({ root: top, bare: false, shallow: false, gitDir: common, commonDir: common });
    const bare = tempDir('modelreg-bare-');
    git({ cwd: bare, env: repo.env }, 'init', '-q', '--bare');
    expect(await isInsideRepo({ cwd: bare, env: repo.env })).toEqual({ root: realpathSync(bare), bare: true, shallow: false, gitDir: realpathSync(bare), commonDir: realpathSync(bare) });
    // A linked worktree shares its refs with the main repository: the common directory says where.
    const linked = join(tempDir(), 'linked');
    git(repo, 'worktree', 'add', '-q', linked);
    expect(await isInsideRepo({ cwd: linked, env: repo.env })).toMatchObject({ root: realpathSync(linked), commonDir: common });
    const plain = tempDir();
    expect(await isInsideRepo({ cwd: plain, env: isolatedEnv(plain) })).toBeNull();
  });

  it('parses rev-parse output', () => {
    expect(parseRevParseRepo('false\ntrue\nfalse\n/r/.git\n/r/.git\n../\n')).toEqual({ bare: false, insideWorkTree: true, shallow: false, gitDir: '/r/.git', commonDir: '/r/.git', cdup: '../' });
    expect(parseRevParseRepo('false\ntrue\ntrue\n/r/.git/worktrees/w\n/r/.git\n\n')).toEqual({ bare: false, insideWorkTree: true, shallow: true, gitDir: '/r/.git/worktrees/w', commonDir: '/r/.git', cdup: '' });
    expect(parseRevParseRepo('true\nfalse\nfalse\n/r.git\n/r.git\n')).toEqual({ bare: true, insideWorkTree: false, shallow: false, gitDir: '/r.git', commonDir: '/r.git', cdup: '' });
  });
});
