import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFileCapped, readFilesAtRevisions } from './files.js';
import { cleanupTemp, commitFile, makeRepo, tempDir } from './test-support/repo.js';

afterAll(cleanupTemp);

describe('readFilesAtRevisions', () => {
  it('reads the selected files at each revision, one blob id for content unchanged between them', async () => {
    const repo = makeRepo(0);
    const c1 = commitFile(repo, 'dvc.yaml', 'artifacts: {a: {path: a}}\n', 'one');
    const c2 = commitFile(repo, 'sub/dvc.yaml', 'artifacts: {b: {path: b}}\n', 'two');
    const c3 = commitFile(repo, 'dvc.yaml', 'artifacts: {a: {path: a2}}\n', 'three');
    const selection = { pathspecs: [], matches: (p: string) => p.endsWith('dvc.yaml') };
    const files = await readFilesAtRevisions(repo, [c1, c2, c3], selection);
    const text = (rev: string) => files.get(rev)?.map((f) => `${f.path}: ${f.content.toString('utf8').trim()}`);
    expect(text(c1)).toEqual(['dvc.yaml: artifacts: {a: {path: a}}']);
    expect(text(c2)).toEqual(['dvc.yaml: artifacts: {a: {path: a}}', 'sub/dvc.yaml: artifacts: {b: {path: b}}']);
    expect(text(c3)).toEqual(['dvc.yaml: artifacts: {a: {path: a2}}', 'sub/dvc.yaml: artifacts: {b: {path: b}}']);
    expect(files.get(c2)?.[0]?.sha).toBe(files.get(c1)?.[0]?.sha);
    expect(files.get(c3)?.[0]?.sha).not.toBe(files.get(c1)?.[0]?.sha);
    expect(await readFilesAtRevisions(repo, [], selection)).toEqual(new Map());
  });
});

describe('readFileCapped', () => {
  it('reads a file whole, or its first bytes; null when missing or a directory', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'small.yaml'), 'a: 1\n');
    writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(100));
    expect(readFileCapped(join(dir, 'small.yaml'), 11)?.toString()).toBe('a: 1\n');
    expect(readFileCapped(join(dir, 'big.yaml'), 11)?.toString()).toBe('x'.repeat(11));
    expect(readFileCapped(join(dir, 'missing.yaml'), 11)).toBeNull();
  });

  it('neither reads forever nor blocks on what is not a regular file', () => {
    const dir = tempDir();
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    expect(readFileCapped(join(dir, 'zero.yaml'), 1000)?.length).toBe(1000);
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    expect(readFileCapped(join(dir, 'fifo.yaml'), 1000)?.length).toBe(0);
    mkdirSync(join(dir, 'dir.yaml'));
    expect(readFileCapped(join(dir, 'dir.yaml'), 1000)).toBeNull();
  });
});
