import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { GitError, GitTimeoutError, firstUsefulLine, pushFailureReason, runGit, runGitText, spoolGit, streamGit, withoutRepoLocation } from './exec.js';
import { cleanupTemp, isolatedEnv, tempDir } from './test-support/repo.js';

afterAll(cleanupTemp);

describe('pushFailureReason', () => {
  it("gives the remote hook's lines and the refused ref, not git's closing error", () => {
    const stderr = [
      'remote: Enumerating objects: 1, done.',
      'remote: pre-receive: prod needs a ticket        ',
      'To /srv/remote.git',
      ' ! [remote rejected] m#prod#1 -> m#prod#1 (pre-receive hook declined)',
      "error: failed to push some refs to '/srv/remote.git'",
      '',
    ].join('\n');
    expect(pushFailureReason(stderr)).toBe('remote: pre-receive: prod needs a ticket; [remote rejected] m#prod#1 -> m#prod#1 (pre-receive hook declined)');
  });

  it('falls back to the first useful line when the remote said nothing', () => {
    expect(pushFailureReason("fatal: could not read from remote repository.\n")).toBe('fatal: could not read from remote repository.');
  });
});

describe('firstUsefulLine', () => {
  it("prefers git's fatal/error line over banners and hints", () => {
    expect(firstUsefulLine('\n*** Please tell me who you are.\n\nfatal: unable to auto-detect email address\n')).toBe(
      'fatal: unable to auto-detect email address',
    );
    expect(firstUsefulLine('hint: something\nTo /x\n ! [rejected]\n')).toBe('To /x');
    expect(firstUsefulLine('')).toBe('');
  });
});

describe('runGit', () => {
  it("throws a GitError carrying args, exit code, stderr and git's message", async () => {
    const dir = tempDir();
    const err = await runGit({ cwd: dir, env: isolatedEnv(dir) }, ['rev-parse', 'HEAD']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    const g = err as GitError;
    expect(g.args).toEqual(['rev-parse', 'HEAD']);
    expect(g.exitCode).toBe(128);
    expect(g.stderr).toMatch(/not a git repository/);
    expect(g.message).toMatch(/^git rev-parse failed: fatal: not a git repository/);
    expect(g.message).not.toContain('\n');
  });

  it('accepts allowed exit codes and feeds stdin', async () => {
    const dir = tempDir();
    const ctx = { cwd: dir, env: isolatedEnv(dir) };
    const r = await runGit(ctx, ['check-ref-format', 'a'], { okExitCodes: [1] });
    expect(r.exitCode).toBe(1);
    const h = await runGitText(ctx, ['hash-object', '--stdin'], { input: 'hello\n' });
    expect(h.stdout.trim()).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });

  it('names a missing working directory instead of blaming git', async () => {
    const missing = join(tempDir(), 'nope');
    await expect(runGit({ cwd: missing }, ['--version'])).rejects.toThrow(`directory does not exist: ${missing}`);
  });

  it('names the git command after its global options', async () => {
    const dir = tempDir();
    const err = (await runGit({ cwd: dir, env: isolatedEnv(dir) }, ['-c', 'a.b=c', '--literal-pathspecs', 'log']).catch((e: unknown) => e)) as GitError;
    expect(err.message).toMatch(/^git log failed: fatal: not a git repository/);
  });

  it('turns an argument git cannot receive into a GitError', async () => {
    const dir = tempDir();
    await expect(runGit({ cwd: dir }, ['check-ref-format', 'a\0b'])).rejects.toBeInstanceOf(GitError);
  });
});

describe('runGit with timeoutMs', () => {
  it('stops git and what it started when the time is up, with a GitTimeoutError saying so', async () => {
    const dir = tempDir();
    const ctx = { cwd: dir, env: isolatedEnv(dir) };
    // An alias runs a shell, which runs a child that outlives a git killed alone and keeps its output open.
    const waiting = runGit(ctx, ['-c', 'alias.wait=!sleep 30; echo late', 'wait'], { timeoutMs: 300 });
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitTimeoutError);
    expect((error as Error).message).toBe('git wait failed: no answer within 0.3 s');
    // Quick enough answers are untouched.
    expect((await runGitText(ctx, ['--version'], { timeoutMs: 10_000 })).stdout).toMatch(/^git version/);
  });

  it('whileSilent: counts from the last output, so git that keeps talking runs on and git that goes quiet is stopped', async () => {
    const dir = tempDir();
    const ctx = { cwd: dir, env: isolatedEnv(dir) };
    // Sixteen words 100 ms apart, on stdout and stderr: 1.6 s in all, never near 1 s of silence.
    const talk = ['-c', 'alias.talk=!for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do echo out; echo err >&2; sleep 0.1; done', 'talk'];
    const talked = await runGitText(ctx, talk, { timeoutMs: 1000, whileSilent: true });
    expect(talked.stdout).toBe('out\n'.repeat(16));
    await expect(runGitText(ctx, talk, { timeoutMs: 1000 })).rejects.toBeInstanceOf(GitTimeoutError);
    // Says something, then nothing.
    const quiet = ['-c', 'alias.quiet=!echo hello; sleep 30', 'quiet'];
    await expect(runGitText(ctx, quiet, { timeoutMs: 1000, whileSilent: true })).rejects.toThrow('git quiet failed: no answer within 1 s');
  });
});

describe('spoolGit', () => {
  const spools = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`modelreg-${process.pid}-`));

  it('hands over the same text as streamGit, in order, and leaves no file behind', async () => {
    const dir = tempDir();
    const ctx = { cwd: dir, env: isolatedEnv(dir) };
    // ~3 MB of multi-byte text through stdin, so pieces may end inside a character.
    const input = 'é€😀 modelreg\n'.repeat(150_000);
    const spooled: string[] = [];
    const streamed: string[] = [];
    await spoolGit(ctx, ['hash-object', '--stdin', '--literally', '-t', 'blob', '--no-filters'], { input }, (t) => spooled.push(t));
    await streamGit(ctx, ['hash-object', '--stdin', '--literally', '-t', 'blob', '--no-filters'], { input }, (t) => streamed.push(t));
    expect(spooled.join('')).toBe(streamed.join(''));
    const echoed: string[] = [];
    await spoolGit(ctx, ['-c', 'core.pager=cat', 'var', 'GIT_PAGER'], {}, (t) => echoed.push(t));
    expect(echoed.join('')).toBe('cat\n');
    expect(spools()).toEqual([]);
  });

  it('rejects with a GitError when git fails or cannot start, and with what the consumer threw', async () => {
    const dir = tempDir();
    const ctx = { cwd: dir, env: isolatedEnv(dir) };
    await expect(spoolGit(ctx, ['rev-parse', 'HEAD'], {}, () => {})).rejects.toThrow(/^git rev-parse failed: fatal: not a git repository/);
    await expect(
      spoolGit(ctx, ['hash-object', '--stdin'], { input: 'x\n' }, () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(spoolGit({ cwd: join(dir, 'nope') }, ['--version'], {}, () => {})).rejects.toThrow('directory does not exist');
    expect(spools()).toEqual([]);
  });
});

describe('withoutRepoLocation', () => {
  it('drops GIT_DIR and friends, keeps the rest', () => {
    expect(withoutRepoLocation({ GIT_DIR: '/x', GIT_INDEX_FILE: '/i', GIT_COMMITTER_NAME: 'T', HOME: '/h' })).toEqual({
      GIT_COMMITTER_NAME: 'T',
      HOME: '/h',
    });
  });
});
