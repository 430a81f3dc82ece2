import { describe, expect, it } from 'vitest';
import { escapeControls } from './errors.js';

describe('escapeControls', () => {
  it('writes controls, line breaks and bidi overrides as escapes, and leaves other text alone', () => {
    expect(escapeControls('a\nb\tc\r')).toBe('a\\nb\\tc\\r');
    expect(escapeControls('evil\u202egnp.exe')).toBe('evil\\u{202e}gnp.exe');
    expect(escapeControls('\u001b[31mred\u0007')).toBe('\\u{001b}[31mred\\u{0007}');
    expect(escapeControls('naïve — “quoted” 模型 ✔')).toBe('naïve — “quoted” 模型 ✔');
  });
});
