// @modelreg/hooks: what runs at commit and push time, and `modelreg init` that wires it in.
export type { HookContext, HookResult } from './context.js';
export { preCommit } from './pre-commit.js';
export { commitMsg } from './commit-msg.js';
export { prePush } from './pre-push.js';
export { init, type InitOptions } from './init.js';
