import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { listTagRefs, syncRemoteTags } from './remote-refs.js';
import { acquireLock } from './lock.js';
import { RepoNotFoundError, cacheLockPath, repoCacheDir } from './remote.js';
import { cleanupTemp, commitFile, git, makeRepo, tempDir } from './test-support/repo.js';

afterAll(cleanupTemp);

/** A bare remote that serves partial clones, with one tag; and the environment of a user of it. */
function remoteWithTag() {
  const work = makeRepo(1);
  git(work, 'tag', '-a', '-m', 'Registering artifact m version v1.0.0', 'm@v1.0.0');
  const bare = join(tempDir(), 'r.git');
  git(work, 'clone', '-q', '--bare', work.cwd, bare);
  git({ cwd: bare, env: work.env }, 'config', 'uploadpack.allowFilter', 'true');
  git(work, 'remote', 'add', 'up', bare);
  const trace = join(tempDir(), 'trace');
  const env = { ...work.env, MODELREG_CACHE_DIR: join(tempDir(), 'cache'), GIT_TRACE: trace };
  return { work, url: pathToFileURL(bare).href, env, trace };
}

const fetches = (trace: string) => (existsSync(trace) ? readFileSync(trace, 'utf8').split('\n').filter((l) => /built-in: git (--git-dir[= ]\S+ )?fetch\b/.test(l)).length : 0);

describe('syncRemoteTags', () => {
  it('clones without blobs, skips an unchanged remote, fetches tags of a changed one', async () => {
    const { work, url, env, trace } = remoteWithTag();
    const first = await syncRemoteTags(url, { env });
    expect(first.outcome).toBe('cloned');
    expect(git({ cwd: first.dir, env: work.env }, '--git-dir', first.dir, 'config', 'remote.origin.partialclonefilter')).toBe('blob:none');
    const afterClone = fetches(trace);

    expect((await syncRemoteTags(url, { env })).outcome).toBe('unchanged');
    expect(fetches(trace)).toBe(afterClone);

    // A branch alone changing is no reason to fetch.
    commitFile(work, 'dvc.yaml', 'artifacts: {}\n', 'annotate');
    git(work, 'push', '-q', 'up', 'HEAD:main', 'HEAD:other');
    expect((await syncRemoteTags(url, { env })).outcome).toBe('unchanged');

    commitFile(work, 'model.txt', 'weights 2\n', 'commit 2');
    git(work, 'tag', '-a', '-m', 'Registering artifact m version v1.1.0', 'm@v1.1.0');
    git(work, 'push', '-q', 'up', 'm@v1.1.0', 'HEAD:main', 'HEAD:other');
    expect((await syncRemoteTags(url, { env })).outcome).toBe('fetched');
    expect(fetches(trace)).toBe(afterClone + 1);
    const cache = { cwd: first.dir, env: work.env };
    expect(git(cache, '--git-dir', first.dir, 'tag', '-l')).toBe('m@v1.0.0\nm@v1.1.0');
    // Tags and the default branch (where annotation files are read), not other branches; no blobs.
    expect(git(cache, '--git-dir', first.dir, 'rev-parse', 'HEAD')).toBe(git(work, 'rev-parse', 'HEAD'));
    expect(git(cache, '--git-dir', first.dir, 'for-each-ref', '--format=%(refname)', 'refs/heads')).toBe('refs/heads/main');
    expect(git(cache, '--git-dir', first.dir, 'rev-list', '--objects', '--missing=print', 'HEAD')).toMatch(/^\?[0-9a-f]{40}$/m);

    // A tag moved upstream (same name, a new tag object) is a change too.
    git(work, 'tag', '-f', '-a', '-m', 'Registering artifact m version v1.1.0', 'm@v1.1.0', 'HEAD~1');
    git(work, 'push', '-q', '--force', 'up', 'm@v1.1.0');
    expect((await syncRemoteTags(url, { env })).outcome).toBe('fetched');
    expect(git({ cwd: first.dir, env: work.env }, '--git-dir', first.dir, 'rev-parse', 'm@v1.1.0^{}')).toBe(git(work, 'rev-parse', 'HEAD~1'));
  });

  it('fetches only the tags that changed; a tag deleted upstream is pruned', async () => {
    const { work, url, env, trace } = remoteWithTag();
    const { dir } = await syncRemoteTags(url, { env });
    const cache = { cwd: dir, env: work.env };
    git(work, 'tag', '-a', '-m', 'Registering artifact m version v1.1.0', 'm@v1.1.0');
    git(work, 'push', '-q', 'up', 'm@v1.1.0');
    expect((await syncRemoteTags(url, { env })).outcome).toBe('fetched');
    const lastFetch = () => readFileSync(trace, 'utf8').split('\n').filter((l) => /built-in: git fetch\b/.test(l)).at(-1);
    expect(lastFetch()).toMatch(/ \+refs\/tags\/m@v1\.1\.0:refs\/tags\/m@v1\.1\.0 \+refs\/heads\/main:refs\/heads\/main$/);
    expect(git(cache, '--git-dir', dir, 'tag', '-l')).toBe('m@v1.0.0\nm@v1.1.0');

    git(work, 'push', '-q', 'up', ':refs/tags/m@v1.0.0');
    expect((await syncRemoteTags(url, { env })).outcome).toBe('fetched');
    expect(lastFetch()).toMatch(/--prune-tags .*'\+refs\/tags\/\*:refs\/tags\/\*'/);
    expect(git(cache, '--git-dir', dir, 'tag', '-l')).toBe('m@v1.1.0');
  });

  it('offline: the cache as it is, and a URL never fetched is an error naming it', async () => {
    const { url, env, trace } = remoteWithTag();
    await expect(syncRemoteTags(url, { env, offline: true })).rejects.toThrow(RepoNotFoundError);
    await expect(syncRemoteTags(url, { env, offline: true })).rejects.toThrow(`${url} is not in the cache yet`);
    await syncRemoteTags(url, { env });
    const before = readFileSync(trace, 'utf8');
    expect((await syncRemoteTags(url, { env, offline: true })).outcome).toBe('offline');
    expect(readFileSync(trace, 'utf8')).toBe(before);
  });

  it("waits for the entry's lock, and replaces an entry that is not a clone of the URL", async () => {
    const { work, url, env } = remoteWithTag();
    const dir = repoCacheDir(url, env);
    mkdirSync(dir, { recursive: true }); // an empty directory where the clone should be
    const release = await acquireLock(cacheLockPath(dir), 'the cache entry');
    let finished = false;
    const syncing = syncRemoteTags(url, { env }).finally(() => (finished = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(finished).toBe(false);
    await release();
    expect((await syncing).outcome).toBe('cloned');
    expect(git({ cwd: work.cwd, env: work.env }, '--git-dir', dir, 'tag', '-l')).toBe('m@v1.0.0');
    expect(existsSync(cacheLockPath(dir))).toBe(false);
  });
});

describe('listTagRefs', () => {
  const runs = (trace: string, what: RegExp) => (existsSync(trace) ? readFileSync(trace, 'utf8').split('\n').filter((l) => what.test(l)).length : 0);
  const uploadPack = /run_command: .*git-upload-pack/;

  it("lists a local bare remote's tags as ls-remote does, without starting upload-pack", async () => {
    const { work, url, env, trace } = remoteWithTag();
    git(work, 'tag', 'light'); // a lightweight tag is listed too
    git(work, 'push', '-q', 'up', 'light');
    const listed = await listTagRefs(url, { cwd: tempDir(), env });
    expect(listed.toString()).toBe(git({ cwd: work.cwd, env: work.env }, 'ls-remote', '--tags', '--refs', url) + '\n');
    expect(runs(trace, uploadPack)).toBe(0);
  });

  it('asks ls-remote when git would serve another directory, or the file transport is not allowed', async () => {
    const { work, url, env, trace } = remoteWithTag();
    const expected = git({ cwd: work.cwd, env: work.env }, 'ls-remote', '--tags', '--refs', url) + '\n';
    const notAllowed = listTagRefs(url, { cwd: tempDir(), env: { ...env, GIT_ALLOW_PROTOCOL: 'https' } });
    await expect(notAllowed).rejects.toThrow(/ls-remote failed/);
    // A URL without `.git`, which git's local transport completes to the bare repository.
    const withoutSuffix = url.slice(0, -'.git'.length);
    expect((await listTagRefs(withoutSuffix, { cwd: tempDir(), env })).toString()).toBe(expected);
    expect(runs(trace, uploadPack)).toBe(1);
    // A working tree: its .git is what git serves.
    const tree = pathToFileURL(work.cwd).href;
    expect((await listTagRefs(tree, { cwd: tempDir(), env })).toString()).toBe(git({ cwd: work.cwd, env: work.env }, 'ls-remote', '--tags', '--refs', tree) + '\n');
    expect(runs(trace, uploadPack)).toBe(2);
  });
});
