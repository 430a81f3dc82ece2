import { describe, expect, it } from 'vitest';
import { emptyContext, type ModelContext } from '../context.js';
import { modelTrailerKnown } from './model-trailer-known.js';

const value = emptyContext({
  artifacts: [
    { name: 'churn', file: 'dvc.yaml', path: 'models/churn.pkl' },
    { name: 'fraud', file: 'artifacts.yaml' },
  ],
  removed: [{ name: 'legacy', file: 'dvc.yaml' }],
});
const lint = (raw: string, v: ModelContext | undefined = value) => modelTrailerKnown({ raw }, 'always', v);

describe('model-trailer-known', () => {
  it('accepts annotated artifacts and artifacts the commit removes', () => {
    expect(lint('x\n\nModel: churn\nModel: fraud\nModel: legacy\n')).toEqual([true]);
    expect(lint('no trailers\n')).toEqual([true]);
  });

  it('refuses a name that is not annotated, suggesting the closest', () => {
    expect(lint('x\n\nModel: chrun\n')).toEqual([false, "'Model: chrun' names no annotated artifact (did you mean 'churn'?)"]);
    expect(lint('x\n\nModel: zebra\n')).toEqual([false, "'Model: zebra' names no annotated artifact: annotated artifacts are churn, fraud"]);
    expect(lint('x\n\nModel: churn\n', emptyContext())[1]).toMatch(/this repository annotates none yet/);
  });

  it('refuses a value that is not an artifact name, one line per problem', () => {
    const [ok, message] = lint('x\n\nModel: churn fraud\nModel: chrun\n');
    expect(ok).toBe(false);
    expect(message?.split('\n')).toEqual([
      expect.stringMatching(/^'Model: churn fraud' does not name an artifact/),
      "'Model: chrun' names no annotated artifact (did you mean 'churn'?)",
    ]);
  });

  it('refuses a Model-… key that is not a model trailer', () => {
    expect(lint('x\n\nModel-Metrics: auc=0.9\nModel-Foo: 1\n')).toEqual([
      false,
      "'Model-Metrics:' is not a model trailer (did you mean 'Model-Metric:'?)\n'Model-Foo:' is not a model trailer: model trailers are Model, Model-Bump, Model-Metric, Model-Data",
    ]);
  });

  it('ignores trailers that are not in the trailer block, and needs a context', () => {
    expect(lint('x\n\nModel: nope\n\nthe end\n')).toEqual([true]);
    expect(modelTrailerKnown({ raw: 'x\n\nModel: nope\n' })).toEqual([true]);
  });
});
