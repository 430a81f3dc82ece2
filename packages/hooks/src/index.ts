// @modelreg/hooks: what runs at commit and push time, and `modelreg init` that wires it in.
// Each handler has its own entry point ('@modelreg/hooks/pre-commit', …) so a hook loads only
// its own code: hooks run on every commit, and every module loaded is time the user waits.
export type { HookContext, HookResult } from './context.js';
export type { InitOptions } from './init.js';
export type { PushedRef } from './pre-push-input.js';
export type { HistoryCheck, HistoryCheckOptions } from './history.js';
