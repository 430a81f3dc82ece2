import { describe, expect, it } from 'vitest';
import { iterateTagRecords, parseTagRecords, signatureStart, tagFieldCount, tagFormat, tagRecordStream, type TagRecord } from './parse-refs.js';

const C1 = 'c'.repeat(40);
const T1 = 't'.repeat(40);
const T2 = 'u'.repeat(40);

/** One record as for-each-ref prints it: NUL-terminated fields (the first the full ref name), then "\n". */
function record([name, ...fields]: string[]): string {
  return [`refs/tags/${name}`, ...fields].map((f) => `${f}\0`).join('') + '\n';
}
const annotated = (name: string, message: string, extra: string[] = []) =>
  record([name, 'tag', T1, 'commit', C1, name, 'Tom Tagger', 'tom@example.com', '1704075360 +0300', message, ...extra]);
const lightweight = (name: string, extra: string[] = []) => record([name, 'commit', C1, '', '', '', '', '', '', '', ...extra]);

describe('tagFormat', () => {
  it('has one NUL-terminated field per parsed field, in both details', () => {
    for (const w of [false, true]) {
      for (const d of ['full', 'light'] as const) expect(tagFormat(w, d).split('%00').length - 1).toBe(tagFieldCount(w));
    }
  });
});

describe('signatureStart', () => {
  const sig = '-----BEGIN PGP SIGNATURE-----\n\niQEz\n-----END PGP SIGNATURE-----\n';
  it('finds the last line that starts a signature', () => {
    expect(signatureStart('msg\n')).toBe(4);
    expect(signatureStart(`msg\n${sig}`)).toBe(4);
    expect(signatureStart(`a\n-----BEGIN SSH SIGNATURE-----\nx\n${sig}`)).toBe(`a\n-----BEGIN SSH SIGNATURE-----\nx\n`.length);
    expect(signatureStart(sig)).toBe(0);
  });
  it('ignores markers that do not start a line or are not signatures', () => {
    for (const s of ['see -----BEGIN PGP SIGNATURE-----\n', '-----BEGIN CERTIFICATE-----\n', 'x\n-----BEGIN PGP\n']) {
      expect(signatureStart(s)).toBe(s.length);
    }
  });
});

describe('parseTagRecords', () => {
  it('parses nothing from empty output', () => {
    expect(parseTagRecords('', false)).toEqual([]);
    expect(parseTagRecords('', true)).toEqual([]);
  });

  it('parses annotated and lightweight tags', () => {
    const out = annotated('model@v1.0.0', 'Registering artifact model version v1.0.0\n') + lightweight('light');
    expect(parseTagRecords(out, false)).toEqual([
      {
        name: 'model@v1.0.0',
        annotated: true,
        object: T1,
        commit: C1,
        ownName: 'model@v1.0.0',
        tagger: { name: 'Tom Tagger', email: 'tom@example.com', time: 1704075360, tz: '+0300' },
        message: 'Registering artifact model version v1.0.0',
      },
      { name: 'light', annotated: false, object: C1, commit: C1, tagger: null, message: '' },
    ]);
  });

  it('keeps multi-line messages and strips exactly one trailing newline', () => {
    const out = annotated('a', 'subject\n\nbody line\n\n') + annotated('b', 'no newline') + annotated('c', '');
    expect(parseTagRecords(out, false).map((r) => r.message)).toEqual(['subject\n\nbody line\n', 'no newline', '']);
  });

  it('separates the signature of a signed tag from its message', () => {
    const sig = '-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n';
    const [signed, plain] = parseTagRecords(annotated('s', `Promote\n\nbody\n${sig}`) + annotated('p', 'plain\n'), false);
    expect(signed?.message).toBe('Promote\n\nbody');
    expect(signed?.signature).toBe(sig);
    expect(plain).not.toHaveProperty('signature');
  });

  it('gives commit null for tags on tags, trees and blobs', () => {
    const out =
      record(['on-tag', 'tag', T2, 'tag', T1, 'on-tag', 'T', 't@x', '1 +0000', 'm\n']) +
      record(['on-tree', 'tag', T2, 'tree', C1, 'on-tree', 'T', 't@x', '1 +0000', 'm\n']) +
      record(['light-tree', 'tree', C1, '', '', '', '', '', '', '']) +
      record(['light-blob', 'blob', C1, '', '', '', '', '', '', '']);
    const recs = parseTagRecords(out, false);
    expect(recs.map((r) => [r.name, r.annotated, r.commit])).toEqual([
      ['on-tag', true, null],
      ['on-tree', true, null],
      ['light-tree', false, null],
      ['light-blob', false, null],
    ]);
  });

  it('keeps names with # ! = / @ and negative time zones', () => {
    const out = record(['dir/sub=m#prod!#3', 'tag', T1, 'commit', C1, 'dir/sub=m#prod!#3', 'T', 't@x', '1704075360 -0530', 'm\n']);
    const [r] = parseTagRecords(out, false);
    expect(r?.name).toBe('dir/sub=m#prod!#3');
    expect(r?.tagger).toEqual({ name: 'T', email: 't@x', time: 1704075360, tz: '-0530' });
  });

  it("keeps the tag object's own name, also when a ref of another name holds it", () => {
    const out = record(['m#prod#2', 'tag', T1, 'commit', C1, 'm#staging#1', 'T', 't@x', '1 +0000', 'm\n']) + lightweight('l');
    const [copy, light] = parseTagRecords(out, false);
    expect(copy).toMatchObject({ name: 'm#prod#2', ownName: 'm#staging#1' });
    expect(light).not.toHaveProperty('ownName');
  });

  it('gives tagger null for an annotated tag without a tagger line', () => {
    const [r] = parseTagRecords(record(['old', 'tag', T1, 'commit', C1, 'old', '', '', '', 'm\n']), false);
    expect(r?.annotated).toBe(true);
    expect(r?.tagger).toBeNull();
  });

  it('adds commit info only where the tag names a commit', () => {
    const info = ['Ann', 'ann@x', '1704070000 -0500', 'Tom', 'tom@x', 'commit subject\n\nModel: m\n'];
    const out = annotated('a', 'm\n', info) + lightweight('l', info) + record(['t', 'tree', C1, '', '', '', '', '', '', '', '', '', '', '', '', '']);
    const recs = parseTagRecords(out, true);
    const expected = {
      author: 'Ann',
      authorEmail: 'ann@x',
      authorTime: 1704070000,
      authorTz: '-0500',
      committer: 'Tom',
      committerEmail: 'tom@x',
      message: 'commit subject\n\nModel: m\n',
    };
    expect(recs[0]?.commitInfo).toEqual(expected);
    expect(recs[1]?.commitInfo).toEqual(expected);
    expect(recs[2]?.commitInfo).toBeUndefined();
  });

  it('rejects output that does not match the format', () => {
    expect(() => parseTagRecords(annotated('a', 'm'), true)).toThrow(/unexpected git for-each-ref output/);
    expect(() => parseTagRecords('a\0b\0', false)).toThrow(/unexpected git for-each-ref output/);
    expect(() => parseTagRecords(record(['x', 'bogus', C1, '', '', '', '', '', '', '']), false)).toThrow(/object type "bogus"/);
  });

  it('parses 100,000 records', () => {
    const one = annotated('model-0001#prod#1', 'Assigning stage prod to artifact model-0001 version v1.0.0\n');
    const recs = parseTagRecords(one.repeat(100_000), false);
    expect(recs).toHaveLength(100_000);
    expect(recs[99_999]?.name).toBe('model-0001#prod#1');
  });
});

describe('iterateTagRecords over streamed output', () => {
  it('gives the same records whatever chunk boundaries git writes with', () => {
    // Messages with newlines, even a leading one, and multi-byte names.
    const out = annotated('m@v1.0.0', '\nfirst line\n\nbody\n') + lightweight('läuft') + annotated('dir=m#prod#2', 'Assigning\n');
    const whole = parseTagRecords(out, false);
    for (let cut = 0; cut <= out.length; cut++) {
      const partial = { consumed: -1 };
      const first = [...iterateTagRecords(out.slice(0, cut), false, partial)];
      const rest = out.slice(0, cut).slice(partial.consumed) + out.slice(cut);
      expect([...first, ...iterateTagRecords(rest, false)], `cut at ${cut}`).toEqual(whole);
    }
  });

  it('without `partial`, output cut short is an error', () => {
    const out = annotated('m@v1.0.0', 'message\n');
    expect(() => [...iterateTagRecords(out.slice(0, 20), false)]).toThrow(/record 1 is cut short/);
  });
});

describe('tagRecordStream', () => {
  /** Every record the stream hands over for `out` cut into `size`-character pieces, and its work. */
  function streamed(out: string, size: number, withCommitInfo = false): { records: TagRecord[]; parsed: number } {
    const records: TagRecord[] = [];
    const stream = tagRecordStream(withCommitInfo, (r) => records.push(r));
    for (let at = 0; at < out.length; at += size) stream.push(out.slice(at, at + size));
    stream.end();
    return { records, parsed: stream.parsed };
  }

  it('gives the same records whatever the pieces', () => {
    const info = ['Ann', 'ann@x', '1704070000 -0500', 'Tom', 'tom@x', 'subject\n'];
    for (const withInfo of [false, true]) {
      const extra = withInfo ? info : [];
      const out = annotated('m@v1.0.0', '\nfirst line\n\nbody\n', extra) + lightweight('läuft', extra) + annotated('dir=m#prod#2', 'Assigning\n', extra);
      const whole = parseTagRecords(out, withInfo);
      for (let size = 1; size <= out.length; size++) expect(streamed(out, size, withInfo).records, `pieces of ${size}`).toEqual(whole);
    }
  });

  it('parses a 50 MB tag message once, not once per piece', () => {
    const message = 'x'.repeat(99).concat('\n').repeat(500_000);
    const out = annotated('m@v1.0.0', 'small\n') + annotated('m@v1.1.0', message) + annotated('m@v1.2.0', 'after\n');
    const { records, parsed } = streamed(out, 65_536);
    expect(records.map((r) => [r.name, r.message.length])).toEqual([
      ['m@v1.0.0', 5],
      ['m@v1.1.0', message.length - 1],
      ['m@v1.2.0', 5],
    ]);
    // Each character parsed at most twice (a piece's tail again with the next piece); re-parsing
    // the open record from its start on every piece would be ~380 times the input here.
    expect(parsed).toBeLessThanOrEqual(2 * out.length);
  });

  it('output cut short is an error at the end', () => {
    const stream = tagRecordStream(false, () => {});
    stream.push(annotated('m@v1.0.0', 'message\n').slice(0, 20));
    expect(() => stream.end()).toThrow(/record 1 is cut short/);
  });
});
