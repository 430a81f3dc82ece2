import { describe, expect, it } from 'vitest';
import { assertDistinctNames, mergeStageLists, pickRegistry, registryNameOf, splitRegistry } from './registry-view.js';

describe('registryNameOf', () => {
  it.each([
    ['https://github.com/acme/churn.git', 'churn'],
    ['file:///tmp/x/vision.git/', 'vision'],
    ['git@github.com:acme/nlp.git', 'nlp'],
    ['host:models', 'models'],
    ['../local-models', 'local-models'],
    ['C:\\repos\\tabular', 'tabular'],
  ])('%s → %s', (source, name) => {
    expect(registryNameOf(source)).toBe(name);
  });

  it('refuses two registries of the same name, as a usage error', () => {
    expect(() => assertDistinctNames(['a', 'b', 'a'])).toThrow("two registries are named 'a'");
    expect(() => assertDistinctNames(['a', 'b'])).not.toThrow();
  });
});

describe('addressing an artifact across registries', () => {
  it('splits REPO/NAME only when REPO is a registry (artifact names may hold a slash)', () => {
    expect(splitRegistry('churn/model#prod', ['churn', 'nlp'])).toEqual({ repo: 'churn', rest: 'model#prod' });
    expect(splitRegistry('models/nlp:bert', ['churn'])).toEqual({ rest: 'models/nlp:bert' });
    expect(splitRegistry('model', ['churn'])).toEqual({ rest: 'model' });
  });

  it('a unique name needs no repo; an ambiguous one lists the candidates', () => {
    expect(pickRegistry('model', ['b'])).toBe('b');
    expect(pickRegistry('model', ['a', 'b'], 'b')).toBe('b');
    expect(() => pickRegistry('model', ['a', 'b'])).toThrow("'model' is in 2 registries: a/model, b/model");
    expect(() => pickRegistry('model', [])).toThrow("cannot find artifact 'model'");
    expect(() => pickRegistry('model', ['a'], 'c')).toThrow("cannot find artifact 'model' in registry 'c'");
  });
});

describe('mergeStageLists', () => {
  it('stages in use only: each once, sorted', () => {
    expect(mergeStageLists([{ stages: ['staging'], configured: false }, { stages: ['dev', 'staging'], configured: false }])).toEqual(['dev', 'staging']);
  });

  it("a config's order is kept, and the other registries' stages follow in view order", () => {
    expect(mergeStageLists([{ stages: ['prod', 'dev'], configured: false }, { stages: ['qa', 'prod'], configured: true }])).toEqual(['prod', 'dev', 'qa']);
    expect(mergeStageLists([{ stages: ['prod', 'dev', 'stale'], configured: true }])).toEqual(['prod', 'dev', 'stale']);
  });
});
