import type { HookContext, HookResult } from './context.js';

// Placeholder until the handler lands (issue 4).
export async function prePush(_ctx: HookContext, ..._args: unknown[]): Promise<HookResult> {
  return { stderr: 'modelreg: hook pre-push is not implemented yet\n', exitCode: 1 };
}
