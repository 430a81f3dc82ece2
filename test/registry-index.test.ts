// The registry index (.git/modelreg/): answers `show` and `stages` without reading unchanged tags,
// reads again only the artifacts whose tags changed, and never changes an answer — whatever
// happens to its file, and with many processes at once. (Every other test's `show` and `stages`
// are also compared with and without it: see TestRepo.modelreg.)
import { existsSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TestRepo, cleanTemps, tempDir } from './helpers/repo.js';
import { modelregParallel } from './adversarial/parallel.js';

afterAll(cleanTemps);

const NO_CACHE = { MODELREG_NO_CACHE: '1' };
const minute = (m: number) => `${Date.parse('2025-03-01T12:00:00Z') / 1000 + 60 * m} +0000`;

/** A registry of three artifacts with versions, stages, a re-assignment and a deprecation. */
function registry(): TestRepo {
  const repo = TestRepo.init();
  let m = 0;
  for (const name of ['alpha', 'beta', 'gamma']) {
    const c1 = repo.commit(`${name}.pkl`, `${name} 1\n`, `Train ${name}`, minute(++m));
    repo.git(['tag', '-a', '-m', 'register', `${name}@v1.0.0`, c1], minute(++m));
    const c2 = repo.commit(`${name}.pkl`, `${name} 2\n`, `Retrain ${name}`, minute(++m));
    repo.git(['tag', '-a', '-m', 'register', `${name}@v1.1.0`, c2], minute(++m));
    repo.git(['tag', '-a', '-m', 'assign', `${name}#prod#1`, c1], minute(++m));
    repo.git(['tag', '-a', '-m', 'assign', `${name}#prod#2`, c2], minute(++m));
    repo.git(['tag', '-a', '-m', 'assign', `${name}#dev#3`, c2], minute(++m));
  }
  repo.git(['tag', '-a', '-m', 'deprecate', 'gamma@deprecated', 'HEAD'], minute(++m));
  return repo;
}

/** The git commands a run started, from GIT_TRACE. */
function traced(repo: TestRepo, args: string[]): { stdout: string; ran: string[] } {
  const trace = join(tempDir(), 'trace');
  const r = repo.modelreg(args, { env: { GIT_TRACE: trace } });
  expect(r.code, r.stderr).toBe(0);
  const ran = readFileSync(trace, 'utf8')
    .split('\n')
    .flatMap((line) => /trace: built-in: git (\S+)/.exec(line)?.[1] ?? []);
  return { stdout: r.stdout, ran };
}

const indexFiles = (repo: TestRepo) => readdirSync(join(repo.dir, '.git', 'modelreg'));

describe('the registry index', () => {
  it('lives in .git/modelreg/, answers an unchanged registry without reading a tag, and is bypassed on request', () => {
    const repo = registry();
    const expected = repo.modelreg(['show', '--json'], { env: NO_CACHE }).stdout;
    expect(existsSync(join(repo.dir, '.git', 'modelreg'))).toBe(false); // MODELREG_NO_CACHE writes none
    const first = traced(repo, ['show', '--json']);
    expect(first.stdout).toBe(expected);
    expect(first.ran).toContain('cat-file');
    expect(indexFiles(repo)).toHaveLength(1);
    expect(repo.git(['status', '--porcelain', '--untracked-files=all'])).toBe('');
    const second = traced(repo, ['show', '--json']);
    expect(second.stdout).toBe(expected);
    expect(second.ran).not.toContain('cat-file');
    expect(second.ran).not.toContain('for-each-ref');
    // --no-cache reads the tags again.
    const bypassed = traced(repo, ['show', '--json', '--no-cache']);
    expect(bypassed.stdout).toBe(expected);
    expect(bypassed.ran).toContain('cat-file');
  });

  it('after one artifact changes, reads only that artifact’s tags again', () => {
    const repo = registry();
    repo.modelreg(['show']);
    // Lose gamma's and alpha's tag objects: a full read would now find them missing.
    for (const name of ['alpha@v1.0.0', 'gamma@v1.0.0']) {
      const oid = repo.git(['rev-parse', `refs/tags/${name}`]).trim();
      unlinkSync(join(repo.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
    }
    const c = repo.commit('beta.pkl', 'beta 3\n', 'Retrain beta', minute(50));
    repo.git(['tag', '-a', '-m', 'register', 'beta@v1.2.0', c], minute(51));
    const shown = repo.modelreg(['show', '--json'], { env: { MODELREG_NO_CACHE: undefined } });
    const view = JSON.parse(shown.stdout) as Record<string, { version: string }>;
    expect(view.beta?.version).toBe('v1.2.0');
    // alpha still as indexed: its tags were not read again.
    expect(view.alpha?.version).toBe('v1.1.0');
    expect(repo.modelreg(['show', '--json'], { env: NO_CACHE }).stdout).toContain('"beta"');
  });

  it('after a change inside packed-refs, reads only the changed artifact’s tags again', () => {
    const repo = registry();
    repo.git(['pack-refs', '--all']);
    repo.modelreg(['show']);
    // Lose alpha's and gamma's tag objects: a full read would now find them missing.
    for (const name of ['alpha@v1.0.0', 'gamma@v1.0.0']) {
      const oid = repo.git(['rev-parse', `refs/tags/${name}`]).trim();
      unlinkSync(join(repo.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
    }
    repo.git(['tag', '-d', 'beta#dev#3']); // rewrites packed-refs without it
    const { stdout, ran } = traced(repo, ['show', '--json']);
    const view = JSON.parse(stdout) as Record<string, { version: string; stage?: Record<string, unknown> }>;
    expect(Object.keys(view).sort()).toEqual(['alpha', 'beta']);
    expect(ran).not.toContain('for-each-ref');
  });

  it('follows every kind of change, always as a read without it would answer', { timeout: 180_000 }, () => {
    const repo = registry();
    const views = [['show', '--json'], ['show', '-d'], ['show', '--vs', '-1', '--sort', 'semver'], ['show', '--av', '1', '--ro'], ['stages']];
    const check = () => {
      for (const args of views) repo.modelreg(args); // compares with MODELREG_NO_CACHE=1 itself
    };
    check();
    const head = repo.git(['rev-parse', 'HEAD']).trim();
    repo.git(['tag', '-a', '-m', 'assign', 'beta#staging#4', head], minute(60));
    check();
    repo.git(['tag', '-d', 'alpha#dev#3']);
    check();
    repo.git(['tag', '-a', '-m', 'deregister', 'alpha@v1.1.0!#4', 'alpha@v1.1.0^{}'], minute(61));
    check();
    repo.git(['pack-refs', '--all']);
    check();
    repo.git(['tag', '-a', '-f', '-m', 'moved', 'beta#dev#3', 'beta@v1.0.0^{}'], minute(62));
    check();
    repo.write('.modelreg.yaml', 'stages: [dev, staging, prod, archive]\n');
    check();
    repo.git(['tag', '-a', '-m', 'new one', 'delta@v0.1.0', head], minute(63));
    repo.git(['tag', 'lightweight@v9.0.0', head]);
    check();
    // Changes inside packed-refs: a packed tag deleted (git rewrites the file), one moved and packed
    // again, and a loose tag packed over by `pack-refs`, which changes nothing git reads.
    repo.git(['pack-refs', '--all']);
    check();
    repo.git(['tag', '-d', 'beta#prod#1']);
    check();
    repo.git(['tag', '-a', '-f', '-m', 'moved again', 'gamma#dev#3', 'gamma@v1.0.0^{}'], minute(64));
    repo.git(['pack-refs', '--all']);
    check();
    repo.git(['tag', '-a', '-m', 'loose, then packed', 'delta#prod#2', head], minute(65));
    check();
    repo.git(['pack-refs', '--all']);
    check();
  });

  it('a tag the reader doubts sends the read to for-each-ref once, not through cat-file again', () => {
    const repo = registry();
    writeFileSync(join(repo.dir, '.git', 'refs', 'tags', 'alpha@v0.1.0'), `${'1234567890'.repeat(4)}\n`);
    const trace = join(tempDir(), 'trace');
    const r = repo.modelreg(['show', '--json'], { env: { GIT_TRACE: trace } });
    expect(JSON.parse(r.stdout)).toHaveProperty('alpha');
    const ran = readFileSync(trace, 'utf8');
    expect(ran.match(/built-in: git cat-file --batch --buffer/g)).toHaveLength(1);
    expect(ran).toMatch(/built-in: git for-each-ref/);
    expect(existsSync(join(repo.dir, '.git', 'modelreg'))).toBe(false);
  });

  it('a damaged, foreign or stale index file is no index: rebuilt, never believed', () => {
    const repo = registry();
    const expected = repo.modelreg(['show', '--json'], { env: NO_CACHE }).stdout;
    repo.modelreg(['show', '--json']);
    const [name] = indexFiles(repo);
    const file = join(repo.dir, '.git', 'modelreg', name as string);
    const good = readFileSync(file, 'utf8');
    // A header, the view, the artifacts' parts, then the ref files as read (here loose refs only).
    const [header, view, artifacts] = good.split('\n', 3) as [string, string, string];
    const list = good.slice(header.length + view.length + artifacts.length + 3);
    expect(list).toMatch(/^\0[0-9a-f]{40} alpha#dev#3\0/);
    const file4 = (h: string, v: string, a: string, l: string) => `${h}\n${v}\n${a}\n${l}`;
    const damaged = [
      '',
      'not json\n',
      good.slice(0, good.length / 2),
      // Another artifact's version written into the view: its digest no longer matches.
      file4(header, view.replace('"v1.1.0"', '"v9.9.9"'), artifacts, list),
      // A ref of the list pointing elsewhere: an update must not start from it.
      file4(header, view, artifacts, list.replace(/^\0./, (c) => (c === '\x000' ? '\x001' : '\x000'))),
      file4(header, view, artifacts.replace('"alpha"', '"alphb"'), list),
      file4(header.replace('"format":3', '"format":2'), view, artifacts, list),
      file4(header.replace(/"modelreg":"[^"]*"/, '"modelreg":"0.0.0-other"'), view, artifacts, list),
    ];
    const head = repo.git(['rev-parse', 'HEAD']).trim();
    for (const [i, text] of damaged.entries()) {
      writeFileSync(file, text);
      expect({ i, shown: repo.modelreg(['show', '--json'], { env: { MODELREG_NO_CACHE: undefined } }).stdout }).toEqual({ i, shown: expected });
      // An update from what is left of it is right too.
      repo.git(['tag', '-a', '-m', 'assign', `beta#qa#${10 + i}`, head], minute(80 + i));
      repo.modelreg(['show', '--json']);
      repo.git(['tag', '-d', `beta#qa#${10 + i}`]);
      repo.modelreg(['show', '--json']);
    }
    rmSync(join(repo.dir, '.git', 'modelreg'), { recursive: true });
    expect(repo.modelreg(['show', '--json']).stdout).toBe(expected);
  });

  it('10 parallel readers while tags are added: each answer is one of the registry’s states, and the index ends right', async () => {
    const repo = registry();
    const before = repo.modelreg(['show', '--json'], { env: NO_CACHE }).stdout;
    const head = repo.git(['rev-parse', 'HEAD']).trim();
    const reading = modelregParallel(repo, Array.from({ length: 10 }, () => ['show', '--json']));
    repo.git(['tag', '-a', '-m', 'assign', 'beta#staging#4', head], minute(70));
    repo.git(['tag', '-a', '-m', 'register', 'epsilon@v1.0.0', head], minute(71));
    const runs = await reading;
    const after = repo.modelreg(['show', '--json'], { env: NO_CACHE }).stdout;
    const middle = (() => {
      // The state with only the first of the two tags.
      repo.git(['tag', '-d', 'epsilon@v1.0.0']);
      const text = repo.modelreg(['show', '--json'], { env: NO_CACHE }).stdout;
      repo.git(['tag', '-a', '-m', 'register', 'epsilon@v1.0.0', head], minute(71));
      return text;
    })();
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expect([before, middle, after]).toContain(r.stdout);
    }
    expect(repo.modelreg(['show', '--json']).stdout).toBe(after);
    const again = await modelregParallel(repo, Array.from({ length: 10 }, () => ['show', '--json']));
    for (const r of again) expect(r.stdout).toBe(after);
    // Nothing left behind but the index itself.
    expect(indexFiles(repo).every((f) => f.startsWith('summary-') && f.endsWith('.json'))).toBe(true);
  });
});
