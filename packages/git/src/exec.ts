// The one function that runs git: argument arrays, never a shell, output as text.
import { execFile } from 'node:child_process';

export interface GitContext {
  cwd: string;
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/** A git command failed; the message carries git's own first line of complaint. */
export class GitError extends Error {
  readonly args: string[];
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(args: string[], exitCode: number | null, stderr: string) {
    const first = stderr
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0);
    super(`git ${args[0] ?? ''} failed${first ? `: ${first.replace(/^(fatal|error): /, '')}` : ` (exit code ${exitCode})`}`);
    this.name = 'GitError';
    this.args = args;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

// 100,000 tags with their messages fit comfortably.
const MAX_BUFFER = 1 << 30;

export interface RunOptions {
  /** Exit codes that are answers, not failures (e.g. 1 for "no such object"). */
  okCodes?: number[];
  input?: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function runGit(ctx: GitContext, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      { cwd: ctx.cwd, env: ctx.env ?? process.env, maxBuffer: MAX_BUFFER, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        if (code === 0 || (code !== null && opts.okCodes?.includes(code))) {
          resolve({ stdout, stderr, exitCode: code });
          return;
        }
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT' && typeof error.code === 'string') {
          reject(new GitError(args, null, 'git is not installed or not on PATH'));
          return;
        }
        reject(new GitError(args, code, stderr || (error?.message ?? '')));
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}
