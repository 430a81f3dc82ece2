// How `show` starts: the names the annotation files declare (its `*name` rows) are kept in
// .git/modelreg/ by file content, so an unchanged file is not parsed again; and `show` / `stages` of
// an unchanged registry are answered by quick.mjs alone, without the argument parser, the YAML
// parser or the code that reads tags. Neither ever changes an answer: every `show` and `stages`
// here is also run with MODELREG_NO_CACHE=1 (TestRepo.modelreg), which main.js answers from the
// files and tags themselves.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TestRepo, cleanTemps, rawDate, tempDir } from './helpers/repo.js';
import { modelregParallel } from './adversarial/parallel.js';

afterAll(cleanTemps);

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'cli', 'dist');
const NO_CACHE = { MODELREG_NO_CACHE: '1' };
/** Runs once, with whatever .git/modelreg/ holds (no second run to compare with). */
const AS_IT_IS = { MODELREG_NO_CACHE: undefined };
const minute = (m: number) => rawDate(`2025-08-01T10:${String(m).padStart(2, '0')}:00Z`);

/** churn registered and in prod; fresh and sub:nested annotated only; gto-only in artifacts.yaml. */
function annotated(): TestRepo {
  const repo = TestRepo.init();
  repo.write('model.pkl', 'weights\n');
  repo.write('sub/dvc.yaml', 'artifacts:\n  nested:\n    path: ../model.pkl\n');
  repo.write('artifacts.yaml', 'gto-only:\n  type: model\n  path: model.pkl\n');
  repo.git(['add', '-A']);
  const c = repo.commit('dvc.yaml', 'artifacts:\n  churn:\n    path: model.pkl\n  fresh:\n    path: model.pkl\n', 'Annotate', minute(1));
  repo.git(['tag', '-a', '-m', 'register', 'churn@v1.0.0', c], minute(2));
  repo.git(['tag', '-a', '-m', 'assign', 'churn#prod#1', c], minute(3));
  return repo;
}

const namesFile = (repo: TestRepo) => {
  const file = readdirSync(join(repo.dir, '.git', 'modelreg')).find((f) => f.startsWith('annotations-'));
  expect(file).toBeDefined();
  return join(repo.dir, '.git', 'modelreg', file as string);
};

/** The names file with its entries replaced by `entries`, and a header that vouches for them. */
function forged(text: string, entries: unknown): string {
  const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as Record<string, unknown>;
  const body = JSON.stringify(entries);
  return `${JSON.stringify({ ...header, entries: createHash('sha1').update(body).digest('hex') })}\n${body}\n`;
}

const keys = (json: string) => Object.keys(JSON.parse(json) as object);

describe('the annotation names in .git/modelreg/', () => {
  it('answer for files unchanged since they were read, never parsed again; a changed file is read again', () => {
    const repo = annotated();
    const expected = repo.modelreg(['show', '--json'], { env: NO_CACHE }).stdout;
    expect(keys(expected)).toEqual(['churn', 'gto-only', 'fresh', 'sub:nested']);
    expect(repo.modelreg(['show', '--json']).stdout).toBe(expected);
    const file = namesFile(repo);
    const saved = readFileSync(file, 'utf8');
    const entries = JSON.parse(saved.split('\n')[1] as string) as [string, string, string[]][];
    expect(entries.map(([path, , names]) => [path, names])).toEqual([
      ['artifacts.yaml', ['gto-only']],
      ['dvc.yaml', ['churn', 'fresh']],
      ['sub/dvc.yaml', ['sub:nested']],
    ]);
    // Names that no file declares, saved as dvc.yaml's: shown, so the file was not parsed.
    writeFileSync(file, forged(saved, entries.map(([path, digest, names]) => [path, digest, path === 'dvc.yaml' ? ['churn', 'unparsed'] : names])));
    expect(keys(repo.modelreg(['show', '--json'], { env: AS_IT_IS }).stdout)).toEqual(['churn', 'gto-only', 'unparsed', 'sub:nested']);
    // The same size and, within the clock's tick, the same time: the content tells.
    repo.write('dvc.yaml', readFileSync(join(repo.dir, 'dvc.yaml'), 'utf8').replace('fresh:', 'fress:'));
    const changed = repo.modelreg(['show', '--json'], { env: AS_IT_IS }).stdout;
    expect(keys(changed)).toEqual(['churn', 'gto-only', 'fress', 'sub:nested']);
    expect(repo.modelreg(['show', '--json'], { env: NO_CACHE }).stdout).toBe(changed);
  });

  it('follow every change to the files, always as a read without them would answer', { timeout: 120_000 }, () => {
    const repo = annotated();
    mkdirSync(join(repo.dir, 'deep', 'er'), { recursive: true });
    const check = () => {
      for (const cwd of [repo.dir, join(repo.dir, 'deep', 'er')]) {
        for (const args of [['show'], ['show', '--json'], ['show', '--name'], ['show', '--plain', '-d'], ['stages', '--json']]) {
          const r = repo.modelreg(args, { cwd }); // compared with MODELREG_NO_CACHE=1 itself
          expect(r.stderr).toBe('');
        }
      }
    };
    check();
    repo.write('deep/dvc.yaml', 'artifacts:\n  untracked:\n    path: x\n'); // new, not added
    check();
    repo.write('.gitignore', 'deep/\n'); // now ignored: no longer an annotation file
    check();
    repo.write('sub/dvc.yaml', 'artifacts: [not: a mapping\n'); // broken YAML
    check();
    repo.write('sub/dvc.yaml', 'artifacts:\n  churn:\n    path: ../model.pkl\n'); // a name twice
    check();
    unlinkSync(join(repo.dir, 'artifacts.yaml')); // deleted, still in the index
    check();
    writeFileSync(join(repo.home, 'outside.yaml'), 'artifacts:\n  outside:\n    path: x\n');
    rmSync(join(repo.dir, 'dvc.yaml'));
    symlinkSync(join(repo.home, 'outside.yaml'), join(repo.dir, 'dvc.yaml')); // a link out of the repository: not read
    check();
    repo.git(['tag', '-a', '-m', 'register', 'sub=nested@v0.1.0', 'HEAD'], minute(9)); // annotated, now registered
    check();
    repo.write('.modelreg.yaml', 'stages: [dev, prod]\n'); // the config's stages
    check();
  });

  it('a damaged, foreign or stale names file is never believed, and is written again', () => {
    const repo = annotated();
    const expected = repo.modelreg(['show', '--json'], { env: NO_CACHE }).stdout;
    repo.modelreg(['show', '--json']);
    const file = namesFile(repo);
    const good = readFileSync(file, 'utf8');
    const [header, body] = good.split('\n') as [string, string];
    const damaged = [
      '',
      'not json\n',
      good.slice(0, good.length / 2),
      `${header}\n${body}`, // no last newline
      `${header}\n${body.replace('"fresh"', '"fress"')}\n`, // entries that are not what the header vouches for
      forged(good, { dvc: 'not a list' }),
      `${header.replace('"format":1', '"format":2')}\n${body}\n`,
      `${header.replace(/"modelreg":"[^"]*"/, '"modelreg":"0.0.0-other"')}\n${body}\n`,
      // Another working tree's (the same repository's linked worktree has another file).
      `${header.replace(/"root":"[^"]*"/, `"root":${JSON.stringify(join(repo.home, 'elsewhere'))}`)}\n${body}\n`,
    ];
    for (const [i, text] of damaged.entries()) {
      writeFileSync(file, text);
      expect({ i, shown: repo.modelreg(['show', '--json'], { env: AS_IT_IS }).stdout }).toEqual({ i, shown: expected });
      expect({ i, file: readFileSync(file, 'utf8') }).toEqual({ i, file: good });
    }
    rmSync(join(repo.dir, '.git', 'modelreg'), { recursive: true });
    expect(repo.modelreg(['show', '--json']).stdout).toBe(expected);
  });

  it('10 parallel shows while a file changes: each answer is one of its states, and the file ends right', async () => {
    const repo = annotated();
    const before = repo.modelreg(['show', '--json'], { env: NO_CACHE }).stdout;
    const reading = modelregParallel(repo, Array.from({ length: 10 }, () => ['show', '--json']));
    repo.write('dvc.yaml', 'artifacts:\n  churn:\n    path: model.pkl\n  later:\n    path: model.pkl\n');
    const runs = await reading;
    const after = repo.modelreg(['show', '--json'], { env: NO_CACHE }).stdout;
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expect([before, after]).toContain(r.stdout);
    }
    const again = await modelregParallel(repo, Array.from({ length: 10 }, () => ['show', '--json']));
    for (const r of again) expect(r.stdout).toBe(after);
    // Nothing left behind but the index files.
    expect(readdirSync(join(repo.dir, '.git', 'modelreg')).every((f) => /^(summary|annotations)-[0-9a-f]{16}\.json$/.test(f))).toBe(true);
  });

  it('are not kept with --no-cache or MODELREG_NO_CACHE=1, nor where there is no annotation file', () => {
    const repo = annotated();
    repo.modelreg(['show', '--no-cache'], { env: AS_IT_IS });
    repo.modelreg(['show'], { env: NO_CACHE });
    expect(() => readdirSync(join(repo.dir, '.git', 'modelreg'))).toThrow();
    const plain = TestRepo.init();
    plain.commit('model.pkl', 'weights\n', 'Train', minute(1));
    plain.git(['tag', '-a', '-m', 'register', 'm@v1.0.0', 'HEAD'], minute(2));
    plain.modelreg(['show']);
    expect(readdirSync(join(plain.dir, '.git', 'modelreg')).filter((f) => f.startsWith('annotations-'))).toEqual([]);
  });
});

describe('the config’s stages in .git/modelreg/', () => {
  const configFile = (repo: TestRepo) => join(repo.dir, '.git', 'modelreg', readdirSync(join(repo.dir, '.git', 'modelreg')).find((f) => f.startsWith('config-')) as string);

  it('answer while the config files are unchanged, never parsed again; a changed config is read again', () => {
    const repo = annotated();
    repo.write('.modelreg.yaml', 'stages: [dev, prod]\n');
    expect(repo.modelreg(['stages']).stdout).toBe('dev\nprod\n');
    const file = configFile(repo);
    const saved = readFileSync(file, 'utf8');
    const entries = JSON.parse(saved.split('\n')[1] as string) as [string, string, { stages?: string[]; valid: boolean }][];
    expect(entries.map(([path, , facts]) => [path, facts])).toEqual([['.modelreg.yaml', { stages: ['dev', 'prod'], valid: true }]]);
    // Stages the file does not list, kept as its: shown, so it was not parsed.
    writeFileSync(file, forged(saved, [[entries[0]?.[0], entries[0]?.[1], { stages: ['unparsed'], valid: true }]]));
    expect(repo.modelreg(['stages'], { env: AS_IT_IS }).stdout).toBe('unparsed\n');
    expect(keys(repo.modelreg(['show', '--json'], { env: AS_IT_IS }).stdout)).toEqual(['churn', 'gto-only', 'fresh', 'sub:nested']);
    expect(repo.modelreg(['show', '--json'], { env: AS_IT_IS }).stdout).toContain('"unparsed"');
    repo.write('.modelreg.yaml', 'stages: [dev, pro]\n');
    expect(repo.modelreg(['stages'], { env: AS_IT_IS }).stdout).toBe('dev\npro\n');
  });

  it('follow every change to the config, always as a read without them would answer', { timeout: 120_000 }, () => {
    const repo = annotated();
    const check = () => {
      for (const args of [['show'], ['show', '--json'], ['stages'], ['stages', '--json'], ['stages', '--used'], ['stages', '--allowed']]) repo.modelreg(args);
    };
    check();
    repo.write('.gto', 'stages: [qa]\n'); // GTO's
    check();
    repo.write('.modelreg.yaml', 'types: [model]\n'); // modelreg's wins, and lists no stages
    check();
    repo.write('.modelreg.yaml', 'stages: [dev, prod]\nrules: [not, a, mapping]\n'); // an error: stages refuses it, show does not mind
    expect(repo.modelreg(['stages']).code).not.toBe(0);
    check();
    repo.write('.modelreg.yaml', 'stages: [dev, prod\n'); // broken YAML
    check();
    rmSync(join(repo.dir, '.modelreg.yaml'));
    writeFileSync(join(repo.home, 'outside.yaml'), 'stages: [outside]\n');
    symlinkSync(join(repo.home, 'outside.yaml'), join(repo.dir, '.modelreg.yaml')); // out of the repository: not read
    check();
    rmSync(join(repo.dir, '.modelreg.yaml'));
    rmSync(join(repo.dir, '.gto'));
    check();
  });
});

describe('show and stages of an unchanged registry', () => {
  /** The CLI's build copied to a temp dir, to run with some of its chunks taken away. */
  function copyOfBuild(): { cli: string; remove: (prefix: string) => void } {
    const dir = tempDir();
    cpSync(DIST, dir, { recursive: true, filter: (src) => !src.endsWith('.d.ts') });
    return {
      cli: join(dir, 'modelreg.mjs'),
      remove: (prefix) => {
        for (const f of readdirSync(join(dir, 'chunks'))) if (f.startsWith(prefix)) rmSync(join(dir, 'chunks', f));
      },
    };
  }
  const run = (cli: string, repo: TestRepo, args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });

  it('are answered by quick.mjs alone: no argument parser, no YAML parser, no code that reads tags', () => {
    const repo = annotated();
    const build = copyOfBuild();
    const expected = Object.fromEntries(['show', 'show --json', 'show --plain', 'show --name', 'stages', 'stages --json'].map((c) => [c, repo.modelreg(c.split(' ')).stdout]));
    // main.js (with commander) and every chunk of the commands: only modelreg.mjs and quick.mjs stay.
    build.remove('main-');
    build.remove('chunk-');
    build.remove('annotations-entry-');
    build.remove('yaml');
    for (const [command, stdout] of Object.entries(expected)) {
      const r = run(build.cli, repo, command.split(' '));
      expect({ command, stderr: r.stderr, stdout: r.stdout }).toEqual({ command, stderr: '', stdout });
    }
    // The config's stages, once kept.
    repo.write('.modelreg.yaml', 'stages: [dev, prod]\n');
    for (const command of ['stages', 'show --json']) {
      const { stdout } = repo.modelreg(command.split(' '));
      expect(stdout).toContain('dev');
      expect(run(build.cli, repo, command.split(' '))).toMatchObject({ stderr: '', stdout });
    }
    // Any other command line, or a changed file, needs main.js: which is gone here.
    for (const args of [['show', '--json', '--sort', 'timestamp'], ['history']]) expect(run(build.cli, repo, args).stderr).toMatch(/Cannot find module/);
    repo.write('dvc.yaml', 'artifacts:\n  churn:\n    path: model.pkl\n');
    expect(run(build.cli, repo, ['show']).stderr).toMatch(/Cannot find module/);
  });

  it('print what main.js prints, from the registry index or the tags, in any directory of the working tree', () => {
    const repo = annotated();
    const sub = join(repo.dir, 'sub');
    for (const [quick, main] of <[string[], string[]][]>[
      [['show', '--json'], ['show', '--json', '--sort', 'timestamp']],
      [['show'], ['show', '--vs', '1']],
      [['show', '--plain'], ['show', '--plain', '--av', '-1']],
      [['show', '--name'], ['show', '--name', '--offline']],
      [['stages'], ['stages', '--used']],
      [['stages', '--json'], ['stages', '--json', '--used']],
    ]) {
      for (const cwd of [repo.dir, sub]) {
        const shown = repo.modelreg(quick, { cwd });
        expect(shown.code).toBe(0);
        expect(repo.modelreg(main, { cwd })).toEqual(shown);
      }
    }
  });

  it('leave to main.js what quick.mjs cannot know: registries:, GIT_DIR, a bare repository, no repository', () => {
    const repo = annotated();
    const hub = TestRepo.init();
    hub.write('.modelreg.yaml', `registries:\n  - name: models\n    path: ${JSON.stringify(repo.dir)}\n`);
    // (TestRepo runs them again with GIT_DIR naming the hub: its registries are still their own.)
    expect(keys(hub.modelreg(['show', '--json']).stdout)).toEqual(['churn', 'gto-only', 'fresh', 'sub:nested']);
    expect(hub.modelreg(['stages']).stdout).toBe('prod\n');
    // GIT_DIR names the repository: another one than the directory's.
    const other = annotated();
    other.git(['tag', '-a', '-m', 'register', 'fresh@v2.0.0', 'HEAD'], minute(5));
    const fromEnv = repo.modelreg(['show', '--json'], { env: { GIT_DIR: join(other.dir, '.git'), GIT_WORK_TREE: other.dir } });
    expect(fromEnv.stdout).toBe(other.modelreg(['show', '--json']).stdout);
    const bare = TestRepo.init({ bare: true });
    repo.git(['push', '-q', bare.dir, 'main', '--tags']);
    expect(keys(bare.modelreg(['show', '--json']).stdout)).toEqual(['churn', 'gto-only', 'fresh', 'sub:nested']);
    const nowhere = repo.modelreg(['show'], { cwd: repo.home });
    expect(nowhere.code).not.toBe(0);
    expect(nowhere.stderr).toMatch(/^modelreg: .*not a git repository/);
  });
});
