import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { LogParser, LogSummaryRecordParser, logSummaryAt, parseChangedPaths, parseHeadCommit, parseLog, parseTrailerLines, readChangedPaths, readHeadCommit, readLog, recordHasOnlyParent, recordId, recordParents, streamLog, streamLogRecords, type LogSummary } from './log.js';
import { cleanupTemp, commitFile, git, makeRepo } from './test-support/repo.js';
import type { GitContext, SpooledGit } from './exec.js';
import { startSummaryLog, summaryLogArgs, type ReadLogOptions } from './log-args.js';

afterAll(cleanupTemp);

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

describe('parseLog', () => {
  it('reads NUL-separated records with raw messages', () => {
    const out =
      `${A}\x00${B} ${C}\x00Ann Author\x00ann@example.com\x00001704070000 -0500\x00Merge\n\nModel: churn\r\n\x00` +
      `${B}\x00\x00Bob\x00bob@example.com\x00001704000000 +0530\x00\x00`;
    expect(parseLog(out)).toEqual([
      { sha: A, parents: [B, C], author: 'Ann Author', authorEmail: 'ann@example.com', authorTime: 1704070000, authorTz: '-0500', message: 'Merge\n\nModel: churn\r\n' },
      { sha: B, parents: [], author: 'Bob', authorEmail: 'bob@example.com', authorTime: 1704000000, authorTz: '+0530', message: '' },
    ]);
  });

  it('is empty for no output and refuses a record that does not start with a commit id', () => {
    expect(parseLog('')).toEqual([]);
    expect(() => parseLog('not-a-sha\x00\x00a\x00b\x00001 +0000\x00m\x00')).toThrow(/unexpected git log record/);
    expect(() => parseLog(`${A}\x00\x00a\x00b`)).toThrow(/truncated/);
  });
});

describe('readHeadCommit', () => {
  it("reads HEAD's id, author, committer and message; null on an unborn branch", async () => {
    const ctx = makeRepo(0);
    expect(await readHeadCommit(ctx)).toBeNull();
    const sha = commitFile(ctx, 'f', 'x\n', 'Train\n\nModel: churn');
    const head = await readHeadCommit(ctx);
    expect(head?.sha).toBe(sha);
    expect(head?.info).toMatchObject({ message: 'Train\n\nModel: churn\n', authorTz: expect.stringMatching(/^[+-]\d{4}$/) });
    expect(head?.info.author).toBe(git(ctx, 'log', '-1', '--format=%an'));
    expect(head?.info.committerEmail).toBe(git(ctx, 'log', '-1', '--format=%ce'));
  });

  it('refuses output that does not start with a commit id', () => {
    expect(() => parseHeadCommit('nope\x00a\x00b\x001 +0000\x00c\x00d\x00m\n\x00')).toThrow(/unexpected git log record/);
  });
});

describe('LogParser', () => {
  it('gives the same commits however the output is cut into pieces', () => {
    const out =
      `${A}\x00${B} ${C}\x00Ann Ärger\x00ann@example.com\x001704070000 -0500\x00Merge\n\nModel: churn\r\n\x00` +
      `${B}\x00\x00Bob\x00bob@example.com\x001704000000 +0530\x00\x00` +
      `${C}\x00${B}\x00Cé\x00c@example.com\x001704000001 +0000\x00Ünïcode ✓\n\x00`;
    const whole = parseLog(out);
    expect(whole).toHaveLength(3);
    for (let cut = 1; cut < out.length; cut++) {
      const got: unknown[] = [];
      const parser = new LogParser((c) => got.push(c));
      parser.push(out.slice(0, cut));
      parser.push(out.slice(cut));
      parser.end();
      expect(got, `cut at ${cut}`).toEqual(whole);
    }
    const byChar: unknown[] = [];
    const parser = new LogParser((c) => byChar.push(c));
    for (const ch of out) parser.push(ch);
    parser.end();
    expect(byChar).toEqual(whole);
  });

  it('reports a record cut short at the end', () => {
    const parser = new LogParser(() => {});
    parser.push(`${A}\x00\x00a\x00`);
    expect(() => parser.end()).toThrow(/truncated git log record at offset 0/);
  });
});

/** A summary's fields as a plain object (they are read from git's output when asked for). */
function fields(c: LogSummary) {
  const { sha, parents, author, authorEmail, authorTime, authorTz, subject, trailers } = c;
  return { sha, parents, author, authorEmail, authorTime, authorTz, subject, trailers };
}

describe('parseTrailerLines', () => {
  it('splits git-parsed trailers at the first ": " (values may hold more, or be empty)', () => {
    expect(parseTrailerLines('')).toEqual([]);
    expect(parseTrailerLines('Model: churn\nModel-Data: s3://b/k: v\nNote: \n')).toEqual([
      { key: 'Model', value: 'churn' },
      { key: 'Model-Data', value: 's3://b/k: v' },
      { key: 'Note', value: '' },
    ]);
    expect(() => parseTrailerLines('no separator\n')).toThrow(/unexpected git trailer line/);
  });
});

/**
 * The commits of the records a LogSummaryRecordParser hands over for `pieces` of output: made at
 * once (`ends` is reused for the next record), and made again later of the record where it lies
 * (its field ends found again), which must agree.
 */
function recordsOf(pieces: Iterable<string>) {
  const made: ReturnType<typeof fields>[] = [];
  const kept: { text: string; start: number }[] = [];
  const parser = new LogSummaryRecordParser((text, start, ends) => {
    made.push(fields(logSummaryAt(text, start, ends)));
    kept.push({ text, start });
  });
  for (const piece of pieces) parser.push(piece);
  parser.end();
  expect(kept.map(({ text, start }) => fields(logSummaryAt(text, start)))).toEqual(made);
  return made;
}

describe('LogSummaryRecordParser', () => {
  it('refuses a record that does not start with a commit id, and reports one cut short at the end', () => {
    const parse = (out: string) => recordsOf([out]);
    expect(parse('')).toEqual([]);
    expect(() => parse('not-a-sha\x00\x00a\x00b\x00001 +0000\x00s\x00\x00')).toThrow(/unexpected git log record 'not-a-sha'/);
    // An id's length is checked for every record, its digits once per piece.
    expect(() => parse(`${'g'.repeat(40)}\x00\x00a\x00b\x00001 +0000\x00s\x00\x00`)).toThrow(/unexpected git log record/);
    expect(() => parse(`${A}\x00\x00a\x00b\x00001 +0000\x00s\x00\x00${A.slice(1)}\x00\x00a\x00b\x00001 +0000\x00s\x00\x00`)).toThrow(/unexpected git log record/);
    const whole = `${A}\x00${B}\x00a\x00b\x00001 +0000\x00s\x00\x00`;
    expect(() => parse(`${whole}${B}\x00\x00a\x00b\x00001 +0000\x00s\x00`)).toThrow(`truncated git log record at offset ${whole.length}`);
  });
});

describe('parseChangedPaths', () => {
  it('maps each commit to its changed files (a merge listed without files is left out)', () => {
    const out = `\x01${A}\0\nm/x\0\x01${C}\0\x01${B}\0\na\0m/x\0`;
    expect(parseChangedPaths(out)).toEqual(
      new Map([
        [A, ['m/x']],
        [B, ['a', 'm/x']],
      ]),
    );
    expect(parseChangedPaths('')).toEqual(new Map());
  });
});

describe('readLog / readChangedPaths on a real repository', () => {
  let repo: ReturnType<typeof makeRepo>;
  let first: string;
  let side: string;
  let merge: string;
  beforeAll(() => {
    repo = makeRepo(0);
    first = commitFile(repo, 'models/churn.pkl', 'v1\n', 'Train churn\n\nModel: churn\nModel-Metric: auc=0.9');
    git(repo, 'checkout', '-q', '-b', 'side');
    side = commitFile(repo, 'other.txt', 'x\n', 'Side work');
    git(repo, 'checkout', '-q', 'main');
    commitFile(repo, 'models/churn.pkl', 'v2\n', 'Retrain');
    // Messages git would clean up are written verbatim: CRLF, trailing spaces, comments.
    execFileSync('git', ['merge', '-q', '--no-ff', '--cleanup=verbatim', '-m', 'Merge side\r\n\r\nModel: churn \r\n# kept\n', 'side'], { cwd: repo.cwd, env: repo.env });
    merge = git(repo, 'rev-parse', 'HEAD');
  });

  it('returns every commit with parents, author and the message byte for byte', async () => {
    const log = await readLog(repo, { revisions: ['HEAD'] });
    expect(log).toHaveLength(4);
    expect(log[0]).toMatchObject({ sha: merge, author: 'Ann Author', authorEmail: 'ann@example.com', authorTime: 1704070000, authorTz: '-0500' });
    expect(log[0]?.parents).toEqual([git(repo, 'rev-parse', 'HEAD^1'), side]);
    for (const c of log) {
      const raw = execFileSync('git', ['cat-file', 'commit', c.sha], { cwd: repo.cwd, env: repo.env, encoding: 'utf8' });
      expect(c.message).toBe(raw.slice(raw.indexOf('\n\n') + 2));
    }
    expect(log[0]?.message).toBe('Merge side\r\n\r\nModel: churn \r\n# kept\n');
    expect(log.find((c) => c.sha === first)?.parents).toEqual([]);
  });

  it('takes revisions with exclusions, and none at all', async () => {
    const log = await readLog(repo, { revisions: [merge, `^${first}`] });
    expect(log.map((c) => c.sha)).not.toContain(first);
    expect(log).toHaveLength(3);
    expect(await readLog(repo, { revisions: [] })).toEqual([]);
    expect(await readLog(repo, {})).toEqual([]);
  });

  it('takes HEAD and every tag, and an empty repository has no HEAD commits', async () => {
    git(repo, 'tag', 'on-side', side);
    git(repo, 'tag', '-a', '-m', 'a tree', 'on-tree', 'HEAD^{tree}');
    git(repo, 'checkout', '-q', '--detach', first);
    try {
      expect((await readLog(repo, { head: true })).map((c) => c.sha)).toEqual([first]);
      expect((await readLog(repo, { head: true, tags: true })).map((c) => c.sha).sort()).toEqual([first, side].sort());
      expect(await readLog(repo, { head: true, tags: true, revisions: [merge] })).toHaveLength(4);
    } finally {
      git(repo, 'checkout', '-q', 'main');
      git(repo, 'tag', '-d', 'on-side', 'on-tree');
    }
    const empty = makeRepo(0);
    expect(await readLog(empty, { head: true, tags: true })).toEqual([]);
    expect(await readChangedPaths(empty, { head: true, paths: ['x'] })).toEqual(new Map());
  });

  it('streams commits while git prints, and stops git when the callback throws', async () => {
    const seen: string[] = [];
    await streamLog(repo, { head: true }, (c) => seen.push(c.sha));
    expect(seen).toEqual((await readLog(repo, { head: true })).map((c) => c.sha));
    const boom = streamLog(repo, { head: true }, () => {
      throw new Error('boom');
    });
    await expect(boom).rejects.toThrow('boom');
    await expect(readLog(repo, { revisions: ['no-such-revision'] })).rejects.toThrow(/git log failed: fatal: bad revision 'no-such-revision'/);
  });

  it('reads a log started before it (startSummaryLog) when its options match, and runs its own when not', async () => {
    const records = async (opts: ReadLogOptions, started?: SpooledGit | null) => {
      const shas: string[] = [];
      await streamLogRecords(repo, opts, (text, start, ends) => shas.push(logSummaryAt(text, start, ends).sha), started);
      return shas;
    };
    const head = await records({ head: true });
    expect(head).toEqual((await readLog(repo, { head: true })).map((c) => c.sha));
    expect(await records({ head: true }, startSummaryLog(repo, { head: true }))).toEqual(head);
    // Started over other revisions: stopped, and the log of the options asked for is read.
    const other = startSummaryLog(repo, { revisions: [first] });
    expect(other?.input).toBe(`${first}\n`);
    expect(await records({ head: true }, other)).toEqual(head);
    expect(await records({ revisions: [first] }, startSummaryLog(repo, { head: true }))).toEqual([first]);
    // Never read: cancelled, and nothing waits on it.
    startSummaryLog(repo, { head: true })?.cancel();
    expect(startSummaryLog(repo, {})).toBeNull();
    // A failure of the started log is the reader's, as when it starts its own.
    await expect(records({ revisions: ['no-such-revision'] }, startSummaryLog(repo, { revisions: ['no-such-revision'] }))).rejects.toThrow(/git log failed: fatal: bad revision 'no-such-revision'/);
  });

  it('reads the id and the parents of a record where it lies, its field ends at hand or not', async () => {
    const full = await readLog(repo, { head: true });
    const records: { text: string; start: number; id: string }[] = [];
    await streamLogRecords(repo, { head: true }, (text, start, ends) => records.push({ text, start, id: recordId(text, start, ends) }));
    expect(records.map((r) => r.id)).toEqual(full.map((c) => c.sha));
    // Once handed over, a record's `ends` are the next one's: its fields are found again from its start.
    expect(records.map((r) => recordId(r.text, r.start))).toEqual(full.map((c) => c.sha));
    expect(records.map((r) => recordParents(r.text, r.start))).toEqual(full.map((c) => c.parents));
    // The parent test that spares building the list: exactly one parent, this one.
    const only = (of: string, sha: string) => {
      const r = records.find((record) => record.id === of) as { text: string; start: number };
      return recordHasOnlyParent(r.text, r.start, sha);
    };
    const retrain = git(repo, 'rev-parse', `${merge}^1`);
    expect([only(merge, retrain), only(merge, side), only(first, retrain)]).toEqual([false, false, false]);
    expect([only(retrain, first), only(side, first), only(retrain, side), only(retrain, first.slice(0, 39)), only(retrain, `${first} `)]).toEqual([true, true, false, false, false]);
  });

  it('ignores config that would change the output', async () => {
    const env = { ...repo.env, GIT_CONFIG_COUNT: '3', GIT_CONFIG_KEY_0: 'log.showSignature', GIT_CONFIG_VALUE_0: 'true', GIT_CONFIG_KEY_1: 'color.ui', GIT_CONFIG_VALUE_1: 'always', GIT_CONFIG_KEY_2: 'i18n.logOutputEncoding', GIT_CONFIG_VALUE_2: 'ISO-8859-1' };
    const plain = await readLog(repo, { revisions: ['HEAD'] });
    expect(await readLog({ cwd: repo.cwd, env }, { revisions: ['HEAD'] })).toEqual(plain);
  });

  it('hands over records with the subject and the trailers as git parses them', async () => {
    const summaries = async (ctx: GitContext) => {
      const got: LogSummary[] = [];
      await streamLogRecords(ctx, { head: true }, (text, start, ends) => got.push(logSummaryAt(text, start, ends)));
      return got;
    };
    const folded = commitFile(repo, 'notes.txt', 'n\n', 'Two-line\nsubject\n\nBody.\n\nModel: churn\nModel-Data: s3://a\n  continued\nRef=abc\nSigned-off-by: Ann <ann@example.com>');
    try {
      const got = await summaries(repo);
      const full = await readLog(repo, { head: true });
      expect(got.map((c) => c.sha)).toEqual(full.map((c) => c.sha));
      expect(got[0]).toMatchObject({ sha: folded, parents: [merge], author: 'Ann Author', authorEmail: 'ann@example.com', subject: 'Two-line subject' });
      expect(got[0]?.trailers).toEqual([
        { key: 'Model', value: 'churn' },
        { key: 'Model-Data', value: 's3://a continued' },
        { key: 'Signed-off-by', value: 'Ann <ann@example.com>' },
      ]);
      // CRLF and a trailing comment line: git still finds the trailer.
      expect(got.find((c) => c.sha === merge)).toMatchObject({ subject: 'Merge side', trailers: [{ key: 'Model', value: 'churn' }] });
      expect(got.find((c) => c.sha === first)?.trailers).toEqual([
        { key: 'Model', value: 'churn' },
        { key: 'Model-Metric', value: 'auc=0.9' },
      ]);
      // A user's trailer.separators does not change how the lines are split.
      const env = { ...repo.env, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'trailer.separators', GIT_CONFIG_VALUE_0: ':=' };
      expect((await summaries({ cwd: repo.cwd, env })).map(fields)).toEqual(got.map(fields));
    } finally {
      git(repo, 'reset', '-q', '--hard', 'HEAD^');
    }
  });

  it('hands over the same records however its output is cut into pieces', async () => {
    // An author and a subject beyond ASCII: a cut may fall inside them too.
    commitFile(repo, 'notes.txt', 'u\n', 'Unicode');
    git(repo, 'commit', '-q', '--amend', '--author', 'Ann Ärger <ann@example.com>', '-m', 'Ünïcode ✓\n\nModel: churn\nModel-Bump: minor');
    try {
      const out = execFileSync('git', summaryLogArgs({ args: ['HEAD'], input: '' }), { cwd: repo.cwd, env: repo.env, encoding: 'utf8' });
      const whole = recordsOf([out]);
      // Every field as git has it (a merge's two parents, a root's none, an offset of -0500).
      const full = await readLog(repo, { head: true });
      expect(whole.map(({ subject: _subject, trailers: _trailers, ...c }) => c)).toEqual(full.map(({ message: _message, ...c }) => c));
      expect(whole[0]).toMatchObject({ author: 'Ann Ärger', subject: 'Ünïcode ✓', trailers: [{ key: 'Model', value: 'churn' }, { key: 'Model-Bump', value: 'minor' }] });
      expect(whole.find((c) => c.sha === side)).toMatchObject({ subject: 'Side work', trailers: [] });
      for (let cut = 1; cut < out.length; cut++) expect(recordsOf([out.slice(0, cut), out.slice(cut)]), `cut at ${cut}`).toEqual(whole);
      expect(recordsOf(out)).toEqual(whole);
    } finally {
      git(repo, 'reset', '-q', '--hard', 'HEAD^');
    }
  });

  it('reads a log of many pieces, records cut between them', async () => {
    // More than one spool piece (64 KB) of records, with characters of two and three bytes.
    const big = makeRepo(0);
    let stream = '';
    for (let c = 1; c <= 800; c++) {
      const message = `Change ${c} — ünïcode\n\nModel: m${c % 7}\nSigned-off-by: Ann Ärger <ann@example.com>\n`;
      const who = `Ann Ärger <ann@example.com> ${1704070000 + c} +0100`;
      stream += `commit refs/heads/main\nauthor ${who}\ncommitter ${who}\ndata ${Buffer.byteLength(message)}\n${message}\n`;
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: big.cwd, env: big.env, input: stream });
    const texts = new Set<string>();
    const got: ReturnType<typeof fields>[] = [];
    await streamLogRecords(big, { head: true }, (text, start, ends) => {
      texts.add(text);
      got.push(fields(logSummaryAt(text, start, ends)));
    });
    expect(texts.size).toBeGreaterThan(1);
    const full = await readLog(big, { head: true });
    expect(got.map(({ subject: _subject, trailers: _trailers, ...c }) => c)).toEqual(full.map(({ message: _message, ...c }) => c));
    expect(got.map((c) => c.subject)).toEqual(full.map((c) => c.message.slice(0, c.message.indexOf('\n'))));
    expect(got.map((c) => c.trailers)).toEqual(full.map((_, i) => [{ key: 'Model', value: `m${(800 - i) % 7}` }, { key: 'Signed-off-by', value: 'Ann Ärger <ann@example.com>' }]));
  });

  it('lists the commits that change the given paths, with the files', async () => {
    const changed = await readChangedPaths(repo, { revisions: ['HEAD'], paths: ['models', 'no/such/path'] });
    expect([...changed.values()]).toEqual([['models/churn.pkl'], ['models/churn.pkl']]);
    expect(changed.has(first)).toBe(true);
    expect(changed.has(side)).toBe(false);
    expect(await readChangedPaths(repo, { revisions: ['HEAD'], paths: [] })).toEqual(new Map());
  });
});
