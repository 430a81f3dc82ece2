import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, withLock } from './lock.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'modelreg-lock-')));

// A pid that certainly belonged to a process that has exited.
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('withLock', () => {
  it('runs callers one at a time and removes the lock after', async () => {
    const lock = join(fresh(), 'x.lock');
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        withLock(lock, 'x', async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setTimeout(r, 10));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock whose process has died', async () => {
    const lock = join(fresh(), 'x.lock');
    writeFileSync(lock, `${deadPid()}\n${hostname()}\nabc\n`);
    const release = await acquireLock(lock, 'x', { timeoutMs: 1000 });
    await release();
    expect(existsSync(lock)).toBe(false);
  });

  it('gives up on a live holder with a message naming the lock file', async () => {
    const lock = join(fresh(), 'x.lock');
    writeFileSync(lock, `${process.ppid}\n${hostname()}\nabc\n`);
    await expect(acquireLock(lock, 'the repository', { timeoutMs: 100 })).rejects.toThrow(`the repository is locked by another modelreg process (pid ${process.ppid}): ${lock}`);
    expect(existsSync(lock)).toBe(true);
  });
});

