// model-data-format: `Model-Data:` names a dataset (a non-empty reference).
import type { ModelContext } from '../context.js';
import { readMessage, type ParsedCommit } from '../message.js';
import type { RuleOutcome, When } from './types.js';

export function modelDataFormat(parsed: ParsedCommit, when: When = 'always', value?: ModelContext): RuleOutcome {
  if (when === 'never') return [true];
  const { trailers } = readMessage(parsed, value?.commentChar);
  const problems = trailers.diagnostics.filter((d) => d.code === 'trailer-data-empty').map((d) => d.message);
  return problems.length === 0 ? [true] : [false, problems.join('\n')];
}
