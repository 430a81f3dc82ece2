import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseNameStatusZ, readCommitState, readFilesAt, readStagedPaths, stagedChanges } from './staged.js';
import { cleanupTemp, commitFile, git, makeRepo, tempDir } from './test-support/repo.js';

afterAll(cleanupTemp);

function write(cwd: string, path: string, content: string): void {
  mkdirSync(dirname(join(cwd, path)), { recursive: true });
  writeFileSync(join(cwd, path), content);
}

describe('readStagedPaths', () => {
  it('lists what is staged against HEAD, not what only changed in the working tree', async () => {
    const ctx = makeRepo(1);
    write(ctx.cwd, 'models/a.pkl', 'a');
    write(ctx.cwd, 'notes.txt', 'unstaged');
    git(ctx, 'add', 'models/a.pkl');
    write(ctx.cwd, 'model.txt', 'changed but not staged');
    expect(await readStagedPaths(ctx)).toEqual(['models/a.pkl']);
    git(ctx, 'rm', '-q', '--cached', 'model.txt');
    expect((await readStagedPaths(ctx)).sort()).toEqual(['model.txt', 'models/a.pkl']);
  });

  it('compares with another base (the amended commit’s parent) and with nothing before the first commit', async () => {
    const ctx = makeRepo(2);
    expect(await readStagedPaths(ctx)).toEqual([]);
    expect(await readStagedPaths(ctx, 'HEAD^')).toEqual(['model.txt']);
    const empty = makeRepo(0);
    write(empty.cwd, 'x.txt', 'x');
    git(empty, 'add', 'x.txt');
    expect(await readStagedPaths(empty)).toEqual(['x.txt']);
    const one = makeRepo(1);
    expect(await readStagedPaths(one, 'HEAD^')).toEqual(['model.txt']);
  });
});

describe('readCommitState', () => {
  it('sees a merge in progress and the comment character', async () => {
    const ctx = makeRepo(1);
    expect(await readCommitState(ctx)).toMatchObject({ merging: false, commentChar: '#' });
    git(ctx, 'checkout', '-q', '-b', 'side');
    commitFile(ctx, 'side.txt', 's', 'side');
    git(ctx, 'checkout', '-q', 'main');
    commitFile(ctx, 'main.txt', 'm', 'main');
    git(ctx, 'merge', '-q', '--no-commit', 'side');
    git(ctx, 'config', 'core.commentChar', ';');
    const state = await readCommitState(ctx);
    expect(state).toMatchObject({ merging: true, commentChar: ';' });
    expect(state.gitDir).toBe(join(ctx.cwd, '.git'));
  });
});

describe('readFilesAt', () => {
  it('reads files of a revision in the order asked, leaving out missing ones', async () => {
    const ctx = makeRepo(1);
    commitFile(ctx, 'b/dvc.yaml', 'artifacts: {}\n', 'b');
    const files = await readFilesAt(ctx, 'HEAD', ['b/dvc.yaml', 'nope.yaml', 'model.txt']);
    expect(files.map((f) => [f.path, f.content.toString()])).toEqual([
      ['b/dvc.yaml', 'artifacts: {}\n'],
      ['model.txt', 'weights 1\n'],
    ]);
    expect(await readFilesAt(ctx, 'HEAD^', ['b/dvc.yaml'])).toEqual([]);
  });

  const text = async (ctx: Parameters<typeof readFilesAt>[0], rev: string, path: string) =>
    (await readFilesAt(ctx, rev, [path]))[0]?.content.toString('utf8') ?? null;

  it('reads a file as of a revision and leaves out what is missing', async () => {
    const repo = makeRepo(1);
    commitFile(repo, 'models/dvc.yaml', 'artifacts:\n  m:\n    path: m.pkl\n', 'annotate');
    commitFile(repo, 'models/dvc.yaml', 'artifacts: {}\n', 'change');
    expect(await text(repo, 'HEAD~1', 'models/dvc.yaml')).toBe('artifacts:\n  m:\n    path: m.pkl\n');
    expect(await text(repo, 'HEAD', 'models/dvc.yaml')).toBe('artifacts: {}\n');
    expect(await text(repo, 'HEAD', 'model.txt')).toBe('weights 1\n');
    expect(await text(repo, 'HEAD~2', 'models/dvc.yaml')).toBeNull();
    expect(await text(repo, 'HEAD', 'nope.yaml')).toBeNull();
    expect(await text(repo, 'HEAD', 'models')).toBeNull();
    expect(await text(repo, 'no-such-rev', 'model.txt')).toBeNull();
    expect(await text(repo, 'HEAD', 'a\nb')).toBeNull();
  });

  it('reads from a bare repository and finds nothing in an empty one', async () => {
    const repo = makeRepo(1);
    const bare = tempDir('modelreg-bare-');
    git({ cwd: bare, env: repo.env }, 'clone', '-q', '--bare', repo.cwd, '.');
    expect(await text({ cwd: bare, env: repo.env }, 'HEAD', 'model.txt')).toBe('weights 1\n');
    expect(await text(makeRepo(0), 'HEAD', 'model.txt')).toBeNull();
  });
});

describe('stagedChanges', () => {
  it('lists what the index changes against HEAD; renames are a deletion and an addition', async () => {
    const repo = makeRepo(1);
    commitFile(repo, 'models/a b.pkl', 'x', 'add a model');
    commitFile(repo, 'keep.txt', 'k', 'keep');
    renameSync(join(repo.cwd, 'models/a b.pkl'), join(repo.cwd, 'models/c.pkl'));
    writeFileSync(join(repo.cwd, 'keep.txt'), 'changed');
    writeFileSync(join(repo.cwd, 'new.txt'), 'n');
    git(repo, 'add', '-A', '--', 'models', 'new.txt');
    // keep.txt is changed in the working tree only: not staged, not listed.
    expect(await stagedChanges(repo)).toEqual([
      { status: 'D', path: 'models/a b.pkl' },
      { status: 'A', path: 'models/c.pkl' },
      { status: 'A', path: 'new.txt' },
    ]);
  });

  it('on an unborn branch everything staged is added; nothing staged is an empty list', async () => {
    const repo = makeRepo(0);
    expect(await stagedChanges(repo)).toEqual([]);
    writeFileSync(join(repo.cwd, 'dvc.yaml'), 'artifacts: {}\n');
    git(repo, 'add', 'dvc.yaml');
    expect(await stagedChanges(repo)).toEqual([{ status: 'A', path: 'dvc.yaml' }]);
    // From a subdirectory, too: every path, named from the top.
    write(repo.cwd, 'sub/a.txt', 'a');
    git(repo, 'add', 'sub/a.txt');
    expect(await stagedChanges({ ...repo, cwd: join(repo.cwd, 'sub') })).toEqual([
      { status: 'A', path: 'dvc.yaml' },
      { status: 'A', path: 'sub/a.txt' },
    ]);
    rmSync(join(repo.cwd, 'dvc.yaml'));
  });

  it('parses odd names: newlines and tabs survive -z', () => {
    expect(parseNameStatusZ(Buffer.from('M\0a\tb\nc\0D\0-x\0'))).toEqual([
      { status: 'M', path: 'a\tb\nc' },
      { status: 'D', path: '-x' },
    ]);
  });
});
