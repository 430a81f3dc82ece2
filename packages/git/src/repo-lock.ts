// The one lock per repository that every modelreg write holds from reading the state it plans
// from to the end of its write, so two processes never plan from the same state.
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, closeSync, constants, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { runGitText, type GitContext } from './exec.js';
import { withLock } from './lock.js';

/** `<git common dir>/modelreg.lock`: shared by the linked worktrees of one repository. */
export async function repoLockPath(ctx: GitContext): Promise<string> {
  const { stdout } = await runGitText(ctx, ['rev-parse', '--path-format=absolute', '--git-common-dir']);
  return join(stdout.trim(), 'modelreg.lock');
}

/** Run `fn` holding the repository's lock. */
export async function withRepoLock<T>(ctx: GitContext, fn: () => Promise<T>): Promise<T> {
  return withLock(await repoLockPath(ctx), 'the repository', fn);
}

/**
 * Replace `path` with `text` at once: a reader sees the old file or the new one, never a part.
 * The temporary file sits beside it (a rename across file systems is not atomic) and takes the
 * old file's mode. The calls are synchronous: a command waits for the write anyway, and five
 * asynchronous steps cost it five trips through the event loop (~10 ms for the registry index).
 */
export async function writeFileAtomic(path: string, text: string | Buffer | readonly Buffer[]): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.modelreg-${process.pid}-${randomBytes(4).toString('hex')}`);
  const mode = statSync(path, { throwIfNoEntry: false })?.mode;
  // A file the user made read-only stays refused, as a write in place would be.
  if (mode !== undefined) accessSync(path, constants.W_OK);
  try {
    if (Array.isArray(text)) writePieces(tmp, text);
    else writeFileSync(tmp, text as string | Buffer, { flag: 'wx' });
    if (mode !== undefined) chmodSync(tmp, mode & 0o7777);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** A new file of `pieces` one after the other, without joining them into one buffer first. */
function writePieces(path: string, pieces: readonly Buffer[]): void {
  const fd = openSync(path, 'wx');
  try {
    for (const piece of pieces) for (let done = 0; done < piece.length; ) done += writeSync(fd, piece, done);
  } finally {
    closeSync(fd);
  }
}
