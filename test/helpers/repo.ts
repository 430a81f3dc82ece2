// Real git repositories in temp dirs, isolated from the machine's config, with a controlled clock.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'packages', 'cli', 'bin', 'modelreg.js');

const temps: string[] = [];
export function tempDir(prefix = 'modelreg-e2e-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
export function cleanTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** `2024-01-01 00:03:00Z` style clock → git's raw date. */
export function rawDate(iso: string, tz = '+0000'): string {
  return `${Math.floor(Date.parse(iso) / 1000)} ${tz}`;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Commands that may answer from the registry index in .git/modelreg/. */
const INDEXED_COMMANDS = new Set(['show', 'stages']);

export class TestRepo {
  readonly env: NodeJS.ProcessEnv;

  /** `home` is this test's private HOME (outside the repository), so no user config leaks in. */
  constructor(
    readonly dir: string,
    readonly home: string,
    identity = { name: 'GTO Reference', email: 'gto-ref@example.com' },
  ) {
    this.env = {
      PATH: process.env.PATH,
      HOME: home,
      TZ: 'UTC',
      LANG: 'C',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: identity.name,
      GIT_AUTHOR_EMAIL: identity.email,
      GIT_COMMITTER_NAME: identity.name,
      GIT_COMMITTER_EMAIL: identity.email,
      MODELREG_CACHE_DIR: join(home, 'modelreg-cache'),
    };
  }

  /** A new repository (`bare` for a remote) in a fresh temp dir. */
  static init(opts: { bare?: boolean } = {}): TestRepo {
    const home = tempDir();
    const dir = join(home, opts.bare ? 'remote.git' : 'repo');
    mkdirSync(dir);
    const repo = new TestRepo(dir, home);
    repo.git(['init', '-q', '-b', 'main', ...(opts.bare ? ['--bare'] : [])]);
    return repo;
  }

  private dated(date?: string): NodeJS.ProcessEnv {
    return date ? { ...this.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : this.env;
  }

  git(args: string[], date?: string): string {
    return execFileSync('git', args, { cwd: this.dir, env: this.dated(date), encoding: 'utf8' });
  }

  write(file: string, content: string): void {
    mkdirSync(dirname(join(this.dir, file)), { recursive: true });
    writeFileSync(join(this.dir, file), content);
  }

  /** Write, stage and commit a file; returns the commit id. */
  commit(file: string, content: string, message: string, date?: string): string {
    this.write(file, content);
    this.git(['add', '--', file]);
    this.git(['commit', '-q', '-m', message], date);
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  /**
   * Run the built CLI here; `date` fixes the tagger time of tags it creates. A command that may
   * answer from the registry index (`show`, `stages`) is run again without it
   * (MODELREG_NO_CACHE=1), and with the repository named by GIT_DIR and GIT_WORK_TREE, which makes
   * for-each-ref read the tags and the whole registry be built at once: every test's repository
   * checks that neither the index nor the cold read's artifact-by-artifact summaries change an
   * answer. An `env` that names MODELREG_NO_CACHE or GIT_TRACE runs once.
   */
  modelreg(args: string[], opts: { date?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): RunResult {
    const run = (extra: NodeJS.ProcessEnv = {}): RunResult => {
      const r = spawnSync(process.execPath, [CLI, ...args], {
        cwd: opts.cwd ?? this.dir,
        env: { ...this.dated(opts.date), ...opts.env, ...extra },
        encoding: 'utf8',
      });
      return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
    };
    const result = run();
    // A test that sets MODELREG_NO_CACHE itself (even to undefined: the index as it is), or
    // traces git (a second run would add to its trace), opts out.
    const optedOut = ['MODELREG_NO_CACHE', 'GIT_TRACE'].some((name) => name in (opts.env ?? {}));
    if (INDEXED_COMMANDS.has(args[0] ?? '') && !optedOut) {
      const gitDir = join(this.dir, '.git');
      const named = existsSync(join(gitDir, 'HEAD')) && !('GIT_DIR' in (opts.env ?? {})) ? { GIT_DIR: gitDir, GIT_WORK_TREE: this.dir } : {};
      const uncached = run({ MODELREG_NO_CACHE: '1', ...named });
      if (JSON.stringify(uncached) !== JSON.stringify(result)) {
        throw new Error(`modelreg ${args.join(' ')} answers differently from the registry index:\n${JSON.stringify(result)}\nwithout it:\n${JSON.stringify(uncached)}`);
      }
    }
    return result;
  }

  tags(): string[] {
    return this.git(['tag', '-l']).split('\n').filter(Boolean);
  }
}

/** Install the pre-push hook as a one-line script that runs the built CLI (what `modelreg init` wires via husky). */
export function installPrePushHook(r: TestRepo): void {
  const hook = join(r.dir, '.git', 'hooks', 'pre-push');
  writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" hook pre-push "$@"\n`);
  chmodSync(hook, 0o755);
}
