import { afterAll, describe, expect, it } from 'vitest';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNameStatusZ, stagedChanges } from './staged.js';
import { cleanupTemp, commitFile, git, makeRepo } from './test-support/repo.js';

afterAll(cleanupTemp);

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
    rmSync(join(repo.cwd, 'dvc.yaml'));
  });

  it('parses odd names: newlines and tabs survive -z', () => {
    expect(parseNameStatusZ(Buffer.from('M\0a\tb\nc\0D\0-x\0'))).toEqual([
      { status: 'M', path: 'a\tb\nc' },
      { status: 'D', path: '-x' },
    ]);
  });
});
