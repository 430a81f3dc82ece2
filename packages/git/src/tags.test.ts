import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitError } from './exec.js';
import { readLog } from './log.js';
import { checkRefFormat, createAnnotatedTag, deleteTags, pushTags, readTags, streamTagRecords, tagRefs } from './tags.js';
import { cleanupTemp, git, isolatedEnv, makeRepo, tempDir, TAGGER_DATE } from './test-support/repo.js';

afterAll(cleanupTemp);

const TOM = { name: 'Tom Tagger', email: 'tom@example.com', time: 1704075360, tz: '+0300' };

describe('readTags', () => {
  let repo: ReturnType<typeof makeRepo>;
  let head: string;
  let first: string;
  beforeAll(() => {
    repo = makeRepo(2);
    head = git(repo, 'rev-parse', 'HEAD');
    first = git(repo, 'rev-parse', 'HEAD~1');
    git(repo, 'tag', '-a', '-m', 'Registering artifact model version v1.0.0', 'model@v1.0.0', first);
    git(repo, 'tag', '-a', '-m', 'Promote v0.1.0 to prod', 'model#prod#1', head);
    git(repo, 'tag', '-a', '-m', 'subject line\n\nbody line 1\nbody line 2', 'dir/sub=other@v2.0.0!#3', head);
    git(repo, 'tag', 'light', first);
    git(repo, 'tag', '-a', '-m', 'nested', 'on-tag', 'model@v1.0.0');
    git(repo, 'tag', '-a', '-m', 'tree', 'on-tree', 'HEAD^{tree}');
    git({ ...repo, env: { ...repo.env, GIT_COMMITTER_DATE: '1704075360 -0530' } }, 'tag', '-a', '-m', 'west', 'west#dev');
  });

  it('reads annotated and lightweight tags with one call', async () => {
    const tags = await readTags(repo);
    const byName = new Map(tags.map((t) => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual(
      ['dir/sub=other@v2.0.0!#3', 'light', 'model#prod#1', 'model@v1.0.0', 'on-tag', 'on-tree', 'west#dev'].sort(),
    );
    const v1 = byName.get('model@v1.0.0');
    expect(v1).toMatchObject({
      annotated: true,
      commit: first,
      tagger: TOM,
      message: 'Registering artifact model version v1.0.0',
    });
    expect(v1?.object).toBe(git(repo, 'rev-parse', 'refs/tags/model@v1.0.0'));
    expect(v1?.commitInfo).toBeUndefined();
    expect(byName.get('model#prod#1')).toMatchObject({ commit: head, message: 'Promote v0.1.0 to prod' });
    expect(byName.get('light')).toEqual({ name: 'light', annotated: false, object: first, commit: first, tagger: null, message: '' });
  });

  it('keeps multi-line messages, special names and time zones', async () => {
    const tags = await readTags(repo);
    const multi = tags.find((t) => t.name === 'dir/sub=other@v2.0.0!#3');
    expect(multi?.message).toBe('subject line\n\nbody line 1\nbody line 2');
    expect(tags.find((t) => t.name === 'west#dev')?.tagger).toEqual({ ...TOM, tz: '-0530' });
  });

  it('gives commit null for tags on a tag or a tree', async () => {
    const tags = await readTags(repo);
    expect(tags.find((t) => t.name === 'on-tag')).toMatchObject({ annotated: true, commit: null, message: 'nested' });
    expect(tags.find((t) => t.name === 'on-tree')).toMatchObject({ annotated: true, commit: null });
  });

  it('filters by patterns', async () => {
    const tags = await readTags(repo, { patterns: ['refs/tags/model@*', 'refs/tags/model#*'] });
    expect(tags.map((t) => t.name).sort()).toEqual(['model#prod#1', 'model@v1.0.0']);
    const nested = await readTags(repo, { patterns: ['dir/*'] });
    expect(nested.map((t) => t.name)).toEqual(['dir/sub=other@v2.0.0!#3']);
    expect(await readTags(repo, { patterns: ['refs/tags/nothing*'] })).toEqual([]);
  });

  it('adds commit info on request, for annotated and lightweight tags', async () => {
    const tags = await readTags(repo, { withCommitInfo: true });
    const info = {
      author: 'Ann Author',
      authorEmail: 'ann@example.com',
      authorTime: 1704070000,
      authorTz: '-0500',
      committer: 'Tom Tagger',
      committerEmail: 'tom@example.com',
    };
    expect(tags.find((t) => t.name === 'model@v1.0.0')?.commitInfo).toEqual({ ...info, message: 'commit 1\n' });
    expect(tags.find((t) => t.name === 'light')?.commitInfo).toEqual({ ...info, message: 'commit 1\n' });
    expect(tags.find((t) => t.name === 'model#prod#1')?.commitInfo).toEqual({ ...info, message: 'commit 2\n' });
    expect(tags.find((t) => t.name === 'on-tree')?.commitInfo).toBeUndefined();
    expect(tags.find((t) => t.name === 'model@v1.0.0')?.message).toBe('Registering artifact model version v1.0.0');
  });

  it('streams the same records, one at a time, in both details', async () => {
    for (const opts of [{ detail: 'light' as const }, { withCommitInfo: true }]) {
      const streamed: unknown[] = [];
      await streamTagRecords(repo, opts, () => (r) => streamed.push(r));
      expect(streamed).toEqual(await readTags(repo, opts));
    }
  });

  it("reads only names, targets and tagger times with detail 'light'", async () => {
    const full = await readTags(repo);
    const light = await readTags(repo, { detail: 'light' });
    // Light records skip object ids and types: a lightweight tag's commit is unknown there.
    expect(light).toEqual(
      full.map((t) => ({
        ...t,
        object: '',
        commit: t.annotated ? t.commit : null,
        message: '',
        tagger: t.tagger && { ...t.tagger, name: '', email: '' },
      })),
    );
    const withInfo = await readTags(repo, { detail: 'light', withCommitInfo: true, patterns: ['refs/tags/model#prod#1'] });
    expect(withInfo[0]?.commitInfo?.message).toBe('commit 2\n');
  });

  it('reads the signature of a signed tag apart from its message', async () => {
    const sig = '-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEE\n-----END PGP SIGNATURE-----\n';
    const body = `object ${head}\ntype commit\ntag signed\ntagger Tom Tagger <tom@example.com> 1704075360 +0300\n\nSigned promotion\n${sig}`;
    const oid = execFileSync('git', ['hash-object', '-t', 'tag', '-w', '--stdin'], { cwd: repo.cwd, env: repo.env, input: body })
      .toString()
      .trim();
    git(repo, 'update-ref', 'refs/tags/signed', oid);
    const [tag] = await readTags(repo, { patterns: ['refs/tags/signed'] });
    expect(tag).toMatchObject({ name: 'signed', commit: head, tagger: TOM, message: 'Signed promotion', signature: sig });
    git(repo, 'tag', '-d', 'signed');
  });

  it('returns nothing for a repository without tags and fails outside a repository', async () => {
    expect(await readTags(makeRepo(1))).toEqual([]);
    const dir = tempDir();
    await expect(readTags({ cwd: dir, env: isolatedEnv(dir) })).rejects.toBeInstanceOf(GitError);
  });
});

describe('tags of missing objects', () => {
  const ABSENT = '1234567890123456789012345678901234567890';
  let repo: ReturnType<typeof makeRepo>;
  beforeAll(() => {
    repo = makeRepo(2);
    for (const name of ['a@v1.0.0', 'c@v1.0.0', 'e@v1.0.0']) git(repo, 'tag', '-a', '-m', name, name);
    // git refuses to write these (update-ref checks the object): a damaged clone has them anyway.
    writeFileSync(join(repo.cwd, '.git', 'refs', 'tags', 'b@v1.0.0'), `${ABSENT}\n`);
    const body = `object ${ABSENT}\ntype commit\ntag d@v1.0.0\ntagger Tom Tagger <tom@example.com> 1704075360 +0300\n\ngone\n`;
    const tagOfAbsent = execFileSync('git', ['hash-object', '-t', 'tag', '-w', '--stdin', '--literally'], { cwd: repo.cwd, env: repo.env, input: body }).toString().trim();
    writeFileSync(join(repo.cwd, '.git', 'refs', 'tags', 'd@v1.0.0'), `${tagOfAbsent}\n`);
  });

  it('tagRefs names the refs that lead to a missing object, reading no object', async () => {
    expect((await tagRefs(repo)).map((r) => `${r.name}${r.missing ? ' missing' : ''}`)).toEqual(['a@v1.0.0', 'b@v1.0.0 missing', 'c@v1.0.0', 'd@v1.0.0 missing', 'e@v1.0.0']);
  });

  it('reads every other tag, in name order, and marks the missing ones (read whole, streamed, by pattern)', async () => {
    const expected = [
      ['a@v1.0.0', false],
      ['b@v1.0.0', true],
      ['c@v1.0.0', false],
      ['d@v1.0.0', true],
      ['e@v1.0.0', false],
    ];
    const summary = (records: { name: string; missing?: true; annotated: boolean }[]) => records.map((r) => [r.name, r.missing === true]);
    expect(summary(await readTags(repo))).toEqual(expected);
    for (const opts of [{}, { detail: 'light' as const }, { withCommitInfo: true }]) {
      const streamed: { name: string; missing?: true; annotated: boolean }[] = [];
      await streamTagRecords(repo, opts, () => (r) => streamed.push(r));
      expect(summary(streamed)).toEqual(expected);
    }
    expect(summary(await readTags(repo, { patterns: ['c@*', 'd@*', 'e@*'] }))).toEqual(expected.slice(2));
    const [missing] = await readTags(repo, { patterns: ['b@*'] });
    expect(missing).toEqual({ name: 'b@v1.0.0', annotated: false, object: ABSENT, commit: null, tagger: null, message: '', missing: true });
  });

  it('git log over every tag leaves out the missing ones instead of failing', async () => {
    const commits = await readLog(repo, { tags: true, head: true });
    expect(commits.map((c) => c.sha)).toEqual([git(repo, 'rev-parse', 'HEAD'), git(repo, 'rev-parse', 'HEAD~1')]);
  });
});

describe('createAnnotatedTag', () => {
  it('honours GIT_COMMITTER_NAME/EMAIL/DATE and keeps the message', async () => {
    const repo = makeRepo(1);
    const head = git(repo, 'rev-parse', 'HEAD');
    const ctx = {
      cwd: repo.cwd,
      env: { ...repo.env, GIT_COMMITTER_NAME: 'Pat Promoter', GIT_COMMITTER_EMAIL: 'pat@example.com', GIT_COMMITTER_DATE: '1700000000 +0100' },
    };
    const message = 'Assigning stage prod to artifact m version v1.0.0\n\n# not a comment\nsecond line';
    await createAnnotatedTag(ctx, { name: 'm#prod#1', commit: head, message });
    const [tag] = await readTags(ctx);
    expect(tag).toMatchObject({
      name: 'm#prod#1',
      annotated: true,
      commit: head,
      tagger: { name: 'Pat Promoter', email: 'pat@example.com', time: 1700000000, tz: '+0100' },
      message,
    });
  });

  it('takes names and revisions literally and refuses an existing tag', async () => {
    const repo = makeRepo(1);
    await createAnnotatedTag(repo, { name: 'dir/sub=m@v1.0.0', commit: 'HEAD', message: 'one' });
    const err = await createAnnotatedTag(repo, { name: 'dir/sub=m@v1.0.0', commit: 'HEAD', message: 'two' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).message).toMatch(/already exists/);
    await expect(createAnnotatedTag(repo, { name: '-f', commit: 'HEAD', message: 'x' })).rejects.toThrow(/'-f' is not a valid tag name/);
    await expect(createAnnotatedTag(repo, { name: 'ok', commit: '--help', message: 'x' })).rejects.toBeInstanceOf(GitError);
    const tags = await readTags(repo);
    expect(tags.map((t) => [t.name, t.message, t.tagger?.time])).toEqual([['dir/sub=m@v1.0.0', 'one', 1704075360]]);
    expect(TAGGER_DATE).toBe('1704075360 +0300');
  });
});

describe('deleteTags', () => {
  it('deletes several tags with one call and fails on a missing one', async () => {
    const repo = makeRepo(1);
    for (const n of ['a@v1.0.0', 'a#prod#1', 'b@v1.0.0']) git(repo, 'tag', '-a', '-m', n, n);
    await deleteTags(repo, ['a@v1.0.0', 'a#prod#1']);
    expect((await readTags(repo)).map((t) => t.name)).toEqual(['b@v1.0.0']);
    await deleteTags(repo, []);
    await expect(deleteTags(repo, ['missing'])).rejects.toBeInstanceOf(GitError);
  });
});

describe('pushTags', () => {
  function setup() {
    const repo = makeRepo(1);
    const remote = tempDir('modelreg-remote-');
    git({ cwd: remote, env: repo.env }, 'init', '-q', '--bare');
    git(repo, 'remote', 'add', 'origin', remote);
    return { repo, remoteCtx: { cwd: remote, env: repo.env } };
  }

  it('pushes several tags atomically and deletes them remotely', async () => {
    const { repo, remoteCtx } = setup();
    const names = ['m@v1.0.0', 'm#prod!#2', 'dir/sub=m@v1.0.0#3'];
    for (const n of names) git(repo, 'tag', '-a', '-m', n, n);
    await pushTags(repo, 'origin', names);
    expect((await readTags(remoteCtx)).map((t) => t.name).sort()).toEqual([...names].sort());
    await pushTags(repo, 'origin', ['m@v1.0.0'], { delete: true });
    expect((await readTags(remoteCtx)).map((t) => t.name).sort()).toEqual(['dir/sub=m@v1.0.0#3', 'm#prod!#2']);
    await pushTags(repo, 'origin', ['m#prod!#2', 'dir/sub=m@v1.0.0#3'], { delete: true });
    expect(await readTags(remoteCtx)).toEqual([]);
  });

  it('leaves the remote unchanged when one of several tags is rejected', async () => {
    const { repo, remoteCtx } = setup();
    git(repo, 'tag', '-a', '-m', 'first', 'm@v1.0.0');
    await pushTags(repo, 'origin', ['m@v1.0.0']);
    git(repo, 'tag', '-d', 'm@v1.0.0');
    git(repo, 'tag', '-a', '-m', 'moved', 'm@v1.0.0');
    git(repo, 'tag', '-a', '-m', 'new', 'm#prod#1');
    const err = await pushTags(repo, 'origin', ['m#prod#1', 'm@v1.0.0']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).message).not.toContain('\n');
    expect((await readTags(remoteCtx)).map((t) => [t.name, t.message])).toEqual([['m@v1.0.0', 'first']]);
  });

  it('pushes to a path given as the remote and treats a dash-led remote as a name', async () => {
    const { repo, remoteCtx } = setup();
    git(repo, 'tag', '-a', '-m', 'x', 'x@v1.0.0');
    await pushTags(repo, remoteCtx.cwd, ['x@v1.0.0']);
    expect((await readTags(remoteCtx)).map((t) => t.name)).toEqual(['x@v1.0.0']);
    await expect(pushTags(repo, '--mirror', ['x@v1.0.0'])).rejects.toThrow(/'--mirror'/);
  });
});

describe('checkRefFormat', () => {
  it.each([
    ['model#dev#1', true],
    ['dir/sub=m@v1.2.3-rc.1+build.5', true],
    ['m@v1.0.0!#2', true],
    ['a//b', false],
    ['../x=m@v1.0.0', false],
    ['a b', false],
    ['x.lock', false],
    ['m@{1}', false],
    ['', false],
    ['a\0b', false],
  ])('%j → %s', async (name, ok) => {
    expect(await checkRefFormat(name)).toBe(ok);
  });
});
