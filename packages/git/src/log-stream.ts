// `git log` over 20,000 commits prints megabytes for a while: reading it as it comes lets the
// caller parse commits while git is still walking, instead of after. The streaming counterpart
// of exec.ts's runGit (same argument arrays, environment and GitError), for the log only.
import { spawn } from 'node:child_process';
import { GitError, type GitContext } from './exec.js';

export interface StreamOptions {
  /** Written to git's stdin, which is then closed. */
  input?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Run `git ARGS`, handing stdout to `onText` as UTF-8 text in the order it arrives (a character
 * is never split between calls). Rejects with GitError on a non-zero exit, and with what
 * `onText` threw (git is then stopped).
 */
export function streamGit(ctx: GitContext, args: string[], opts: StreamOptions, onText: (text: string) => void): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let child;
    try {
      child = spawn('git', args, { cwd: ctx.cwd, env: opts.env ?? ctx.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    } catch (e) {
      reject(new GitError(args, null, '', (e as Error).message));
      return;
    }
    const err: Buffer[] = [];
    let failed: unknown;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      if (failed !== undefined) return;
      try {
        onText(text);
      } catch (e) {
        failed = e;
        child.kill();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdin.on('error', () => {}); // git may exit before reading its input; its exit code tells
    child.stdin.end(opts.input);
    child.on('error', (e: Error) => reject(new GitError(args, null, '', e.message)));
    child.on('close', (code: number | null) => {
      if (failed !== undefined) return reject(failed);
      if (code === 0) return resolvePromise();
      reject(new GitError(args, code, Buffer.concat(err).toString('utf8')));
    });
  });
}
