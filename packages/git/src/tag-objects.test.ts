import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTagRefFiles } from './ref-store.js';
import { streamTagObjects } from './tag-objects.js';
import { readTags } from './tags.js';
import { cleanupTemp, commitFile, git, makeRepo, tempDir } from './test-support/repo.js';

afterAll(cleanupTemp);

type Repo = ReturnType<typeof makeRepo>;

/** A tag object written as given (git's own commands refuse some of these), under refs/tags/NAME. */
function rawTag(repo: Repo, name: string, lines: string[]): void {
  const oid = execFileSync('git', ['hash-object', '-t', 'tag', '-w', '--stdin', '--literally'], { cwd: repo.cwd, env: repo.env, input: lines.join('\n') + '\n', encoding: 'utf8' }).trim();
  git(repo, 'update-ref', `refs/tags/${name}`, oid);
}

/** The git commands one read ran, from GIT_TRACE. */
async function readTraced(repo: Repo, opts: Parameters<typeof readTags>[1]): Promise<{ tags: Awaited<ReturnType<typeof readTags>>; ran: string[] }> {
  const trace = join(tempDir(), 'trace');
  const tags = await readTags({ ...repo, env: { ...repo.env, GIT_TRACE: trace } }, opts);
  const ran = readFileSync(trace, 'utf8')
    .split('\n')
    .flatMap((line) => /trace: built-in: git (\S+)/.exec(line)?.[1] ?? []);
  return { tags, ran };
}

/** Read through the ref files and cat-file, and through for-each-ref: the same records, and which route answered. */
async function bothRoutes(repo: Repo, detail: 'light' | 'full') {
  const fast = await readTraced(repo, { detail, commonDir: join(repo.cwd, '.git') });
  const reference = await readTags(repo, { detail });
  return { fast: fast.tags, reference, ran: fast.ran };
}

describe('tags read from the ref files and their objects', () => {
  let repo: Repo;
  let head: string;
  beforeAll(() => {
    repo = makeRepo(2);
    head = git(repo, 'rev-parse', 'HEAD');
    const at = (date: string) => ({ ...repo, env: { ...repo.env, GIT_COMMITTER_DATE: date } });
    git(repo, 'tag', '-a', '-m', 'Registering artifact model version v1.0.0', 'model@v1.0.0', 'HEAD~1');
    git(at('1704075360 -0530'), 'tag', '-a', '-m', 'subject\n\nbody\n', 'model#prod#1');
    git(at('1704075360 -0000'), 'tag', '-a', '-m', 'zone minus zero', 'model#dev#2');
    git(repo, 'tag', '-a', '-m', 'Zoë’s tag ✓', 'dir/sub=other@v2.0.0!#3');
    git({ ...repo, env: { ...repo.env, GIT_COMMITTER_NAME: 'Zoë Ünïcode' } }, 'tag', '-a', '-m', 'x', 'unicode#dev#1');
    git(repo, 'tag', 'light');
    git(repo, 'tag', '-a', '-m', 'nested', 'on-tag', 'model@v1.0.0');
    git(repo, 'tag', '-a', '-m', 'tree', 'on-tree', 'HEAD^{tree}');
    git(repo, 'tag', 'light-tree', 'HEAD^{tree}');
    rawTag(repo, 'no-tagger', [`object ${head}`, 'type commit', 'tag no-tagger', '', 'message']);
    rawTag(repo, 'other-name', [`object ${head}`, 'type commit', 'tag model@v9.9.9', 'tagger T <t@x> 1741003200 +0000', '', 'replayed']);
    rawTag(repo, 'blank-lines', [`object ${head}`, 'type commit', 'tag blank-lines', 'tagger T <t@x> 1741003200 +0100', '', '', '', 'after blank lines', '']);
    rawTag(repo, 'no-message', [`object ${head}`, 'type commit', 'tag no-message', 'tagger T <t@x> 1741003200 +0100']);
    rawTag(repo, 'signed', [`object ${head}`, 'type commit', 'tag signed', 'tagger T <t@x> 1741003200 +0100', '', 'signed it', '-----BEGIN SSH SIGNATURE-----', 'AAAA', '-----END SSH SIGNATURE-----']);
    rawTag(repo, 'extra-header', [`object ${head}`, 'type commit', 'tag extra-header', 'tagger T <t@x> 1741003200 +0100', 'encoding UTF-8', '', 'with an encoding header']);
    // Some packed, some loose, one loose ref overriding its packed line.
    git(repo, 'pack-refs', '--all');
    git(repo, 'tag', '-a', '-m', 'loose one', 'model@v1.1.0');
    git(repo, 'tag', '-f', '-a', '-m', 'moved after packing', 'model#dev#2', 'HEAD~1');
  });

  it('gives for-each-ref’s records, light and full, from one cat-file and no for-each-ref', async () => {
    for (const detail of ['light', 'full'] as const) {
      const { fast, reference, ran } = await bothRoutes(repo, detail);
      expect(fast).toEqual(reference);
      expect(fast.length).toBe(16);
      expect(ran).not.toContain('for-each-ref');
      expect(ran).toContain('cat-file');
    }
  });

  it('read by two cat-file processes at once, the records still come in ref order', async () => {
    const refs = (await readTagRefFiles(join(repo.cwd, '.git')))?.refs();
    if (!refs) throw new Error('ref files not read');
    for (const detail of ['light', 'full'] as const) {
      const records: Awaited<ReturnType<typeof readTags>> = [];
      expect(await streamTagObjects(repo, refs, detail, (r) => records.push(r), { tagsPerReader: 4 })).toBe(true);
      expect(records).toEqual(await readTags(repo, { detail }));
    }
  });

  it('with anyOrder, two cat-file processes hand over the same records, in some order', async () => {
    const refs = (await readTagRefFiles(join(repo.cwd, '.git')))?.refs();
    if (!refs) throw new Error('ref files not read');
    const records: Awaited<ReturnType<typeof readTags>> = [];
    expect(await streamTagObjects(repo, refs, 'full', (r) => records.push(r), { tagsPerReader: 4, anyOrder: true })).toBe(true);
    const byName = (list: typeof records) => [...list].sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(byName(records)).toEqual(byName(await readTags(repo, { detail: 'full' })));
  });

  it('lists packed and loose refs in git’s order, a loose ref over its packed line', async () => {
    const refs = (await readTagRefFiles(join(repo.cwd, '.git')))?.refs();
    const listed = git(repo, 'for-each-ref', '--format=%(objectname) %(refname:strip=2)', 'refs/tags');
    expect(refs && Array.from({ length: refs.length }, (_, i) => `${refs.object(i)} ${refs.name(i)}`).join('\n')).toBe(listed);
  });

  it('a linked worktree reads the main repository’s tags', async () => {
    const linked = join(tempDir(), 'linked');
    git(repo, 'worktree', 'add', '-q', linked);
    const inLinked = { ...repo, cwd: linked };
    const fast = await readTraced(inLinked, { detail: 'light', commonDir: join(repo.cwd, '.git') });
    expect(fast.tags).toEqual(await readTags(inLinked, { detail: 'light' }));
    expect(fast.ran).not.toContain('for-each-ref');
  });
});

describe('anything the reader is not sure of goes to for-each-ref', () => {
  /** A repository with one good tag and what `damage` does to it: the answer is for-each-ref's. */
  async function fallsBack(damage: (repo: Repo, head: string) => void): Promise<void> {
    const repo = makeRepo(1);
    const head = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'tag', '-a', '-m', 'good', 'model@v1.0.0');
    damage(repo, head);
    const { fast, reference, ran } = await bothRoutes(repo, 'full');
    expect(fast).toEqual(reference);
    expect(ran).toContain('for-each-ref');
    // Read by two processes at once, the doubt is found in either half.
    const refs = (await readTagRefFiles(join(repo.cwd, '.git')))?.refs();
    if (refs) expect(await streamTagObjects(repo, refs, 'full', () => {}, { tagsPerReader: 1 })).toBe(false);
  }

  it('a tagger line in another layout', async () => {
    await fallsBack((repo, head) => rawTag(repo, 'odd', [`object ${head}`, 'type commit', 'tag odd', 'tagger nobody knows when', '', 'garbled']));
    await fallsBack((repo, head) => rawTag(repo, 'odd', [`object ${head}`, 'type commit', 'tag odd', 'tagger A> B <a@x> 1741003200 +0000', '', 'two']));
    await fallsBack((repo, head) => rawTag(repo, 'odd', [`object ${head}`, 'type commit', 'tag odd', 'tagger T <t@x> 1741003200 +00', '', 'short zone']));
  });

  it('a tag object naming an object of another type than it says', async () => {
    await fallsBack((repo) => {
      const tree = git(repo, 'rev-parse', 'HEAD^{tree}');
      rawTag(repo, 'liar', [`object ${tree}`, 'type commit', 'tag liar', 'tagger T <t@x> 1741003200 +0000', '', 'says commit']);
    });
  });

  it('a ref to a missing object', async () => {
    await fallsBack((repo) => {
      mkdirSync(join(repo.cwd, '.git', 'refs', 'tags'), { recursive: true });
      writeFileSync(join(repo.cwd, '.git', 'refs', 'tags', 'gone'), `${'1234567890'.repeat(4)}\n`);
    });
  });

  it('a symbolic or oddly named loose ref, or a reftable directory', async () => {
    const repo = makeRepo(1);
    git(repo, 'tag', '-a', '-m', 'good', 'model@v1.0.0');
    const tags = join(repo.cwd, '.git', 'refs', 'tags');
    const files = await readTagRefFiles(join(repo.cwd, '.git'));
    writeFileSync(join(tags, 'sym'), 'ref: refs/tags/model@v1.0.0\n');
    expect(await readTagRefFiles(join(repo.cwd, '.git'))).toBeNull();
    rmSync(join(tags, 'sym'));
    writeFileSync(join(tags, 'with space'), `${git(repo, 'rev-parse', 'HEAD')}\n`);
    expect(await readTagRefFiles(join(repo.cwd, '.git'))).toBeNull();
    rmSync(join(tags, 'with space'));
    expect((await readTagRefFiles(join(repo.cwd, '.git')))?.refs()).toHaveLength(1);
    // The digest is of what was read: the same files, the same digest; another tag, another.
    expect((await readTagRefFiles(join(repo.cwd, '.git')))?.digest()).toBe(files?.digest());
    git(repo, 'tag', '-a', '-m', 'more', 'model@v1.1.0');
    expect((await readTagRefFiles(join(repo.cwd, '.git')))?.digest()).not.toBe(files?.digest());
    mkdirSync(join(repo.cwd, '.git', 'reftable'));
    expect(await readTagRefFiles(join(repo.cwd, '.git'))).toBeNull();
  });

  it('GIT_DIR or GIT_NAMESPACE in the environment', async () => {
    const repo = makeRepo(1);
    git(repo, 'tag', '-a', '-m', 'good', 'model@v1.0.0');
    commitFile(repo, 'model.txt', 'other\n', 'next');
    for (const extra of [{ GIT_DIR: join(repo.cwd, '.git') }, { GIT_NAMESPACE: 'team' }]) {
      const traced = await readTraced({ ...repo, env: { ...repo.env, ...extra } }, { detail: 'light', commonDir: join(repo.cwd, '.git') });
      expect(traced.ran).toContain('for-each-ref');
    }
  });
});
