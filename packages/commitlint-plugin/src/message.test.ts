import { describe, expect, it } from 'vitest';
import { messageKind, readMessage, resolveCommentChar, stripComments } from './message.js';

describe('message', () => {
  it('tells merges, fixups and reverts from other messages', () => {
    expect(messageKind("Merge branch 'side' into main")).toBe('merge');
    expect(messageKind('fixup! feat: x')).toBe('fixup');
    expect(messageKind('Revert "feat: x"')).toBe('revert');
    expect(messageKind('Mergeable state')).toBe('normal');
    expect(messageKind('feat: revert to old weights')).toBe('normal');
  });

  it('uses git’s comment character, choosing one for auto', () => {
    expect(resolveCommentChar(undefined, 'x')).toBe('#');
    expect(resolveCommentChar(';', 'x')).toBe(';');
    expect(resolveCommentChar('auto', '#1 issue\n')).toBe(';');
    expect(stripComments('a\n# c\nb', '#')).toBe('a\nb');
  });

  it('reads the subject after comments and the model trailers', () => {
    const m = readMessage({ raw: '# comment\nretrain\n\nModel: churn\nModel-Bump: minor\n# Please enter\n' });
    expect(m.subject).toBe('retrain');
    expect(m.trailers.models).toEqual(['churn']);
    expect(m.trailers.bump).toBe('minor');
  });
});
