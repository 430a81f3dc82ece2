import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parsePrePushInput, preCommitFrameworkRefs, readAll } from './pre-push-input.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const Z = '0'.repeat(40);

describe('parsePrePushInput', () => {
  it('reads new, updated and deleted refs; all-zero ids are none', () => {
    const text = [
      `refs/tags/dir=m@v1.0.0 ${A} refs/tags/dir=m@v1.0.0 ${Z}`,
      `refs/tags/m#prod ${B} refs/tags/m#prod ${A}`,
      `(delete) ${Z} refs/tags/m@v0.1.0 ${A}`,
      `refs/heads/main ${A} refs/heads/main ${B}`,
      '',
    ].join('\n');
    expect(parsePrePushInput(text)).toEqual([
      { localRef: 'refs/tags/dir=m@v1.0.0', newId: A, ref: 'refs/tags/dir=m@v1.0.0', oldId: null },
      { localRef: 'refs/tags/m#prod', newId: B, ref: 'refs/tags/m#prod', oldId: A },
      { localRef: '(delete)', newId: null, ref: 'refs/tags/m@v0.1.0', oldId: A },
      { localRef: 'refs/heads/main', newId: A, ref: 'refs/heads/main', oldId: B },
    ]);
  });
  it('skips empty input and lines that are not ref updates; takes SHA-256 ids', () => {
    expect(parsePrePushInput('')).toEqual([]);
    expect(parsePrePushInput('garbage\nrefs/tags/x y refs/tags/x z\n')).toEqual([]);
    const long = 'c'.repeat(64);
    expect(parsePrePushInput(`refs/tags/x ${long} refs/tags/x ${'0'.repeat(64)}\r\n`)).toEqual([{ localRef: 'refs/tags/x', newId: long, ref: 'refs/tags/x', oldId: null }]);
  });
  it('readAll reads a stream, and nothing from no stream', async () => {
    expect(await readAll(undefined)).toBe('');
    expect(await readAll(Readable.from([Buffer.from('ab'), 'c']))).toBe('abc');
  });
});

describe('preCommitFrameworkRefs', () => {
  it('takes the one ref the pre-commit framework passes in its variables, as new on the remote', () => {
    const env = { PRE_COMMIT_LOCAL_BRANCH: 'refs/tags/m@1.0.0', PRE_COMMIT_TO_REF: A, PRE_COMMIT_REMOTE_BRANCH: 'refs/tags/m@1.0.0', PRE_COMMIT_FROM_REF: B };
    expect(preCommitFrameworkRefs(env)).toEqual([{ localRef: 'refs/tags/m@1.0.0', newId: A, ref: 'refs/tags/m@1.0.0', oldId: null }]);
  });

  it('gives nothing outside the framework or for what is not an object id', () => {
    expect(preCommitFrameworkRefs({})).toEqual([]);
    expect(preCommitFrameworkRefs({ PRE_COMMIT_LOCAL_BRANCH: 'refs/heads/x', PRE_COMMIT_TO_REF: 'HEAD', PRE_COMMIT_REMOTE_BRANCH: 'refs/heads/x' })).toEqual([]);
    expect(preCommitFrameworkRefs({ PRE_COMMIT_LOCAL_BRANCH: 'refs/heads/x', PRE_COMMIT_TO_REF: Z, PRE_COMMIT_REMOTE_BRANCH: 'refs/heads/x' })).toEqual([]);
  });
});

describe('readAll from a terminal', () => {
  it('does not wait for input someone running the hook by hand would never end', async () => {
    const terminal = Object.assign(new Readable({ read() {} }), { isTTY: true });
    await expect(readAll(terminal)).resolves.toBe('');
  });
});
