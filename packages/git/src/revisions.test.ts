import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { GitError } from './exec.js';
import { isInsideRepo, parseCatFileBatch, parseRevParseRepo, readFileAtRevision, resolveCommit } from './revisions.js';
import { cleanupTemp, commitFile, git, isolatedEnv, makeRepo, tempDir } from './test-support/repo.js';

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

describe('readFileAtRevision', () => {
  it('reads a file as of a revision and gives null when missing', async () => {
    const repo = makeRepo(1);
    commitFile(repo, 'models/dvc.yaml', 'artifacts:\n  m:\n    path: m.pkl\n', 'annotate');
    commitFile(repo, 'models/dvc.yaml', 'artifacts: {}\n', 'change');
    expect(await readFileAtRevision(repo, 'HEAD~1', 'models/dvc.yaml')).toBe('artifacts:\n  m:\n    path: m.pkl\n');
    expect(await readFileAtRevision(repo, 'HEAD', 'models/dvc.yaml')).toBe('artifacts: {}\n');
    expect(await readFileAtRevision(repo, 'HEAD', 'model.txt')).toBe('weights 1\n');
    expect(await readFileAtRevision(repo, 'HEAD~2', 'models/dvc.yaml')).toBeNull();
    expect(await readFileAtRevision(repo, 'HEAD', 'nope.yaml')).toBeNull();
    expect(await readFileAtRevision(repo, 'HEAD', 'models')).toBeNull();
    expect(await readFileAtRevision(repo, 'no-such-rev', 'model.txt')).toBeNull();
    expect(await readFileAtRevision(repo, 'HEAD', 'a\nb')).toBeNull();
  });

  it('reads from a bare repository and is null in an empty one', async () => {
    const repo = makeRepo(1);
    const bare = tempDir('modelreg-bare-');
    git({ cwd: bare, env: repo.env }, 'clone', '-q', '--bare', repo.cwd, '.');
    expect(await readFileAtRevision({ cwd: bare, env: repo.env }, 'HEAD', 'model.txt')).toBe('weights 1\n');
    expect(await readFileAtRevision(makeRepo(0), 'HEAD', 'model.txt')).toBeNull();
  });
});

describe('parseCatFileBatch', () => {
  it('parses a hit and refuses missing/ambiguous answers', () => {
    const sha = 'a'.repeat(40);
    const hit = parseCatFileBatch(Buffer.from(`${sha} blob 6\nx\ny\nz\n\n`));
    expect(hit?.type).toBe('blob');
    expect(hit?.content.toString()).toBe('x\ny\nz\n');
    expect(parseCatFileBatch(Buffer.from('HEAD:x missing\n'))).toBeNull();
    expect(parseCatFileBatch(Buffer.from('abc ambiguous\n'))).toBeNull();
    expect(parseCatFileBatch(Buffer.alloc(0))).toBeNull();
  });
});

describe('isInsideRepo', () => {
  it('finds the top level from a subdirectory, the git dir of a bare repo, and null elsewhere', async () => {
    const repo = makeRepo(1);
    const sub = join(repo.cwd, 'a', 'b');
    mkdirSync(sub, { recursive: true });
    const top = realpathSync(repo.cwd);
    expect(await isInsideRepo({ cwd: sub, env: repo.env })).toEqual({ root: top, bare: false });
    expect(await isInsideRepo(repo)).toEqual({ root: top, bare: false });
    const bare = tempDir('modelreg-bare-');
    git({ cwd: bare, env: repo.env }, 'init', '-q', '--bare');
    expect(await isInsideRepo({ cwd: bare, env: repo.env })).toEqual({ root: realpathSync(bare), bare: true });
    const plain = tempDir();
    expect(await isInsideRepo({ cwd: plain, env: isolatedEnv(plain) })).toBeNull();
  });

  it('parses rev-parse output', () => {
    expect(parseRevParseRepo('false\ntrue\n/r/.git\n../\n')).toEqual({ bare: false, insideWorkTree: true, gitDir: '/r/.git', cdup: '../' });
    expect(parseRevParseRepo('false\ntrue\n/r/.git\n\n')).toEqual({ bare: false, insideWorkTree: true, gitDir: '/r/.git', cdup: '' });
    expect(parseRevParseRepo('true\nfalse\n/r.git\n')).toEqual({ bare: true, insideWorkTree: false, gitDir: '/r.git', cdup: '' });
  });
});
