// Mutual exclusion between modelreg processes: a lock file created exclusively (O_EXCL), holding
// the owner's pid and host, so a lock left by a process that died is recognised and taken over.
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { ModelregError } from '@modelreg/core';

/** How long to wait for another process before giving up, and how often to look. */
export interface LockTiming {
  timeoutMs: number;
  pollMs: number;
  /** A lock of another host (whose pid cannot be probed) older than this is stale. */
  staleMs: number;
}

const DEFAULT_TIMING: LockTiming = { timeoutMs: 120_000, pollMs: 25, staleMs: 10 * 60_000 };

// Locks this process holds, removed on any exit (an uncaught error, process.exit) and on Ctrl-C
// or a kill, so none is left behind; a lock left by a crash is stale by its dead pid.
const held = new Set<string>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function removeHeld(): void {
  for (const path of held) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
  held.clear();
}

// After removing the locks, die of the same signal, as without the handler.
function onSignal(signal: NodeJS.Signals): void {
  removeHeld();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
}

function hold(path: string): void {
  if (held.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  held.add(path);
}

function unhold(path: string): void {
  held.delete(path);
  if (held.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
}

process.once('exit', removeHeld);

/** Hold the lock at `path` while `fn` runs; `what` names what it protects, for the timeout message. */
export async function withLock<T>(path: string, what: string, fn: () => Promise<T>, timing: Partial<LockTiming> = {}): Promise<T> {
  const release = await acquireLock(path, what, timing);
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** Take the lock at `path`, waiting for its holder; resolves to the function that releases it. */
export async function acquireLock(path: string, what: string, timing: Partial<LockTiming> = {}): Promise<() => Promise<void>> {
  const t = { ...DEFAULT_TIMING, ...timing };
  const owner = `${process.pid}\n${hostname()}\n${randomBytes(6).toString('hex')}\n`;
  const deadline = Date.now() + t.timeoutMs;
  for (;;) {
    if (await tryCreate(path, owner)) {
      hold(path);
      return async () => {
        unhold(path);
        await unlink(path).catch(() => {});
      };
    }
    const current = await readFile(path, 'utf8').catch(() => null);
    if (current !== null && (await isStale(path, current, t.staleMs))) {
      await breakStale(path, current);
      continue;
    }
    if (Date.now() > deadline) {
      const pid = current?.split('\n')[0] ?? '?';
      throw new ModelregError('locked', `${what} is locked by another modelreg process (pid ${pid}): ${path}`, {
        hint: 'wait for it to finish and retry; if no modelreg is running, delete that file',
      });
    }
    await new Promise((r) => setTimeout(r, t.pollMs + Math.floor(Math.random() * t.pollMs)));
  }
}

async function tryCreate(path: string, owner: string): Promise<boolean> {
  let file;
  try {
    file = await open(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    await file.writeFile(owner);
  } finally {
    await file.close();
  }
  return true;
}

/** A lock whose holder is gone: a dead pid on this host, or (another host's) older than `staleMs`. */
async function isStale(path: string, content: string, staleMs: number): Promise<boolean> {
  const [pid, host] = content.split('\n');
  // On this host the owner's pid tells; another host's lock, or one created and not yet written
  // (empty), is judged by its age.
  if (host === hostname() && /^\d+$/.test(pid ?? '')) return !isAlive(Number(pid));
  const st = await stat(path).catch(() => null);
  return st !== null && Date.now() - st.mtimeMs > staleMs;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove a stale lock without removing one a faster process just took in its place: move it aside
 * (atomic), and if what was moved is not the stale one after all, put it back.
 */
async function breakStale(path: string, staleContent: string): Promise<void> {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch {
    return; // someone else broke it first
  }
  const moved = await readFile(aside, 'utf8').catch(() => null);
  if (moved !== staleContent) await link(aside, path).catch(() => {});
  await unlink(aside).catch(() => {});
}
