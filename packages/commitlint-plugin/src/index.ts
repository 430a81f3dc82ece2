// @modelreg/commitlint-plugin: commitlint rules for model trailers (DESIGN §7). Usable in any
// commitlint config: `plugins: ['@modelreg/commitlint-plugin']`, with the rules' context as their
// value; '@modelreg/commitlint-plugin/config' computes that context from the staged change.
import { modelBumpValid } from './rules/model-bump-valid.js';
import { modelDataFormat } from './rules/model-data-format.js';
import { modelMetricFormat } from './rules/model-metric-format.js';
import { modelTrailerKnown } from './rules/model-trailer-known.js';
import { modelTrailerRequired } from './rules/model-trailer-required.js';

export const rules = {
  'model-trailer-required': modelTrailerRequired,
  'model-trailer-known': modelTrailerKnown,
  'model-bump-valid': modelBumpValid,
  'model-metric-format': modelMetricFormat,
  'model-data-format': modelDataFormat,
};

export type RuleName = keyof typeof rules;

/** The rules that need the staged change as their value (the others need only the comment char). */
export const CONTEXT_RULES: readonly RuleName[] = ['model-trailer-required', 'model-trailer-known'];

export { changedEntryNames, changedUnder, emptyContext, type ArtifactRef, type EntrySnapshot, type ModelContext } from './context.js';
export { messageKind, readMessage, resolveCommentChar, stripComments, type MessageKind, type ParsedCommit } from './message.js';
export type { RuleOutcome, When } from './rules/types.js';

const plugin = { rules };
export default plugin;
