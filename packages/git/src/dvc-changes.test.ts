import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDvcOutputChanges } from './dvc-changes.js';
import { cleanupTemp, commitFile, git, makeRepo } from './test-support/repo.js';

afterAll(cleanupTemp);

const lock = (model: string, data: string) =>
  `schema: '2.0'\nstages:\n  train:\n    cmd: x\n    outs:\n    - path: model.pkl\n      md5: ${model}\n  prepare:\n    cmd: y\n    outs:\n    - path: data/prepared\n      md5: ${data}\n`;

describe('readDvcOutputChanges', () => {
  it('names the outputs whose dvc.lock hash or .dvc file a commit, or the index, changes', async () => {
    const repo = makeRepo(0);
    const c1 = commitFile(repo, 'dvc.lock', lock('1', 'a'), 'one');
    const c2 = commitFile(repo, 'dvc.lock', lock('2', 'a'), 'retrain');
    const c3 = commitFile(repo, 'dvc.lock', lock('2', 'b'), 'prepare');
    const c4 = commitFile(repo, 'data/raw.dvc', 'outs:\n- md5: 3\n  path: raw\n', 'add data');
    writeFileSync(join(repo.cwd, 'dvc.lock'), lock('3', 'b'));
    git(repo, 'add', 'dvc.lock');
    const changes = await readDvcOutputChanges(repo, [
      { before: `${c1}^`, after: c1, paths: ['dvc.lock'] },
      { before: `${c2}^`, after: c2, paths: ['dvc.lock'] },
      { before: `${c3}^`, after: c3, paths: ['dvc.lock', 'README.md'] },
      { before: `${c4}^`, after: c4, paths: ['data/raw.dvc'] },
      { before: 'HEAD', after: '', paths: ['dvc.lock'] },
      { before: 'HEAD', after: '', paths: ['README.md'] },
    ]);
    expect(changes).toEqual([['data/prepared', 'model.pkl'], ['model.pkl'], ['data/prepared'], ['data/raw'], ['model.pkl'], []]);
  });
});
