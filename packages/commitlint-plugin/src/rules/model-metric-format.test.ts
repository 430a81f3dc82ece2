import { describe, expect, it } from 'vitest';
import { modelMetricFormat } from './model-metric-format.js';

const lint = (raw: string) => modelMetricFormat({ raw });

describe('model-metric-format', () => {
  it('accepts KEY=NUMBER', () => {
    expect(lint('x\n\nModel-Metric: auc=0.91\nModel-Metric: val/rmse = 1.5e-3\nModel-Metric: loss=-2\n')).toEqual([true]);
  });

  it('refuses a missing =, a bad key or a value that is not a number, one line each', () => {
    const [ok, message] = lint('x\n\nModel-Metric: auc\nModel-Metric: auc=high\nModel-Metric: a b=1\nModel-Metric: f1=\n');
    expect(ok).toBe(false);
    expect(message?.split('\n')).toEqual([
      "'Model-Metric: auc' must be KEY=VALUE with a number, e.g. 'Model-Metric: auc=0.91'",
      "'Model-Metric: auc=high' must be KEY=VALUE with a number, e.g. 'Model-Metric: auc=0.91'",
      "'Model-Metric: a b=1' must be KEY=VALUE with a number, e.g. 'Model-Metric: auc=0.91'",
      "'Model-Metric: f1=' must be KEY=VALUE with a number, e.g. 'Model-Metric: auc=0.91'",
    ]);
  });
});
