import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { changedTagNames, parsePackedTags, readTagRefFiles, type TagRefList } from './ref-store.js';
import { cleanupTemp, commitFile, git, makeRepo } from './test-support/repo.js';

afterAll(cleanupTemp);

describe('changedTagNames', () => {
  it('names exactly the tags whose refs git reads differently, through loose refs, packing and repacking', async () => {
    const repo = makeRepo(1);
    const commits = [git(repo, 'rev-parse', 'HEAD'), commitFile(repo, 'b.txt', 'b\n', 'second'), commitFile(repo, 'c.txt', 'c\n', 'third')];
    const commonDir = join(repo.cwd, '.git');
    /** Every tag ref as git reads it, and the listing of the ref files. */
    const state = async () => {
      const refs = new Map(git(repo, 'for-each-ref', '--format=%(refname:strip=2) %(objectname)', 'refs/tags').split('\n').filter(Boolean).map((l) => l.split(' ') as [string, string]));
      const files = await readTagRefFiles(commonDir);
      if (!files) throw new Error('ref files not read');
      return { refs, listing: files.listing() };
    };
    // A fixed walk of changes: tags added loose, moved, deleted, packed, moved over a packed ref,
    // branches packed among them (ordering), many tags so that unchanged stretches span blocks.
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const name = () => `m${String(next(40)).padStart(2, '0')}${next(2) ? `@v1.${next(5)}.0` : `#prod#${next(9)}`}`;
    for (let i = 0; i < 300; i++) git(repo, 'tag', `bulk-${String(i).padStart(4, '0')}-with-a-long-name-to-fill-blocks`, commits[i % 3] as string);
    git(repo, 'pack-refs', '--all');
    for (let step = 0; step < 80; step++) {
      const before = await state();
      const op = next(7);
      const existing = [...before.refs.keys()].filter((n) => !n.startsWith('bulk-'));
      if (op === 0 || existing.length === 0) git(repo, 'tag', '-f', name(), commits[next(3)] as string);
      else if (op === 1) git(repo, 'tag', '-f', existing[next(existing.length)] as string, commits[next(3)] as string);
      else if (op === 2) git(repo, 'tag', '-d', existing[next(existing.length)] as string);
      else if (op === 3) git(repo, 'pack-refs', '--all');
      else if (op === 4) git(repo, 'tag', '-a', '-f', '-m', 'annotated', name(), commits[next(3)] as string);
      else if (op === 5) git(repo, 'branch', '-f', `b${next(5)}`, commits[next(3)] as string);
      else git(repo, 'tag', '-d', `bulk-${String(next(300)).padStart(4, '0')}-with-a-long-name-to-fill-blocks`);
      const after = await state();
      const differ = [...new Set([...before.refs.keys(), ...after.refs.keys()])].filter((n) => before.refs.get(n) !== after.refs.get(n));
      const named = changedTagNames(before.listing, after.listing);
      expect({ step, op, named: named && [...named].sort() }).toEqual({ step, op, named: differ.sort() });
      expect(changedTagNames(after.listing, after.listing)).toEqual([]);
    }
  });

  it('gives up on a packed-refs file that does not say it is sorted; names a loose ref over an equal packed one', () => {
    const unsorted = Buffer.from(`# pack-refs with: peeled\n${'1'.repeat(40)} refs/tags/b\n${'2'.repeat(40)} refs/tags/a\n`);
    const sorted = Buffer.from(`# pack-refs with: peeled fully-peeled sorted \n${'2'.repeat(40)} refs/tags/a\n`);
    expect(changedTagNames(unsorted, sorted)).toBeNull();
    expect(changedTagNames(sorted, Buffer.alloc(0))).toEqual(['a']);
    expect(changedTagNames(Buffer.alloc(0), Buffer.from(`\0${'3'.repeat(40)} c`))).toEqual(['c']);
    // A loose ref over a packed one of the same object is named: the packed value is not looked up.
    expect(changedTagNames(sorted, Buffer.concat([sorted, Buffer.from(`\0${'2'.repeat(40)} a`)]))).toEqual(['a']);
  });
});

describe('TagRefList', () => {
  const lines = (refs: TagRefList | null | undefined) => refs && Array.from({ length: refs.length }, (_, i) => `${refs.object(i)} ${refs.name(i)}`);
  const oid = (c: string) => c.repeat(40);

  it('reads packed-refs in name order, sorted or not, and slices and filters without copying names', () => {
    const packed = `# pack-refs with: peeled\n${oid('1')} refs/tags/b@v1.0.0\n^${oid('9')}\n${oid('2')} refs/heads/main\n${oid('3')} refs/tags/a#prod#1\n${oid('4')} refs/tags/c\n`;
    const refs = parsePackedTags(packed);
    expect(lines(refs)).toEqual([`${oid('3')} a#prod#1`, `${oid('1')} b@v1.0.0`, `${oid('4')} c`]);
    expect(lines(refs?.slice(1))).toEqual([`${oid('1')} b@v1.0.0`, `${oid('4')} c`]);
    expect(lines(refs?.slice(0, 1))).toEqual([`${oid('3')} a#prod#1`]);
    expect(lines(refs?.filter((name) => name !== 'b@v1.0.0'))).toEqual([`${oid('3')} a#prod#1`, `${oid('4')} c`]);
    expect(parsePackedTags('')?.length).toBe(0);
    expect(parsePackedTags(`${oid('1')}refs/tags/x\n`)).toBeNull();
  });

  it('merges loose refs over packed ones, before, between and after them, as git lists them', async () => {
    const repo = makeRepo(1);
    const head = git(repo, 'rev-parse', 'HEAD');
    const other = commitFile(repo, 'b.txt', 'b\n', 'second');
    for (const name of ['b', 'd', 'f']) git(repo, 'tag', name, head);
    git(repo, 'pack-refs', '--all');
    for (const name of ['a', 'c', 'd', 'g', 'h/x']) git(repo, 'tag', '-f', name, other);
    const refs = (await readTagRefFiles(join(repo.cwd, '.git')))?.refs();
    const listed = git(repo, 'for-each-ref', '--format=%(objectname) %(refname:strip=2)', 'refs/tags').split('\n');
    expect(lines(refs)).toEqual(listed);
    expect(lines(refs?.filter((name) => name.length === 1))).toEqual(listed.filter((l) => l.length === 42));
  });
});
