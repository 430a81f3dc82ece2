// `modelreg hook …`: the handlers live in @modelreg/hooks; this only passes the outside world in.
// Each imports only its own handler (see @modelreg/hooks' entry points).
import type { HookContext } from '@modelreg/hooks';
import type { CommandResult, Io } from '../io.js';

const context = (io: Io): HookContext => ({ cwd: io.cwd, env: io.env, ...(io.stdin ? { stdin: io.stdin } : {}) });

export async function hookPreCommit(io: Io): Promise<CommandResult> {
  return (await import('@modelreg/hooks/pre-commit')).preCommit(context(io));
}

export async function hookCommitMsg(io: Io, file: string): Promise<CommandResult> {
  return (await import('@modelreg/hooks/commit-msg')).commitMsg(context(io), file);
}

export async function hookPrePush(io: Io, remote: string | undefined, url: string | undefined): Promise<CommandResult> {
  return (await import('@modelreg/hooks/pre-push')).prePush(context(io), remote, url);
}
