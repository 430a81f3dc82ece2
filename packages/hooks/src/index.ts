// @modelreg/hooks: what runs at commit and push time, and `modelreg init` that wires it in.
export type { HookContext, HookResult } from './context.js';
export { preCommit } from './pre-commit.js';
export { commitMsg } from './commit-msg.js';
export { prePush, formatRefusal } from './pre-push.js';
export { parsePrePushInput, type PushedRef } from './pre-push-input.js';
export { runHistoryCheck, type HistoryCheck, type HistoryCheckOptions } from './history.js';
export { init, type InitOptions } from './init.js';
