import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitSubject, parseTrailers, trailerBlock, type Trailer } from './trailers.js';

// git itself is the oracle: every message of the corpus is parsed by `git interpret-trailers
// --parse` (and `--no-divider`), with no user or system config that could add trailer rules.
const home = mkdtempSync(join(tmpdir(), 'modelreg-trailers-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const gitEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: join(home, 'none'), LC_ALL: 'C' };

function gitParse(message: string, noDivider = false): Trailer[] {
  const out = execFileSync('git', ['interpret-trailers', '--parse', ...(noDivider ? ['--no-divider'] : [])], {
    cwd: home,
    env: gitEnv,
    input: message,
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .slice(0, -1)
    .map((line) => {
      const colon = line.indexOf(':');
      // git prints `key: value`: the key cannot contain the separator, the value is trimmed.
      return { key: line.slice(0, colon), value: line.slice(colon + 2) };
    });
}

const CORPUS: Record<string, string> = {
  'one model trailer': 'Retrain churn\n\nModel: churn\n',
  'all model trailers': 'Retrain\n\nBetter features.\n\nModel: churn\nModel-Bump: minor\nModel-Metric: auc=0.91\nModel-Metric: f1=0.8\nModel-Data: s3://bucket/churn/2025-03\n',
  'continuation lines': 'Title\n\nModel-Data: s3://bucket/a\n  and s3://bucket/b\n\tand c\nModel: churn\n',
  'continuation with blank-ish line': 'Title\n\nModel-Data: a\n   \n  b\nModel: m\n',
  'CRLF line endings': 'Title\r\n\r\nBody text.\r\n\r\nModel: churn\r\nModel-Bump: major\r\n',
  'CRLF continuation': 'Title\r\n\r\nModel-Data: a\r\n  b\r\nModel: churn\r\n',
  'CRLF blank lines only': 'Title\r\n\r\nModel: churn\r\n\r\n',
  'no space after the colon': 'Title\n\nModel:churn\nModel-Bump:patch\n',
  'space before the colon': 'Title\n\nModel : churn\nModel-Bump\t: minor\n',
  'Signed-off-by mixed with Model': 'Title\n\nBody.\n\nSigned-off-by: Ann <ann@example.com>\nModel: churn\nModel-Metric: auc=0.9\nSigned-off-by: Bob <bob@example.com>\n',
  'body paragraph that looks like trailers': 'Title\n\nModel: fake\nModel-Bump: major\n\nThe real explanation is here.\n',
  'trailer-like paragraph, then trailers': 'Title\n\nKey: value in the body\nOther: thing\n\nSome text.\n\nModel: churn\n',
  'a Key: value line in the middle of the body': 'Title\n\nWe changed the loss.\nNote: this is prose.\nMore prose.\n',
  'title only': 'Model: churn\n',
  'title that looks like a trailer, then trailers': 'Model: title\n\nModel: churn\n',
  'title of several lines then trailers': 'Line one\nModel: still title\n\nModel: churn\n',
  'cherry-picked': 'Title\n\nBody\n\nModel: churn\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n',
  'cherry-picked makes a mixed paragraph a block': 'Title\n\nsome text\nmore text\nModel: churn\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n',
  'signed-off 25% rule holds': 'Title\n\none\ntwo\nthree\nSigned-off-by: A <a@x>\n',
  'signed-off 25% rule fails': 'Title\n\none\ntwo\nthree\nfour\nSigned-off-by: A <a@x>\n',
  'Signed-off-by without space is no git-generated prefix': 'Title\n\nsome text\nSigned-off-by:A <a@x>\n',
  'mixed paragraph without a git trailer': 'Title\n\nModel: churn\nbecause reasons\n',
  'trailing comment lines': 'Title\n\nModel: churn\n# Please enter the commit message\n#\n',
  'comment inside the block': 'Title\n\nModel: churn\n# a comment\nModel-Bump: minor\n',
  'scissors line': 'Title\n\nModel: churn\n\n# ------------------------ >8 ------------------------\nModel: ignored\n',
  'scissors line first': '# ------------------------ >8 ------------------------\nTitle\n\nModel: x\n',
  'patch divider': 'Title\n\nModel: churn\n---\n file | 2 +-\n\nKey: after\n',
  'patch divider with text': 'Title\n\nModel: churn\n--- a/file\n',
  'dashes that are no divider': 'Title\n\nModel: churn\n----\n',
  'old Conflicts block': 'Title\n\nModel: churn\n\nConflicts:\n\tfile.txt\n\tother.txt\n',
  'token with underscore is not a trailer': 'Title\n\nModel_Bump: minor\nModel: churn\n',
  'token with a space is not a trailer': 'Title\n\nModel Bump: minor\n',
  'URL line': 'Title\n\nSee: https://example.com/x\nhttp://example.com/y\n',
  'empty value': 'Title\n\nModel-Data:\nModel: churn\n',
  'value with trailing spaces': 'Title\n\nModel: churn   \t\nModel-Bump:   minor  \n',
  'no final newline': 'Title\n\nModel: churn\nModel-Bump: minor',
  'lowercase and uppercase keys': 'Title\n\nmodel: churn\nMODEL-BUMP: Major\nmodel-metric: acc=1\n',
  'non-ASCII value': 'Titre\n\nModel-Data: données/été\nModel: churn\n',
  'non-ASCII key': 'Titre\n\nModèle: churn\nModel: churn\n',
  'block starting with an indented line': 'Title\n\n  indented\nModel: churn\n',
  'continuation after a non-trailer': 'Title\n\nSigned-off-by: A <a@x>\nnot a trailer\n  continued\nModel: m\n',
  'whitespace-only line separates paragraphs': 'Title\n\nbody\n  \t\nModel: churn\n',
  'comment before the title': '# comment\nTitle\n\nModel: churn\n',
  'empty message': '',
  'only newlines': '\n\n\n',
  'trailers after blank lines at the end': 'Title\n\nModel: churn\n\n\n\n',
  'separator first': 'Title\n\n: value\nModel: churn\n',
  'colon only key-like': 'Title\n\n-: x\n',
  'many trailers, one long line': `Title\n\n${Array.from({ length: 50 }, (_, i) => `Model-Metric: m${i}=${i / 100}`).join('\n')}\nModel: big\n`,
  'tab-indented continuation of Signed-off-by': 'Title\n\nSigned-off-by: A\n\t<a@x>\n',
  'git-generated in a paragraph with a bare colon line': 'Title\n\nfoo: bar\nSigned-off-by: A <a@x>\nx\ny\nz\nw\n',
  'leading blank lines': '\n\nTitle\n\nModel: churn\n',
  'title with trailing whitespace line': 'Title\n \nModel: churn\n',
};

describe('parseTrailers matches git interpret-trailers --parse', () => {
  it.each(Object.entries(CORPUS))('%s', (_name, message) => {
    expect(parseTrailers(message)).toEqual(gitParse(message));
    expect(parseTrailers(message, { noDivider: true })).toEqual(gitParse(message, true));
  });

  // Messages assembled from the kinds of lines that matter, in every order a seeded generator
  // produces: what the hand-written corpus misses, this finds.
  it('on 300 generated messages', () => {
    const pieces = [
      'Model: churn',
      'Model:churn',
      'model-bump: minor',
      'Model-Metric: auc=0.9',
      'Signed-off-by: Ann <ann@example.com>',
      '(cherry picked from commit 0123456789abcdef)',
      '  continued',
      '\tcontinued',
      'plain prose line',
      'Note : spaced',
      '',
      '',
      ' ',
      '# comment',
      '---',
      '--- x',
      'Conflicts:',
      '\tconflicted/file',
      'http://example.com',
      'Key_with_underscore: x',
      'Model-Data: s3://b/é',
    ];
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let compared = 0;
    for (let m = 0; m < 300; m++) {
      const eol = random(5) === 0 ? '\r\n' : '\n';
      const lines = ['Title', ''];
      const count = 1 + random(9);
      for (let i = 0; i < count; i++) lines.push(pieces[random(pieces.length)] as string);
      const message = lines.join(eol) + (random(4) === 0 ? '' : eol);
      expect(parseTrailers(message), JSON.stringify(message)).toEqual(gitParse(message));
      compared++;
    }
    expect(compared).toBe(300);
  });

  it('finds trailers in some of the corpus and none in others (the corpus can tell them apart)', () => {
    expect(parseTrailers(CORPUS['body paragraph that looks like trailers'] as string)).toEqual([]);
    expect(parseTrailers(CORPUS['Signed-off-by mixed with Model'] as string).map((t) => t.key)).toEqual([
      'Signed-off-by',
      'Model',
      'Model-Metric',
      'Signed-off-by',
    ]);
    expect(parseTrailers(CORPUS['continuation lines'] as string)[0]).toEqual({ key: 'Model-Data', value: 's3://bucket/a and s3://bucket/b and c' });
    expect(parseTrailers(CORPUS['CRLF line endings'] as string)).toEqual([
      { key: 'Model', value: 'churn' },
      { key: 'Model-Bump', value: 'major' },
    ]);
    expect(parseTrailers(CORPUS['patch divider'] as string)).toEqual([{ key: 'Model', value: 'churn' }]);
  });
});

describe('options match git config', () => {
  const run = (config: string[], message: string) =>
    execFileSync('git', [...config, 'interpret-trailers', '--parse'], { cwd: home, env: gitEnv, input: message, encoding: 'utf8' });
  const render = (trailers: Trailer[], sep: string) => trailers.map((t) => `${t.key}${sep} ${t.value}\n`).join('');

  it.each([
    'Title\n\nModel= churn\nModel-Bump: minor\n',
    'Title\n\nKey% value\n; a comment\nOther: x\n',
    'Title\n\nModel: churn\n; comment\n;\n',
  ])('trailer.separators and core.commentChar: %j', (message) => {
    // git prints each trailer with the first separator of the list.
    expect(render(parseTrailers(message, { separators: '=:%' }), '=')).toBe(run(['-c', 'trailer.separators==:%'], message));
    expect(render(parseTrailers(message, { commentChar: ';' }), ':')).toBe(run(['-c', 'core.commentChar=;'], message));
  });
});

describe('trailerBlock', () => {
  it('gives the offsets of the block and its joined lines', () => {
    const message = 'Title\n\nBody\n\nModel: a\n  b\nModel-Bump: minor\n# comment\n';
    const block = trailerBlock(message);
    expect(message.slice(block.start, block.end)).toBe('Model: a\n  b\nModel-Bump: minor\n');
    expect(block.lines).toEqual(['Model: a\n  b\n', 'Model-Bump: minor\n']);
  });

  it('is empty (start = end) without trailers', () => {
    const block = trailerBlock('Title\n\nBody\n');
    expect(block.start).toBe(block.end);
    expect(block.lines).toEqual([]);
  });
});

describe('commitSubject', () => {
  it('joins the first paragraph like git %s', () => {
    expect(commitSubject('Add features\n\nBody\n')).toBe('Add features');
    expect(commitSubject('\nTwo\nlines\n\nBody')).toBe('Two lines');
    expect(commitSubject('Title\r\n\r\nBody')).toBe('Title');
    expect(commitSubject('')).toBe('');
  });
});
