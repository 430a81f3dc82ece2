// model-bump-valid: `Model-Bump:` is major, minor or patch.
import type { ModelContext } from '../context.js';
import { readMessage, type ParsedCommit } from '../message.js';
import type { RuleOutcome, When } from './types.js';

export function modelBumpValid(parsed: ParsedCommit, when: When = 'always', value?: ModelContext): RuleOutcome {
  if (when === 'never') return [true];
  const { trailers } = readMessage(parsed, value?.commentChar);
  const problems = trailers.diagnostics.filter((d) => d.code === 'trailer-bump-value').map((d) => d.message);
  return problems.length === 0 ? [true] : [false, problems.join('\n')];
}
