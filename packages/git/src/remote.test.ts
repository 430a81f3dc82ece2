import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheRoot, isCloneOf, isUrlLike, openRepo, repoCacheDir, RepoNotFoundError } from './remote.js';
import { readTags } from './tags.js';
import { GitError } from './exec.js';
import { cleanupTemp, git, isolatedEnv, makeRepo, tempDir } from './test-support/repo.js';

afterAll(cleanupTemp);

describe('isUrlLike', () => {
  it.each([
    ['https://github.com/org/repo.git', true],
    ['file:///tmp/repo', true],
    ['ssh://git@host:22/org/repo', true],
    ['git@github.com:org/repo.git', true],
    ['host:path/repo', true],
    ['.', false],
    ['../repo', false],
    ['/abs/path', false],
    ['./a:b', false],
    ['dir/a:b', false],
    ['C:\\repo', false],
    ['C:/repo', false],
    [':x', false],
    ['repo', false],
  ])('%s → %s', (s, ok) => {
    expect(isUrlLike(s)).toBe(ok);
  });
});

describe('cache location', () => {
  it('prefers MODELREG_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(cacheRoot({ MODELREG_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/c');
    expect(cacheRoot({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/x/modelreg');
    expect(cacheRoot({ HOME: '/h' })).toBe('/h/.cache/modelreg');
    expect(repoCacheDir('https://e.com/r.git', { MODELREG_CACHE_DIR: '/c' })).toMatch(/^\/c\/repos\/[0-9a-f]{16}$/);
  });
});

describe('openRepo', () => {
  it('uses a working tree in place, from a relative path or a subdirectory', async () => {
    const repo = makeRepo(1);
    const top = realpathSync(repo.cwd);
    expect(await openRepo('.', repo)).toEqual({ dir: top, isRemote: false, bare: false, shallow: false, commonDir: join(top, '.git'), gitDir: join(top, '.git') });
    mkdirSync(join(repo.cwd, 'sub'));
    expect(await openRepo('..', { cwd: join(repo.cwd, 'sub'), env: repo.env })).toEqual({ dir: top, isRemote: false, bare: false, shallow: false, commonDir: join(top, '.git'), gitDir: join(top, '.git') });
    expect(await openRepo('sub', repo)).toEqual({ dir: top, isRemote: false, bare: false, shallow: false, commonDir: join(top, '.git'), gitDir: join(top, '.git') });
  });

  it('ignores a GIT_DIR inherited from a hook when opening another path', async () => {
    const repo = makeRepo(1);
    const other = makeRepo(1);
    const opened = await openRepo(other.cwd, { cwd: repo.cwd, env: { ...repo.env, GIT_DIR: join(repo.cwd, '.git') } });
    expect(opened.dir).toBe(realpathSync(other.cwd));
  });

  it('uses a bare repository in place', async () => {
    const repo = makeRepo(1);
    const bare = tempDir('modelreg-bare-');
    git({ cwd: bare, env: repo.env }, 'clone', '-q', '--bare', repo.cwd, '.');
    expect(await openRepo(bare, repo)).toEqual({ dir: realpathSync(bare), isRemote: false, bare: true, shallow: false, commonDir: realpathSync(bare), gitDir: realpathSync(bare) });
  });

  it('clones a URL once into the cache, then fetches added and deleted tags', async () => {
    const upstream = makeRepo(1);
    git(upstream, 'tag', '-a', '-m', 'one', 'm@v1.0.0');
    git(upstream, 'tag', '-a', '-m', 'gone soon', 'm#dev#1');
    const cache = tempDir('modelreg-cache-');
    const ctx = { cwd: tempDir(), env: { ...upstream.env, MODELREG_CACHE_DIR: cache } };
    const url = pathToFileURL(upstream.cwd).href;

    const first = await openRepo(url, ctx);
    expect(first).toEqual({ dir: repoCacheDir(url, ctx.env), isRemote: true, url, bare: true, shallow: false, commonDir: repoCacheDir(url, ctx.env) });
    expect(first.dir.startsWith(join(cache, 'repos'))).toBe(true);
    const inCache = { cwd: first.dir, env: ctx.env };
    expect((await readTags(inCache)).map((t) => t.name).sort()).toEqual(['m#dev#1', 'm@v1.0.0']);

    git(upstream, 'tag', '-d', 'm#dev#1');
    git(upstream, 'tag', '-a', '-m', 'two', 'm@v2.0.0');
    writeFileSync(join(first.dir, 'marker'), 'same dir');
    const second = await openRepo(url, ctx);
    expect(second).toEqual(first);
    expect(existsSync(join(second.dir, 'marker'))).toBe(true);
    expect((await readTags(inCache)).map((t) => t.name).sort()).toEqual(['m@v1.0.0', 'm@v2.0.0']);
    expect(readdirSync(join(cache, 'repos'))).toHaveLength(1);
  });

  it('says when the cached clone is shallow, as a clone of a shallow source is', async () => {
    const upstream = makeRepo(1);
    git(upstream, 'commit', '-q', '--allow-empty', '-m', 'second');
    const shallowCheckout = tempDir();
    execFileSync('git', ['clone', '-q', '--depth', '1', pathToFileURL(upstream.cwd).href, shallowCheckout], { env: upstream.env });
    const ctx = { cwd: tempDir(), env: { ...upstream.env, MODELREG_CACHE_DIR: tempDir('modelreg-cache-') } };
    expect((await openRepo(pathToFileURL(shallowCheckout).href, ctx)).shallow).toBe(true);
    expect((await openRepo(pathToFileURL(upstream.cwd).href, ctx)).shallow).toBe(false);
  });

  it('fails with a GitError when the URL cannot be cloned, leaving no half-made cache', async () => {
    const cache = tempDir('modelreg-cache-');
    const home = tempDir();
    const ctx = { cwd: home, env: isolatedEnv(home, { MODELREG_CACHE_DIR: cache }) };
    const url = pathToFileURL(join(home, 'no-such-repo')).href;
    await expect(openRepo(url, ctx)).rejects.toBeInstanceOf(GitError);
    expect(readdirSync(join(cache, 'repos'))).toEqual([]);
  });

  it('refuses paths that are not repositories and strings that are neither path nor URL', async () => {
    const dir = tempDir();
    const ctx = { cwd: dir, env: isolatedEnv(dir) };
    writeFileSync(join(dir, 'file.txt'), 'x');
    await expect(openRepo('.', ctx)).rejects.toThrow(/^not a git repository: /);
    await expect(openRepo('file.txt', ctx)).rejects.toThrow(/is not a directory/);
    const err = await openRepo('no-such-dir', ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RepoNotFoundError);
    expect((err as Error).message).toBe('no such repository: no-such-dir is neither an existing path nor a URL');
  });
});

describe('isCloneOf', () => {
  /** A bare clone of a repository, as the cache makes it, and a GIT_TRACE file to see what git ran. */
  function clone() {
    const upstream = makeRepo(1);
    const url = pathToFileURL(upstream.cwd).href;
    const dir = join(tempDir(), 'entry');
    git(upstream, 'clone', '-q', '--bare', url, dir);
    const trace = join(tempDir(), 'trace');
    const entry = { cwd: tempDir(), env: { ...upstream.env, GIT_TRACE: trace }, gitDir: dir };
    const configRuns = () => (existsSync(trace) ? readFileSync(trace, 'utf8').match(/built-in: git config\b/g)?.length ?? 0 : 0);
    return { url, dir, entry, configRuns };
  }

  it('recognises a plain clone from its config file, without running git', async () => {
    const { url, entry, configRuns } = clone();
    expect(await isCloneOf(entry, url)).toBe(true);
    expect(configRuns()).toBe(0);
    expect(await isCloneOf(entry, `${url}/other`)).toBe(false);
  });

  it('asks git when the file is not plain or git would see more, and gives its answer', async () => {
    const { url, dir, entry, configRuns } = clone();
    appendFileSync(join(dir, 'config'), '# a comment git reads past\n');
    expect(await isCloneOf(entry, url)).toBe(true);
    expect(configRuns()).toBe(1);
    // `git -c` (GIT_CONFIG_PARAMETERS) overrides the file: git says it is not bare then.
    expect(await isCloneOf({ ...entry, env: { ...entry.env, GIT_CONFIG_PARAMETERS: "'core.bare'='false'" } }, url)).toBe(false);
    expect(configRuns()).toBe(2);
  });

  it('an entry that lost its HEAD is no clone, whatever its config says', async () => {
    const { url, dir, entry } = clone();
    rmSync(join(dir, 'HEAD'));
    expect(await isCloneOf(entry, url)).toBe(false);
  });
});
