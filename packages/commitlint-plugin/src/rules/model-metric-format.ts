// model-metric-format: `Model-Metric:` is KEY=VALUE, the key letters, digits and `_ . - /`, the
// value a number (`auc=0.91`, `val/rmse=1.5e-3`).
import { MODEL_TRAILERS } from '@modelreg/core';
import type { ModelContext } from '../context.js';
import { messages } from '../messages.js';
import { readMessage, type ParsedCommit } from '../message.js';
import type { RuleOutcome, When } from './types.js';

const METRIC = /^\s*[A-Za-z0-9_./-]+\s*=\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

export function modelMetricFormat(parsed: ParsedCommit, when: When = 'always', value?: ModelContext): RuleOutcome {
  if (when === 'never') return [true];
  const { trailers } = readMessage(parsed, value?.commentChar);
  const key = MODEL_TRAILERS.metric.toLowerCase();
  const problems = trailers.all.filter((t) => t.key.toLowerCase() === key && !METRIC.test(t.value)).map((t) => messages.metricNotNumber(t.value));
  return problems.length === 0 ? [true] : [false, problems.join('\n')];
}
