// The `-r URL` cache: whatever state an entry is in, a command never touches another repository
// (the user's, when the cache sits inside its working tree), and a broken entry heals or is named.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { TestRepo, cleanTemps, rawDate, tempDir } from '../helpers/repo.js';

afterAll(cleanTemps);
const day = (d: number) => rawDate(`2025-03-${String(d).padStart(2, '0')}T12:00:00Z`);

let user: TestRepo;
let upstream: TestRepo;
let url: string;
let cache: string;

/** Every ref of the user's repository, with its value: what must never change. */
const refsOf = (repo: TestRepo) => repo.git(['for-each-ref', '--format=%(refname) %(objectname)']) + repo.git(['show-ref', '--head']);

function entry(): string {
  const [name] = readdirSync(join(cache, 'repos')).filter((n) => !n.includes('.'));
  return join(cache, 'repos', name as string);
}

beforeEach(() => {
  upstream = TestRepo.init();
  upstream.commit('model.pkl', 'v1\n', 'Create model', day(1));
  upstream.git(['tag', '-a', '-m', 'Registering artifact m version v1.0.0', 'm@v1.0.0'], day(2));
  url = pathToFileURL(upstream.dir).href;

  // The user's repository, with a branch and an unpushed tag, and the cache inside its working tree.
  user = TestRepo.init();
  user.commit('a.txt', 'a\n', 'First', day(1));
  user.git(['branch', 'feature']);
  // An origin with main only: a fetch that mirrors it would delete the rest and move main back.
  const origin = TestRepo.init({ bare: true });
  user.git(['remote', 'add', 'origin', origin.dir]);
  user.git(['push', '-q', 'origin', 'main']);
  user.commit('a.txt', 'b\n', 'Second', day(3));
  user.git(['tag', '-a', '-m', 'mine', 'mine@v9.0.0'], day(3));
  user.git(['checkout', '-q', '--detach']); // as CI checks out
  cache = join(user.dir, 'ci-cache');
  user.env.MODELREG_CACHE_DIR = cache;
  const first = user.modelreg(['show', '-r', url]);
  expect(first.stdout).toContain('v1.0.0');
});

describe('a damaged cache entry inside a working tree', () => {
  it.each([
    ['has lost its HEAD', () => rmSync(join(entry(), 'HEAD'))],
    ['is an empty directory', () => {
      const dir = entry();
      rmSync(dir, { recursive: true });
      mkdirSync(dir);
    }],
    ['is a clone of another URL', () => {
      const dir = entry();
      rmSync(dir, { recursive: true });
      user.git(['clone', '-q', '--bare', user.dir, dir]);
    }],
  ])('%s: the user repository stays byte for byte, and the output is right', (_what, damage) => {
    upstream.git(['tag', '-a', '-m', 'Registering artifact m version v2.0.0', 'm@v2.0.0'], day(4));
    damage();
    const before = refsOf(user);
    const r = user.modelreg(['show', '-r', url]);
    expect(refsOf(user)).toBe(before);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('v2.0.0');
    expect(r.code).toBe(0);
  });

  it('a view of several registries heals it too, and leaves the user repository alone', () => {
    upstream.git(['tag', '-a', '-m', 'Registering artifact m version v2.0.0', 'm@v2.0.0'], day(4));
    rmSync(join(entry(), 'HEAD'));
    // Another registry (named by its folder, so not `repo` as the upstream is).
    const other = join(tempDir(), 'other');
    user.git(['init', '-q', other]);
    const before = refsOf(user);
    const r = user.modelreg(['show', '-r', url, '-r', other, '--plain']);
    expect(refsOf(user)).toBe(before);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/ m +v2\.0\.0/);
    expect(r.code).toBe(0);
  });

  it('names the folder to delete when the entry still fails after the checks', () => {
    const dir = entry();
    // A repository of the right URL whose references git cannot read.
    writeFileSync(join(dir, 'packed-refs'), 'garbage\n');
    const before = refsOf(user);
    const r = user.modelreg(['show', '-r', url]);
    expect(refsOf(user)).toBe(before);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(dir);
  });

  it("a hook's GIT_DIR and GIT_OBJECT_DIRECTORY do not reach the cache", () => {
    upstream.commit('model.pkl', 'v2\n', 'Retrain', day(4));
    upstream.git(['tag', '-a', '-m', 'Registering artifact m version v2.0.0', 'm@v2.0.0'], day(4));
    const gitDir = join(user.dir, '.git');
    const objects = () => user.git(['count-objects', '-v']);
    const [before, objectsBefore] = [refsOf(user), objects()];
    const r = user.modelreg(['show', '-r', url], { env: { GIT_DIR: gitDir, GIT_OBJECT_DIRECTORY: join(gitDir, 'objects'), GIT_INDEX_FILE: join(gitDir, 'index') } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('v2.0.0');
    expect(refsOf(user)).toBe(before);
    expect(objects()).toBe(objectsBefore);
  });
});
