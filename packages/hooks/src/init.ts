import type { HookContext, HookResult } from './context.js';

export interface InitOptions {
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

// Placeholder until `modelreg init` lands (issue 4).
export async function init(_ctx: HookContext, _opts: InitOptions): Promise<HookResult> {
  return { stderr: 'modelreg: init is not implemented yet\n', exitCode: 1 };
}
