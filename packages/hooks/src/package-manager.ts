// The repository's package manager, and the install init runs with it so husky's `prepare` turns
// the hooks on before init returns.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type PackageManager = 'npm' | 'pnpm' | 'yarn';

const LOCKFILES: Readonly<Record<string, PackageManager>> = {
  'pnpm-lock.yaml': 'pnpm',
  'yarn.lock': 'yarn',
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
};

/** From package.json's `packageManager` (`pnpm@10.1.0`), else the lockfile present; npm when neither says. */
export function detectPackageManager(packageJson: string | undefined, lockfiles: readonly string[]): PackageManager {
  let declared: unknown;
  try {
    declared = packageJson === undefined ? undefined : (JSON.parse(packageJson) as Record<string, unknown>)['packageManager'];
  } catch {
    declared = undefined;
  }
  const named = typeof declared === 'string' ? /^(npm|pnpm|yarn)@/.exec(declared)?.[1] : undefined;
  return (named as PackageManager | undefined) ?? lockfiles.map((f) => LOCKFILES[f]).find((m) => m !== undefined) ?? 'npm';
}

export const LOCKFILE_NAMES = Object.keys(LOCKFILES);

/**
 * The install command: npm links a directory dependency without installing its dependencies
 * (commitlint's loader among them), so a directory is installed as a copy (`install-links`).
 */
export function installArgs(manager: PackageManager, linksCopied: boolean): string[] {
  return manager === 'npm' && linksCopied ? ['install', '--install-links'] : ['install'];
}

/** The last line of the package manager's error output that says what went wrong. */
function reason(stderr: string, stdout: string): string {
  const lines = `${stderr}\n${stdout}`.split('\n').map((l) => l.replace(/^(?:npm (?:error|ERR!)|error)\s*/i, '').trim());
  const useful = lines.filter((l) => l !== '' && !/^(?:A complete log|code [A-Z]|errno|syscall|This error happened|Verbose stack|at )/i.test(l));
  return (useful.find((l) => /ENOENT|E404|not found|No such|Cannot|failed|error/i.test(l)) ?? useful[0] ?? 'it failed').replace(/\s+/g, ' ');
}

/** Run the install in `root`; null when it worked, else one line on why not. */
export async function runInstall(root: string, manager: PackageManager, args: string[], env: NodeJS.ProcessEnv): Promise<string | null> {
  return new Promise((done) => {
    execFile(manager, args, { cwd: root, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return done(null);
      const code = (error as NodeJS.ErrnoException).code;
      done(code === 'ENOENT' ? `${manager} is not installed or not on PATH` : reason(stderr, stdout));
    });
  });
}

/** What a successful install leaves: the `modelreg` command in node_modules/.bin. */
export const installedCommand = (root: string) => existsSync(join(root, 'node_modules', '.bin', 'modelreg'));
