// `modelreg hook …`: the handlers live in @modelreg/hooks; this only passes the outside world in.
// Each imports only its own handler (see @modelreg/hooks' entry points).
import type { HookContext } from '@modelreg/hooks';
import type { CommandResult, Io } from '../io.js';

const context = (io: Io): HookContext => ({ cwd: io.cwd, env: io.env, ...(io.stdin ? { stdin: io.stdin } : {}) });

export async function hookPreCommit(io: Io): Promise<CommandResult> {
  // The pre-commit framework run outside a commit (`pre-commit run --all-files`, what CI and
  // pre-commit.ci run): git sets GIT_INDEX_FILE for the hooks of a commit or merge, so without it
  // there is no commit to judge, and the whole repository is checked, as `modelreg check` does.
  if (io.env.PRE_COMMIT === '1' && io.env.GIT_INDEX_FILE === undefined) return (await import('./check.js')).check(io, {});
  return (await import('@modelreg/hooks/pre-commit')).preCommit(context(io));
}

export async function hookCommitMsg(io: Io, file: string): Promise<CommandResult> {
  return (await import('@modelreg/hooks/commit-msg')).commitMsg(context(io), file);
}

export async function hookPrePush(io: Io, remote: string | undefined, url: string | undefined): Promise<CommandResult> {
  return (await import('@modelreg/hooks/pre-push')).prePush(context(io), remote, url);
}
