// What runs a repository's hooks, as far as git says: `core.hooksPath`, and the directory git runs
// hooks from without it (`.git/hooks`, shared by every worktree). `modelreg init` asks before it
// lets husky set core.hooksPath, which would switch the hooks in that directory off.
import { resolve } from 'node:path';
import { runGitText, type GitContext } from './exec.js';

export interface HooksSetup {
  /** core.hooksPath as configured (null when unset). */
  hooksPath: string | null;
  /** Absolute path of the default hooks directory. */
  defaultHooksDir: string;
}

export async function readHooksSetup(ctx: GitContext): Promise<HooksSetup> {
  const [config, common] = await Promise.all([
    runGitText(ctx, ['config', '--get', 'core.hooksPath'], { okExitCodes: [1] }),
    runGitText(ctx, ['rev-parse', '--path-format=absolute', '--git-common-dir']),
  ]);
  const hooksPath = config.exitCode === 0 ? config.stdout.replace(/\n$/, '') : '';
  return { hooksPath: hooksPath === '' ? null : hooksPath, defaultHooksDir: resolve(common.stdout.trim(), 'hooks') };
}

