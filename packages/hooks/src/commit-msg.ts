import type { HookContext, HookResult } from './context.js';

// Placeholder until the handler lands (issue 4).
export async function commitMsg(_ctx: HookContext, ..._args: unknown[]): Promise<HookResult> {
  return { stderr: 'modelreg: hook commit-msg is not implemented yet\n', exitCode: 1 };
}
