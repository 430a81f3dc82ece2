// The single door to the git binary: argument arrays (never a shell), raw byte capture, and one
// error type that always carries git's own explanation.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** Where and with which environment git runs. `env` defaults to `process.env`. */
export interface GitContext {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** The repository, named to git (`--git-dir`) instead of found from `cwd`: a cache entry that
   * lost its HEAD must fail, not turn into the repository around it. */
  gitDir?: string;
}

/** A git invocation that failed: non-zero exit, a signal, or git could not be started at all. */
export class GitError extends Error {
  readonly args: string[];
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(args: string[], exitCode: number | null, stderr: string, detail?: string) {
    const what = `git ${subcommand(args)}`.trim();
    const why = detail ?? (firstUsefulLine(stderr) || (exitCode === null ? 'was killed' : `exited with code ${exitCode}`));
    super(`${what} failed: ${why}`);
    this.name = 'GitError';
    this.args = args;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

/** A git invocation stopped because it ran longer than its `timeoutMs` (a remote that never answers). */
export class GitTimeoutError extends GitError {
  readonly timeoutMs: number;
  constructor(args: string[], stderr: string, timeoutMs: number) {
    super(args, null, stderr, `no answer within ${timeoutMs / 1000} s`);
    this.name = 'GitTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The git command `args` run (`log` in `-c k=v --literal-pathspecs log …`), for messages. */
function subcommand(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-c' || arg === '-C') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return args[0] ?? '';
}

/**
 * The line of stderr worth showing: git's `fatal:`/`error:` line when there is one (identity
 * problems start with a banner, pushes with progress), else the first non-empty, non-hint line.
 */
export function firstUsefulLine(stderr: string): string {
  let first = '';
  for (const raw of stderr.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('hint:')) continue;
    if (/^(fatal|error):/.test(line)) return line;
    if (!first) first = line;
  }
  return first;
}

/**
 * Why a push failed, as the remote said it: its hook's own lines (`remote: …`) and the refused
 * ref (` ! [remote rejected] … (pre-receive hook declined)`) come before git's closing
 * `error: failed to push some refs`, which alone says nothing.
 */
export function pushFailureReason(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim());
  const remote = lines.filter((l) => /^remote:\s*\S/.test(l) && !/^remote: (Counting|Compressing|Total|Enumerating|Writing)\b/.test(l));
  const rejected = lines.find((l) => l.startsWith('! ['));
  const parts = [...remote, ...(rejected ? [rejected.slice(2)] : [])];
  return parts.length > 0 ? parts.join('; ') : firstUsefulLine(stderr);
}

// 100,000 annotated tags with messages are tens of MB; leave ample room.
export const MAX_BUFFER = 1024 * 1024 * 1024;

export interface RunOptions {
  /** Written to git's stdin (stdin is always closed so git never waits on it). */
  input?: string | Buffer;
  /** Exit codes that are answers rather than failures (e.g. 1 for "does not resolve"). */
  okExitCodes?: readonly number[];
  /** Replaces `ctx.env` for this call. */
  env?: NodeJS.ProcessEnv;
  /**
   * Stop git after this long, with what it started (a remote helper outlives a killed git): it
   * runs as its own process group, and the group is killed.
   */
  timeoutMs?: number;
  /**
   * With timeoutMs: the time counts from git's last output (stdout or stderr), not from its start.
   * A clone or fetch that transfers (and, with --progress, says so) goes on; one whose remote
   * accepted the connection and never answers is stopped.
   */
  whileSilent?: boolean;
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
  exitCode: number;
}

interface SpawnOptions extends RunOptions {
  text?: boolean;
  stdoutFd?: number;
  signal?: AbortSignal;
  /** Writes git's input while it runs (and ends it), instead of `input` all at once. */
  feed?: (stdin: Writable) => void;
}

/**
 * Spawn `git ARGS` and hand stdout to `onStdout` as it arrives (Buffers, or UTF-8 text that never
 * splits a character). Resolves with git's exit code when it is 0 or allowed; rejects with a
 * GitError otherwise, or with what `onStdout` threw (git is then stopped).
 */
function spawnGit(
  ctx: GitContext,
  args: string[],
  opts: SpawnOptions,
  onStdout: (chunk: Buffer & string) => void,
): Promise<{ stderr: string; exitCode: number }> {
  return new Promise((resolvePromise, reject) => {
    let child;
    try {
      const { argv, options } = invocation(ctx, args, opts.env);
      child = spawn('git', argv, {
        ...options,
        // No input: git reads the null device (a pipe and its stream would cost each start ~0.3 ms).
        stdio: [opts.input === undefined && !opts.feed ? 'ignore' : 'pipe', opts.stdoutFd ?? 'pipe', 'pipe'],
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.timeoutMs !== undefined ? { detached: true } : {}),
      });
    } catch (e) {
      // e.g. an argument containing NUL: nothing was run.
      reject(new GitError(args, null, '', (e as Error).message));
      return;
    }
    const err: Buffer[] = [];
    let failed: unknown;
    const group = opts.timeoutMs !== undefined ? stopAfter(child, opts.timeoutMs) : undefined;
    const heard = opts.whileSilent ? () => group?.restart() : () => {};
    if (opts.text) child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: Buffer & string) => {
      heard();
      if (failed !== undefined) return;
      try {
        onStdout(chunk);
      } catch (e) {
        failed = e;
        child.kill();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      heard();
      err.push(chunk);
    });
    // git may exit before reading its input (EPIPE); its exit code tells the story.
    child.stdin?.on('error', () => {});
    if (opts.feed && child.stdin) opts.feed(child.stdin);
    else child.stdin?.end(opts.input);
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(new GitError(args, null, '', spawnFailure(e, ctx.cwd)));
    });
    child.on('close', (code: number | null) => {
      const timedOut = group?.done() === true;
      if (failed !== undefined) return reject(failed);
      const stderr = Buffer.concat(err).toString('utf8');
      if (timedOut) return reject(new GitTimeoutError(args, stderr, opts.timeoutMs as number));
      if (code === 0 || (code !== null && opts.okExitCodes?.includes(code))) return resolvePromise({ stderr, exitCode: code });
      reject(new GitError(args, code, stderr));
    });
  });
}

/** What `git ARGS` is started with in `ctx`: its arguments, its directory and environment. */
function invocation(ctx: GitContext, args: string[], env: NodeJS.ProcessEnv | undefined) {
  return {
    argv: ctx.gitDir === undefined ? args : [`--git-dir=${ctx.gitDir}`, ...args],
    options: { cwd: ctx.cwd, env: withAllowedProtocols(env ?? ctx.env ?? process.env), windowsHide: true },
  };
}

// Process groups of running git calls that have a time limit: killed if modelreg exits first.
const groups = new Set<number>();
process.once('exit', () => {
  for (const pid of groups) killGroup(pid);
});

function killGroup(pid: number): void {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Kill `child`'s process group after `ms` (from now, or from the last `restart()`); `done()` (on close) says whether it had to. */
function stopAfter(child: ChildProcess, ms: number): { done: () => boolean; restart: () => void } {
  const pid = child.pid;
  if (pid === undefined) return { done: () => false, restart: () => {} };
  groups.add(pid);
  let fired = false;
  const timer = setTimeout(() => {
    fired = true;
    killGroup(pid);
  }, ms);
  return {
    done: () => {
      clearTimeout(timer);
      groups.delete(pid);
      return fired;
    },
    restart: () => {
      if (!fired) timer.refresh();
    },
  };
}

/** Run `git ARGS` in `ctx.cwd`; rejects with GitError unless the exit code is 0 or allowed. */
export async function runGit(ctx: GitContext, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const out: Buffer[] = [];
  let outLen = 0;
  const { stderr, exitCode } = await spawnGit(ctx, args, opts, (chunk) => {
    outLen += chunk.length;
    if (outLen > MAX_BUFFER) throw new GitError(args, null, '', `output exceeds ${MAX_BUFFER} bytes`);
    out.push(chunk);
  });
  return { stdout: Buffer.concat(out, outLen), stderr, exitCode };
}

/**
 * Run `git ARGS`, handing stdout to `onText` as UTF-8 text in the order it arrives: a long
 * `git log` is parsed while git is still walking, instead of after.
 */
export async function streamGit(ctx: GitContext, args: string[], opts: RunOptions, onText: (text: string) => void): Promise<void> {
  await spawnGit(ctx, args, { ...opts, text: true }, onText);
}

/** As streamGit, with stdout as Buffers: for output parsed as bytes (object contents). */
export async function streamGitBytes(ctx: GitContext, args: string[], opts: Pick<SpawnOptions, 'input' | 'feed'>, onChunk: (chunk: Buffer) => void): Promise<void> {
  await spawnGit(ctx, args, opts, onChunk);
}

// How often a spool is read while git writes it, and in what pieces: small ones, since each is
// parsed before anything else runs (another git's exit, the next step of the command).
const SPOOL_POLL_MS = 2;
const SPOOL_READ_BYTES = 1 << 16;

let spools = 0;

/** An unlinked temporary file for git to write into; null where there is none to be had. */
function openSpool(): number | null {
  // Unique enough with the pid and a counter; 'wx' refuses a name that exists (then: no spool).
  // Not node:crypto: it takes ~2 ms to load, before the changelog's early git log can start.
  const path = join(tmpdir(), `modelreg-${process.pid}-${(spools++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`);
  let fd: number;
  try {
    fd = openSync(path, 'wx+', 0o600);
  } catch {
    return null;
  }
  try {
    unlinkSync(path); // the open descriptor keeps it; nothing is left behind, whatever happens next
  } catch {
    // Windows cannot unlink an open file: no spool there.
    closeSync(fd);
    rmSync(path, { force: true });
    return null;
  }
  return fd;
}

/**
 * As streamGit, but git writes into an unlinked temporary file that is read as it grows. A pipe
 * holds ~200 KB, a few milliseconds of a long `git log`: whenever the event loop is busy longer
 * (spawning other git processes, loading code, collecting garbage) git waits. Spooled, git runs
 * at its own speed, and the text arrives in the same order, in larger pieces. `started` is that
 * process when it was started before (startSpool with the same arguments).
 */
export async function spoolGit(ctx: GitContext, args: string[], opts: RunOptions, onText: (text: string) => void, started?: SpooledGit | null): Promise<void> {
  const spooled = started ?? startSpool(ctx, args, opts);
  if (!spooled) return streamGit(ctx, args, opts, onText);
  const decoder = new StringDecoder('utf8');
  await spooled.read((bytes) => onText(decoder.write(bytes)));
  const rest = decoder.end();
  if (rest !== '') onText(rest);
}

/**
 * As spoolGit, with stdout as Buffers. A piece is valid only during the call (its memory is read
 * into again): a consumer copies what it keeps. One buffer for all pieces, not one per piece,
 * spares the garbage collector the collections that new external memory sets off.
 */
export async function spoolGitBytes(ctx: GitContext, args: string[], opts: Pick<RunOptions, 'input'>, onChunk: (chunk: Buffer) => void): Promise<void> {
  const spooled = startSpool(ctx, args, opts);
  if (spooled) await spooled.read(onChunk);
  else await streamGitBytes(ctx, args, opts, onChunk);
}

/** A git process writing its stdout into a spool: `read` it (once), or `cancel` it if it is not wanted after all. */
export interface SpooledGit {
  /** What git was started with, for a reader to check it is the process it wants. */
  readonly args: readonly string[];
  readonly input: string | Buffer | undefined;
  /** Hand over what git wrote as it grows; settles when git exits, as spawnGit does. */
  read(onBytes: (bytes: Buffer) => void): Promise<void>;
  /** Stop git (if it runs) and drop the spool, when it is not read. */
  cancel(): void;
}

/**
 * Start `git ARGS` with stdout into a spool, to be read while (or after) it runs: a command may
 * start a long git process before the code that reads it has loaded. Null where there is no
 * spool to be had.
 */
export function startSpool(ctx: GitContext, args: string[], opts: RunOptions): SpooledGit | null {
  const fd = openSpool();
  if (fd === null) return null;
  const abort = new AbortController();
  let exited = false;
  let closed = false;
  const close = () => {
    if (!closed) closeSync(fd);
    closed = true;
  };
  const running = spawnGit(ctx, args, { ...opts, stdoutFd: fd, signal: abort.signal }, () => {}).finally(() => {
    exited = true;
  });
  running.catch(() => {}); // awaited by read(); a failure before it is called must not count as unhandled
  return {
    args,
    input: opts.input,
    async read(onBytes) {
      const buffer = Buffer.allocUnsafe(SPOOL_READ_BYTES);
      let offset = 0;
      /** Hand over the next piece git wrote; its length (0: nothing new yet). */
      const readPiece = () => {
        const n = readSync(fd, buffer, 0, buffer.length, offset);
        offset += n;
        if (n > 0) onBytes(buffer.subarray(0, n));
        return n;
      };
      try {
        while (!exited) {
          // One piece per turn: other work (another git's exit, its output) waits one piece's
          // parse at most, not until git stops writing. A full piece says more is there already.
          const n = readPiece();
          await new Promise((resolveWait) => (n === buffer.length ? setImmediate(resolveWait) : setTimeout(resolveWait, SPOOL_POLL_MS)));
        }
        await running;
        while (readPiece() > 0);
      } catch (e) {
        abort.abort(); // `onBytes` threw: stop git
        throw e;
      } finally {
        close();
      }
    },
    cancel() {
      if (!exited) abort.abort();
      close();
    },
  };
}

/** Same as runGit with stdout decoded once as UTF-8 (one decode is much cheaper than per chunk). */
export async function runGitText(
  ctx: GitContext,
  args: string[],
  opts: RunOptions = {},
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const r = await runGit(ctx, args, opts);
  return { stdout: r.stdout.toString('utf8'), stderr: r.stderr, exitCode: r.exitCode };
}

/**
 * As runGit, with this process waiting for git to exit: for a short call that all that follows
 * waits for. git starts and answers in ~1.5 ms; a spawn with its streams and events costs Node
 * more than that. No input; throws as runGit rejects.
 */
export function runGitSync(ctx: GitContext, args: string[], opts: Pick<RunOptions, 'okExitCodes'> = {}): RunResult {
  const { argv, options } = invocation(ctx, args, undefined);
  const r = spawnSync('git', argv, { ...options, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: MAX_BUFFER });
  if (r.error) throw new GitError(args, null, '', spawnFailure(r.error, ctx.cwd));
  const stderr = r.stderr.toString('utf8');
  if (r.status === 0 || (r.status !== null && opts.okExitCodes?.includes(r.status))) return { stdout: r.stdout, stderr, exitCode: r.status };
  throw new GitError(args, r.status, stderr);
}

// spawn reports a missing cwd as "spawn git ENOENT", which reads like git is not installed.
function spawnFailure(e: NodeJS.ErrnoException, cwd: string): string {
  if (e.code === 'ENOENT') {
    let cwdOk = false;
    try {
      cwdOk = statSync(cwd).isDirectory();
    } catch {
      cwdOk = false;
    }
    return cwdOk ? 'git is not installed or not on PATH' : `directory does not exist: ${cwd}`;
  }
  return e.message;
}

// The transports a repository argument may use (README): https, ssh (and scp-like), file. Others,
// such as `fd::3` or `ext::`, could hang or run commands. A user's own setting is kept.
const ALLOWED_PROTOCOLS = 'https:ssh:file';

function withAllowedProtocols(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env.GIT_ALLOW_PROTOCOL === undefined ? { ...env, GIT_ALLOW_PROTOCOL: ALLOWED_PROTOCOLS } : env;
}

// Variables that point git at a particular repository (as `git rev-parse --local-env-vars` lists
// them). A hook runs with some of these set; they must not leak into a *different* repository.
const REPO_LOCATION_VARS = [
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_OBJECT_DIRECTORY',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_GRAFT_FILE',
  'GIT_INDEX_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_PREFIX',
  'GIT_SHALLOW_FILE',
  'GIT_COMMON_DIR',
];

// Git reads these relative to where it runs; ours run at the repository's top, not where the user was.
const RELATIVE_GIT_PATHS = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR'];

/** The environment with those variables made absolute from `cwd`. */
export function anchoredEnv(env: NodeJS.ProcessEnv, cwd: string): NodeJS.ProcessEnv {
  const relative = RELATIVE_GIT_PATHS.filter((name) => env[name] && !isAbsolute(env[name] as string));
  if (relative.length === 0) return env;
  const out = { ...env };
  for (const name of relative) out[name] = resolve(cwd, env[name] as string);
  return out;
}

/** `env` without the variables that select a repository, so `cwd` alone decides. */
export function withoutRepoLocation(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of REPO_LOCATION_VARS) delete copy[name];
  return copy;
}

/** Whether `env` sets one of those variables: without them, git finds the same repository from the same directory. */
export function selectsRepository(env: NodeJS.ProcessEnv): boolean {
  return REPO_LOCATION_VARS.some((name) => env[name] !== undefined);
}
