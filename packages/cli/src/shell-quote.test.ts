import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote } from './shell-quote.js';

describe('shellQuote', () => {
  it('leaves shell-safe tag names alone, as shlex.quote does', () => {
    expect(shellQuote('model@v0.1.0')).toBe('model@v0.1.0');
    expect(shellQuote('path/to=clf@v0.0.1')).toBe('path/to=clf@v0.0.1');
  });

  it('quotes names a shell would mangle', () => {
    expect(shellQuote('model#dev#1')).toBe("'model#dev#1'");
    expect(shellQuote('model@v0.0.1!')).toBe("'model@v0.0.1!'");
    expect(shellQuote("it's")).toBe(`'it'"'"'s'`);
  });

  it('round-trips through a real shell', () => {
    for (const word of ['model#dev#1', "a'b", 'x y', '$(echo no)', '`no`', 'a!b', '']) {
      expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(word)}`], { encoding: 'utf8' })).toBe(word);
    }
  });
});
