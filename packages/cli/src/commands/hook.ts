// `modelreg hook …`: the handlers live in @modelreg/hooks; this only passes the outside world in.
import type { HookContext } from '@modelreg/hooks';
import type { CommandResult, Io } from '../io.js';

const context = (io: Io): HookContext => ({ cwd: io.cwd, env: io.env, ...(io.stdin ? { stdin: io.stdin } : {}) });

export async function hookPreCommit(io: Io, files: string[]): Promise<CommandResult> {
  return (await import('@modelreg/hooks')).preCommit(context(io), files);
}

export async function hookCommitMsg(io: Io, file: string): Promise<CommandResult> {
  return (await import('@modelreg/hooks')).commitMsg(context(io), file);
}

export async function hookPrePush(io: Io, remote: string, url: string | undefined): Promise<CommandResult> {
  return (await import('@modelreg/hooks')).prePush(context(io), remote, url);
}
