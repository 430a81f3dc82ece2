import { afterAll, describe, expect, it } from 'vitest';
import { remoteTagsAmong } from './tags.js';
import { objectTypes, parseVerifyTagOutput, verifyTag } from './verify.js';
import { cleanupTemp, git, makeRepo } from './test-support/repo.js';

afterAll(cleanupTemp);

describe('parseVerifyTagOutput', () => {
  it('reads a good OpenPGP signature: key id, e-mail, fingerprints', () => {
    const out = [
      '[GNUPG:] NEWSIG',
      '[GNUPG:] GOODSIG 3AA5C34371567BD2 Lead <lead@example.com>',
      '[GNUPG:] VALIDSIG 0123456789ABCDEF01233AA5C34371567BD2AAAA 2024-01-01 1704067200 0 4 0 22 10 00 0123456789ABCDEF01233AA5C34371567BD2AAAA',
      '[GNUPG:] TRUST_ULTIMATE 0 pgp',
    ].join('\n');
    expect(parseVerifyTagOutput(out, 0)).toEqual({
      valid: true,
      signer: ['3AA5C34371567BD2', 'lead@example.com', '0123456789ABCDEF01233AA5C34371567BD2AAAA'],
    });
  });
  it('reads bad and unverifiable signatures', () => {
    expect(parseVerifyTagOutput('[GNUPG:] BADSIG 3AA5C34371567BD2 Lead <lead@example.com>\n', 1)).toMatchObject({ valid: false, problem: 'BADSIG 3AA5C34371567BD2 Lead <lead@example.com>' });
    expect(parseVerifyTagOutput('[GNUPG:] ERRSIG 3AA5C34371567BD2 1 10 00 1704067200 9 -\n[GNUPG:] NO_PUBKEY 3AA5C34371567BD2\n', 1).problem).toMatch(/^ERRSIG/);
    expect(parseVerifyTagOutput('error: no signature found\n', 1)).toEqual({ valid: false, problem: 'error: no signature found', signer: [] });
  });
  it('reads a good SSH signature', () => {
    const out = 'Good "git" signature for lead@example.com with ED25519 key SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8\n';
    expect(parseVerifyTagOutput(out, 0)).toEqual({ valid: true, signer: ['lead@example.com', 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8'] });
  });
});

describe('verifyTag and objectTypes', () => {
  it('says an unsigned tag does not verify, and tells commits from tag objects', async () => {
    const repo = makeRepo(1);
    git(repo, 'tag', '-a', '-m', 'x', 'm#prod');
    const tagObject = git(repo, 'rev-parse', 'refs/tags/m#prod');
    const r = await verifyTag(repo, tagObject);
    expect(r).toEqual({ valid: false, problem: 'error: no signature found', signer: [] });
    const head = git(repo, 'rev-parse', 'HEAD');
    const types = await objectTypes(repo, [head, tagObject, '0'.repeat(40), '--not-an-id']);
    expect(types).toEqual(new Map([[head, 'commit'], [tagObject, 'tag']]));
  });
});

describe('remoteTagsAmong', () => {
  it('tells which tags a remote has, by pattern and in bulk', async () => {
    const remote = makeRepo(1);
    git(remote, 'tag', '-a', '-m', 'x', 'm#staging#1');
    git(remote, 'tag', '-a', '-m', 'x', 'dir=m@v1.0.0');
    const local = makeRepo(1);
    expect(await remoteTagsAmong(local, remote.cwd, ['m#staging#1', 'm#staging#2', 'dir=m@v1.0.0'])).toEqual(new Set(['m#staging#1', 'dir=m@v1.0.0']));
    const many = Array.from({ length: 300 }, (_, i) => `x${i}`).concat('m#staging#1');
    expect(await remoteTagsAmong(local, remote.cwd, many)).toEqual(new Set(['m#staging#1']));
    expect(await remoteTagsAmong(local, remote.cwd, [])).toEqual(new Set());
  });
});
