import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './repo-lock.js';

let dir: string;
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the file, keeps its mode and leaves no temporary file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelreg-atomic-'));
    const file = join(dir, 'dvc.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o640);
    await writeFileAtomic(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['dvc.yaml']);
    // Pieces are written one after the other, a large one whole.
    const large = Buffer.alloc(3 << 20, 'x');
    await writeFileAtomic(file, [Buffer.from('head\n'), large, Buffer.alloc(0), Buffer.from('\ntail')]);
    expect(readFileSync(file, 'utf8')).toBe(`head\n${large.toString()}\ntail`);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['dvc.yaml']);
  });

  // root may write any file, in place or not: nothing to compare there.
  it.skipIf(process.getuid?.() === 0)('refuses a read-only file as a write in place would', async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelreg-atomic-'));
    const file = join(dir, 'dvc.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o444);
    await expect(writeFileAtomic(file, 'new\n')).rejects.toMatchObject({ code: 'EACCES' });
    expect(readFileSync(file, 'utf8')).toBe('old\n');
  });
});
