import { describe, expect, it } from 'vitest';
import { upsertAnnotation } from './annotation-edit.js';

const lines = (...l: string[]) => l.join('\n') + '\n';

// Shaped like iterative's example projects: DVC's list indentation, comments on entries and between
// them, a flow list, quoting, blank lines.
const FILE = lines(
  '# Models of this project',
  'artifacts:',
  '  churn:  # the main model',
  '    path: model.pkl   # a DVC output',
  "    desc: 'Churn classifier'",
  '',
  '    labels: [tabular, gbm]',
  '    meta:',
  '      owner: ml-team  # who to ask',
  '',
  '  # The next entry is DVC-style: lists level with their key.',
  '  text-classification:',
  '    path: text.pkl',
  '    type: model',
  '    labels:',
  '    - nlp',
  '    - classification',
  'stages:',
  '  train:',
  '    cmd: python train.py',
);

describe('upsertAnnotation: field-level edits', () => {
  it('changes only the line of the field given, keeping its quoting and its comment', () => {
    expect(upsertAnnotation(FILE, 'dvc', 'churn', { desc: 'Predicts churn' })).toBe(FILE.replace("desc: 'Churn classifier'", "desc: 'Predicts churn'"));
    expect(upsertAnnotation(FILE, 'dvc', 'churn', { path: 'models/churn.pkl' })).toBe(FILE.replace('path: model.pkl   #', 'path: models/churn.pkl   #'));
  });

  it('keeps a flow list a flow list, and DVC’s list indentation as it is', () => {
    expect(upsertAnnotation(FILE, 'dvc', 'churn', { labels: ['tabular', 'xgboost'] })).toBe(FILE.replace('[tabular, gbm]', '[tabular, xgboost]'));
    expect(upsertAnnotation(FILE, 'dvc', 'text-classification', { labels: ['nlp', 'stackoverflow'] })).toBe(
      FILE.replace('    - nlp\n    - classification\n', '    - nlp\n    - stackoverflow\n'),
    );
  });

  it('adds a missing field after the entry’s last line, before the comment that belongs to the next entry', () => {
    expect(upsertAnnotation(FILE, 'dvc', 'churn', { type: 'model' })).toBe(FILE.replace('      owner: ml-team  # who to ask\n', '      owner: ml-team  # who to ask\n    type: model\n'));
    expect(upsertAnnotation(FILE, 'dvc', 'text-classification', { desc: 'Tags R questions' })).toBe(
      FILE.replace('    - classification\n', '    - classification\n    desc: Tags R questions\n'),
    );
  });

  it('sets meta keys inside the existing mapping, nested ones too, touching nothing else', () => {
    const after = upsertAnnotation(FILE, 'dvc', 'churn', { meta: { owner: 'data-team', 'metrics.auc': 0.91 } });
    expect(after).toBe(FILE.replace('      owner: ml-team  # who to ask\n', '      owner: data-team  # who to ask\n      metrics:\n        auc: 0.91\n'));
    const again = upsertAnnotation(after, 'dvc', 'churn', { meta: { 'metrics.f1': 0.8 } });
    expect(again).toBe(after.replace('        auc: 0.91\n', '        auc: 0.91\n        f1: 0.8\n'));
  });

  it('adds meta to an entry that has none in the file’s own list and indentation style', () => {
    expect(upsertAnnotation(FILE, 'dvc', 'text-classification', { meta: { 'metrics.auc': 0.9 }, labels: ['nlp'] })).toBe(
      FILE.replace('    - nlp\n    - classification\n', '    - nlp\n    meta:\n      metrics:\n        auc: 0.9\n'),
    );
  });

  it('a new entry follows the style of the existing ones', () => {
    const dvcStyle = lines('artifacts:', '  a:', '    path: a.pkl', '    labels:', '    - x');
    expect(upsertAnnotation(dvcStyle, 'dvc', 'b', { path: 'b.pkl', labels: ['y', 'z'] })).toBe(dvcStyle + lines('  b:', '    path: b.pkl', '    labels:', '    - y', '    - z'));
    const wide = lines('artifacts:', '    a:', '        path: a.pkl');
    expect(upsertAnnotation(wide, 'dvc', 'b', { path: 'b.pkl', meta: { 'metrics.auc': 1 } })).toBe(wide + lines('    b:', '        path: b.pkl', '        meta:', '            metrics:', '                auc: 1'));
    const flow = lines('artifacts:', '  a:', '    path: a.pkl', '    labels: [x]');
    expect(upsertAnnotation(flow, 'dvc', 'b', { path: 'b.pkl', labels: ['y', 'z'] })).toBe(flow + lines('  b:', '    path: b.pkl', '    labels: [y, z]'));
  });

  it('a flow entry stays a flow entry, and an empty one gets the file’s block style', () => {
    const text = lines('artifacts:', '  a: {path: a.pkl, labels: [x]}  # flow', '  b:', '  c:', '    path: c.pkl');
    expect(upsertAnnotation(text, 'dvc', 'a', { desc: 'A', meta: { 'metrics.auc': 1 } })).toBe(text.replace('{path: a.pkl, labels: [x]}', '{path: a.pkl, labels: [x], desc: A, meta: {metrics: {auc: 1}}}'));
    expect(upsertAnnotation(text, 'dvc', 'b', { path: 'b.pkl' })).toBe(text.replace('  b:\n', '  b:\n    path: b.pkl\n'));
  });

  it('keeps CRLF, and a double-quoted or multi-line value gets the style it had', () => {
    const crlf = 'artifacts:\r\n  a:\r\n    path: a.pkl\r\n    desc: "old"\r\n';
    expect(upsertAnnotation(crlf, 'dvc', 'a', { desc: 'new "one"', type: 'model' })).toBe('artifacts:\r\n  a:\r\n    path: a.pkl\r\n    desc: "new \\"one\\""\r\n    type: model\r\n');
    const block = lines('artifacts:', '  a:', '    desc: |', '      line one', '      line two', '    path: a.pkl');
    expect(upsertAnnotation(block, 'dvc', 'a', { desc: 'one\ntwo\n' })).toBe(lines('artifacts:', '  a:', '    desc: |', '      one', '      two', '    path: a.pkl'));
  });
});
