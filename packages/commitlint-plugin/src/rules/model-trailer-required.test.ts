import { describe, expect, it } from 'vitest';
import { emptyContext, type ModelContext } from '../context.js';
import { modelTrailerRequired } from './model-trailer-required.js';

const churn = { name: 'churn', file: 'dvc.yaml', path: 'models/churn.pkl' };
const images = { name: 'cv:images', file: 'cv/dvc.yaml', path: 'cv/images' };
const ctx = (o: Partial<ModelContext>) => emptyContext({ artifacts: [churn, images], ...o });
const lint = (raw: string, value?: ModelContext) => modelTrailerRequired({ raw }, 'always', value);

describe('model-trailer-required', () => {
  it('asks for Model: when the commit changes an artifact path, naming the path and the fix', () => {
    expect(lint('feat: retrain\n', ctx({ changedPaths: ['models/churn.pkl', 'README.md'] }))).toEqual([
      false,
      "this commit changes models/churn.pkl (artifact churn): add the trailer 'Model: churn'",
    ]);
  });

  it('accepts the trailer (any key case), and checks every touched artifact, one line each', () => {
    const value = ctx({ changedPaths: ['models/churn.pkl', 'cv/images/a.png', 'cv/images/b.png'] });
    expect(lint('retrain\n\nmodel: churn\nModel: cv:images\n', value)).toEqual([true]);
    expect(lint('retrain\n\nModel: churn\n', value)).toEqual([
      false,
      "this commit changes cv/images/a.png and 1 more file (artifact cv:images): add the trailer 'Model: cv:images'",
    ]);
    expect((lint('retrain\n', value)[1] ?? '').split('\n')).toHaveLength(2);
  });

  it('counts a changed or removed annotation entry, and nothing outside the artifact', () => {
    expect(lint('doc\n', ctx({ changedPaths: ['dvc.yaml'], changedEntries: ['churn'] }))).toEqual([
      false,
      "this commit changes the annotation of artifact churn in dvc.yaml: add the trailer 'Model: churn'",
    ]);
    expect(lint('drop\n', ctx({ removed: [{ name: 'old', file: 'dvc.yaml' }] }))[1]).toBe(
      "this commit removes artifact old from dvc.yaml: add the trailer 'Model: old'",
    );
    expect(lint('x\n', ctx({ changedPaths: ['models/churn.pkl.bak', 'cv/imagesX'] }))).toEqual([true]);
  });

  it('does not ask merges, fixup!/squash!/amend! commits and reverts', () => {
    const value = ctx({ changedPaths: ['models/churn.pkl'] });
    for (const subject of ["Merge branch 'side'", 'fixup! retrain', 'squash! retrain', 'amend! retrain', 'Revert "retrain"']) {
      expect(lint(`${subject}\n`, value)).toEqual([true]);
    }
    expect(lint('finish the merge\n', { ...value, merging: true })).toEqual([true]);
  });

  it('reads trailers with git’s rules: the last paragraph only, comments stripped, cherry-pick lines allowed', () => {
    const value = ctx({ changedPaths: ['models/churn.pkl'] });
    expect(lint('retrain\n\nModel: churn\n\nmore text after\n', value)[0]).toBe(false);
    expect(lint('retrain\n\nModel: churn\n(cherry picked from commit abc)\n# Please enter the commit message\n', value)).toEqual([true]);
    expect(lint('retrain\n\nModel: churn\n; comment\n', { ...value, commentChar: ';' })).toEqual([true]);
    expect(lint('retrain\n\nModel:\n  churn\n', value)).toEqual([true]);
  });

  it('needs a context, and does not apply with never', () => {
    expect(lint('x\n')).toEqual([true]);
    expect(modelTrailerRequired({ raw: 'x\n' }, 'never', ctx({ changedPaths: ['models/churn.pkl'] }))).toEqual([true]);
  });
});
