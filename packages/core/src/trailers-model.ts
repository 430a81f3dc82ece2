// The model trailers of DESIGN §7, read from a commit's parsed trailers. Problems are returned
// as diagnostics (the changelog warns, the commit-msg hook refuses), never thrown.
import type { Diagnostic } from './diagnostics.js';
import { NAME_RULE } from './messages.js';
import { isValidArtifactName } from './names.js';
import type { BumpPart } from './semver.js';
import type { Trailer } from './trailers.js';

/** The trailer keys, as we write them (git and we compare them case-insensitively). */
export const MODEL_TRAILERS = {
  model: 'Model',
  bump: 'Model-Bump',
  metric: 'Model-Metric',
  data: 'Model-Data',
} as const;

const BUMP_PARTS: readonly BumpPart[] = ['major', 'minor', 'patch'];
/** Higher is a bigger change. */
export const BUMP_RANK: Record<BumpPart, number> = { patch: 1, minor: 2, major: 3 };

export interface Metric {
  key: string;
  value: string;
}

export interface ModelTrailers {
  /** Artifact names from `Model:` trailers, in order, without repeats. */
  models: string[];
  /** The highest `Model-Bump:` of the commit, if any. */
  bump?: BumpPart;
  /** `Model-Metric: KEY=VALUE`, in order; a repeated key keeps its last value. */
  metrics: Metric[];
  /** `Model-Data:` references, in order, without repeats. */
  data: string[];
  /** Every trailer whose key is `Model` or starts with `Model-` (known or not), as written. */
  all: Trailer[];
  diagnostics: Diagnostic[];
}

/** Key of a metric: letters, digits and `_ . - /` (e.g. `auc`, `val/f1`, `top-5_acc`). */
const METRIC_KEY = /^[A-Za-z0-9_./-]+$/;

/** Whether a trailer key is one of ours (`Model`, `Model-*`), in any case. */
export function isModelTrailerKey(key: string): boolean {
  // Called for every trailer of every commit of a changelog: test the first letter before case-folding.
  const first = key.charCodeAt(0);
  if ((first !== 77 && first !== 109) || key.length < 5 || (key.length > 5 && key.charCodeAt(5) !== 45)) return false;
  return key.slice(0, 5).toLowerCase() === 'model';
}

const messages = {
  badName: (value: string) => `'Model: ${value}' does not name an artifact (${NAME_RULE})`,
  badBump: (value: string) => `'Model-Bump: ${value}' must be major, minor or patch`,
  badMetric: (value: string) => `'Model-Metric: ${value}' must be KEY=VALUE, e.g. 'Model-Metric: auc=0.91'`,
  repeatedMetric: (key: string) => `metric '${key}' is given more than once; the last value is kept`,
  emptyData: () => "'Model-Data:' needs a dataset reference, e.g. 'Model-Data: s3://bucket/churn/2025-03'",
  unknownKey: (key: string) => `unknown model trailer '${key}'`,
};

/** Read the model trailers among `trailers` (as parseTrailers returns them). */
export function modelTrailers(trailers: readonly Trailer[]): ModelTrailers {
  const out: ModelTrailers = { models: [], metrics: [], data: [], all: [], diagnostics: [] };
  const problem = (code: string, message: string, hint?: string) =>
    out.diagnostics.push({ code, severity: 'error', message, ...(hint ? { hint } : {}) });
  for (const t of trailers) {
    if (!isModelTrailerKey(t.key)) continue;
    out.all.push(t);
    switch (t.key.toLowerCase()) {
      case 'model':
        if (!isValidArtifactName(t.value)) problem('trailer-model-name', messages.badName(t.value), "one artifact per 'Model:' trailer; repeat the trailer for several");
        else if (!out.models.includes(t.value)) out.models.push(t.value);
        break;
      case 'model-bump': {
        const part = t.value.toLowerCase() as BumpPart;
        if (!BUMP_PARTS.includes(part)) problem('trailer-bump-value', messages.badBump(t.value));
        else if (!out.bump || BUMP_RANK[part] > BUMP_RANK[out.bump]) out.bump = part;
        break;
      }
      case 'model-metric': {
        const eq = t.value.indexOf('=');
        const key = eq < 0 ? '' : t.value.slice(0, eq).trim();
        const value = eq < 0 ? '' : t.value.slice(eq + 1).trim();
        if (!METRIC_KEY.test(key) || value === '') {
          problem('trailer-metric-format', messages.badMetric(t.value), "metric keys are letters, digits and '_ . - /'");
          break;
        }
        const seen = out.metrics.findIndex((m) => m.key === key);
        if (seen >= 0) {
          out.metrics.splice(seen, 1);
          out.diagnostics.push({ code: 'trailer-metric-repeated', severity: 'warning', message: messages.repeatedMetric(key) });
        }
        out.metrics.push({ key, value });
        break;
      }
      case 'model-data':
        if (t.value === '') problem('trailer-data-empty', messages.emptyData());
        else if (!out.data.includes(t.value)) out.data.push(t.value);
        break;
      default:
        out.diagnostics.push({
          code: 'trailer-unknown-key',
          severity: 'warning',
          message: messages.unknownKey(t.key),
          hint: `model trailers are ${Object.values(MODEL_TRAILERS).join(', ')}`,
        });
    }
  }
  return out;
}
