import { describe, expect, it } from 'vitest';
import { modelDataFormat } from './model-data-format.js';

const lint = (raw: string) => modelDataFormat({ raw });

describe('model-data-format', () => {
  it('accepts a dataset reference', () => {
    expect(lint('x\n\nModel-Data: s3://bucket/churn/2025-03\nModel-Data: customers@v3\n')).toEqual([true]);
  });

  it('refuses an empty one, with an example', () => {
    expect(lint('x\n\nModel-Data:\nModel: churn\n')).toEqual([false, "'Model-Data:' needs a dataset reference, e.g. 'Model-Data: s3://bucket/churn/2025-03'"]);
  });
});
