import { describe, expect, it } from 'vitest';
import { parseTrailers } from './trailers.js';
import { isModelTrailerKey, modelTrailers } from './trailers-model.js';

const read = (message: string) => modelTrailers(parseTrailers(message));

describe('modelTrailers', () => {
  it('reads every model trailer, keys in any case', () => {
    const m = read(
      'Retrain\n\nmodel: churn\nModel: path/to:clf\nMODEL-BUMP: Minor\nModel-Metric: auc = 0.91\nmodel-metric: val/f1=0.8\nModel-Data: s3://b/churn@2025-03\nSigned-off-by: A <a@x>\n',
    );
    expect(m.models).toEqual(['churn', 'path/to:clf']);
    expect(m.bump).toBe('minor');
    expect(m.metrics).toEqual([
      { key: 'auc', value: '0.91' },
      { key: 'val/f1', value: '0.8' },
    ]);
    expect(m.data).toEqual(['s3://b/churn@2025-03']);
    expect(m.all.map((t) => t.key)).toEqual(['model', 'Model', 'MODEL-BUMP', 'Model-Metric', 'model-metric', 'Model-Data']);
    expect(m.diagnostics).toEqual([]);
  });

  it('keeps the highest bump and drops repeated models and datasets', () => {
    const m = read('T\n\nModel: a\nModel: a\nModel-Bump: patch\nModel-Bump: major\nModel-Bump: minor\nModel-Data: d\nModel-Data: d\n');
    expect(m).toMatchObject({ models: ['a'], bump: 'major', data: ['d'], diagnostics: [] });
  });

  it('keeps the last value of a repeated metric and says so', () => {
    const m = read('T\n\nModel-Metric: auc=0.1\nModel-Metric: acc=1\nModel-Metric: auc=0.2\n');
    expect(m.metrics).toEqual([
      { key: 'acc', value: '1' },
      { key: 'auc', value: '0.2' },
    ]);
    expect(m.diagnostics.map((d) => [d.code, d.severity])).toEqual([['trailer-metric-repeated', 'warning']]);
  });

  it('reports bad values as diagnostics and keeps the good ones', () => {
    const m = read(
      'T\n\nModel: churn model\nModel: ok\nModel-Bump: huge\nModel-Metric: auc\nModel-Metric: =1\nModel-Metric: a b=1\nModel-Metric: x=\nModel-Data:\nModel-Notes: hi\n',
    );
    expect(m.models).toEqual(['ok']);
    expect(m.bump).toBeUndefined();
    expect(m.metrics).toEqual([]);
    expect(m.data).toEqual([]);
    expect(m.diagnostics.map((d) => d.code)).toEqual([
      'trailer-model-name',
      'trailer-bump-value',
      'trailer-metric-format',
      'trailer-metric-format',
      'trailer-metric-format',
      'trailer-metric-format',
      'trailer-data-empty',
      'trailer-unknown-key',
    ]);
    expect(m.diagnostics[0]?.message).toBe("'Model: churn model' does not name an artifact (letters, digits, '_', '-' and '/' only, starting and ending with a letter or digit (a directory prefix is written 'dir/sub:name'))");
    expect(m.diagnostics[7]).toMatchObject({ severity: 'warning', message: "unknown model trailer 'Model-Notes'" });
  });

  it('ignores model-like lines that are not trailers', () => {
    expect(read('Model: title\n\nModel: body\nprose\n')).toMatchObject({ models: [], all: [] });
  });
});

describe('isModelTrailerKey', () => {
  it.each([
    ['Model', true],
    ['model-bump', true],
    ['MODEL-X', true],
    ['Models', false],
    ['Signed-off-by', false],
    ['Modelx-Bump', false],
  ])('%s → %s', (key, expected) => expect(isModelTrailerKey(key)).toBe(expected));
});
