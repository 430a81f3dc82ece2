// `modelreg changelog` and `register --bump auto` on a real repository with trailers in its
// commits, versions and stage tags, all at fixed dates (so commit ids are fixed too).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepo, cleanTemps, rawDate } from './helpers/repo.js';

afterAll(cleanTemps);
const day = (d: number, tz = '+0000') => rawDate(`2025-03-${String(d).padStart(2, '0')}T12:00:00Z`, tz);
const ANN = 'Ann Author <ann@example.com>';

const schemaFile = join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas', 'changelog.schema.json');
const ajv = new Ajv2020.default({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));

function ok(repo: TestRepo, args: string[], date?: string): string {
  const r = repo.modelreg(args, date ? { date } : {});
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code, args.join(' ')).toBe(0);
  return r.stdout;
}

function commitAs(repo: TestRepo, files: Record<string, string>, message: string, date: string): string {
  for (const [file, content] of Object.entries(files)) repo.write(file, content);
  repo.git(['add', '--', ...Object.keys(files)]);
  repo.git(['commit', '-q', '--author', ANN, '-m', message], date);
  return repo.git(['rev-parse', 'HEAD']).trim();
}

/**
 * churn: v1.0.0 (day 3), v1.1.0 by `--bump auto` (day 7) → staging, prod, staging unassigned;
 * one unreleased commit. segment: v0.1.0, deprecated. churn's path comes from dvc.yaml.
 */
function scenario() {
  const repo = TestRepo.init();
  const c: Record<string, string> = {};
  c.init = commitAs(repo, { 'README.md': '# models\n', 'dvc.yaml': 'artifacts:\n  churn:\n    path: models/churn.pkl\n    type: model\n' }, 'Initial commit', day(1));
  c.train = commitAs(
    repo,
    { 'models/churn.pkl': 'weights 1\n' },
    'Train churn baseline\n\nModel: churn\nModel-Metric:auc=0.85\nModel-Data: s3://data/churn/2025-01\n  (deduplicated)',
    day(2),
  );
  ok(repo, ['register', 'churn', '--version', 'v1.0.0'], day(3));
  c.segment = commitAs(repo, { 'models/segment.pkl': 'segment 1\n' }, 'Add segment model\n\nModel: segment\nModel-Metric: auc=0.5', day(4));
  ok(repo, ['register', 'segment', '--bump-minor'], day(4));
  c.weights = commitAs(repo, { 'models/churn.pkl': 'weights 2\n' }, 'Update weights', day(5));
  c.features = commitAs(
    repo,
    { 'features.py': 'FEATURES = 2\n' },
    'Better features\n\nWe changed the loss.\nModel-Bump: major, said nobody: a Key: value line in the body is no trailer.\n\nModel: churn\nModel-Bump: minor\nModel-Metric: auc=0.91\nModel-Metric: f1=0.70\nModel-Data: s3://data/churn/2025-02\nSigned-off-by: Ann Author <ann@example.com>',
    day(6),
  );
  c.other = commitAs(repo, { 'other.txt': 'x\n' }, 'Segment tweak\n\nModel: segment\nModel-Bump: major', day(6));
  return { repo, c };
}

describe('register --bump auto', () => {
  it('bumps by the highest Model-Bump of the commits for NAME since its greatest version', () => {
    const { repo, c } = scenario();
    const before = repo.tags();
    expect(ok(repo, ['register', 'churn', '--bump', 'auto', '--dry-run'], day(7))).toBe(
      `Would register churn@v1.1.0: Model-Bump: minor in ${c.features?.slice(0, 7)} "Better features"\n`,
    );
    expect(repo.tags()).toEqual(before); // a dry run writes nothing
    // segment's major bump is its own: churn stays minor, segment goes major.
    expect(ok(repo, ['register', 'churn', '--bump', 'auto'], day(7))).toBe(
      "Created git tag 'churn@v1.1.0' that registers version\nTo push the changes upstream, run:\n    git push origin churn@v1.1.0\n",
    );
    expect(ok(repo, ['register', 'segment', '--bump', 'auto', '--dry-run'], day(7))).toBe(
      `Would register segment@v1.0.0: Model-Bump: major in ${c.other?.slice(0, 7)} "Segment tweak"\n`,
    );
  });

  it('warns about a Model-Bump that is no bump part, which does not count', () => {
    const { repo } = scenario();
    ok(repo, ['register', 'churn', '--bump', 'auto'], day(7));
    const oops = commitAs(repo, { 'a.txt': 'a\n' }, 'Oops\n\nModel: churn\nModel-Bump: huge', day(8));
    const r = repo.modelreg(['register', 'churn', '--bump', 'auto', '--dry-run'], { date: day(8) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Would register churn@v1.1.1: no valid Model-Bump trailer in the 1 commit with 'Model: churn' since v1.1.0; patch by default\n");
    expect(r.stderr).toBe(`modelreg: warning: ${oops.slice(0, 7)} "Oops": 'Model-Bump: huge' must be major, minor or patch; it does not count\n`);
  });

  it('lists every commit that asked for the winning part, and defaults to patch', () => {
    const { repo } = scenario();
    ok(repo, ['register', 'churn', '--bump', 'auto'], day(7));
    const a = commitAs(repo, { 'a.txt': 'a\n' }, 'Small fix\n\nModel: churn', day(8));
    expect(ok(repo, ['register', 'churn', '--bump', 'auto', '--dry-run'], day(8))).toBe(
      "Would register churn@v1.1.1: no Model-Bump trailer in the 1 commit with 'Model: churn' since v1.1.0; patch by default\n",
    );
    const b = commitAs(repo, { 'b.txt': 'b\n' }, 'Two\n\nModel: churn\nmodel-bump: MINOR', day(9));
    const d = commitAs(repo, { 'c.txt': 'c\n' }, 'Three\n\nModel: churn\nModel-Bump: minor\nModel-Bump: patch', day(10));
    expect(ok(repo, ['register', 'churn', '--bump', 'auto', '--dry-run'], day(10))).toBe(
      `Would register churn@v1.2.0: Model-Bump: minor in ${d.slice(0, 7)} "Three"\nWould register churn@v1.2.0: Model-Bump: minor in ${b.slice(0, 7)} "Two"\n`,
    );
    // Registering an older commit only counts the commits up to it.
    expect(ok(repo, ['register', 'churn', a, '--bump', 'auto', '--dry-run'], day(10))).toMatch(/^Would register churn@v1\.1\.1: no Model-Bump/);
    // A first version starts from v0.0.0.
    expect(ok(repo, ['register', 'fresh', '--bump', 'auto', '--dry-run'], day(10))).toBe(
      "Would register fresh@v0.0.1: no Model-Bump trailer in the 0 commits with 'Model: fresh'; patch by default\n",
    );
  });

  it('keeps --bump-major/minor/patch and takes --bump PART; a dry run explains those too', () => {
    const { repo } = scenario();
    expect(ok(repo, ['register', 'churn', '--bump', 'major', '--dry-run'])).toBe('Would register churn@v2.0.0: major bump of v1.0.0\n');
    expect(ok(repo, ['register', 'churn', '--bump-minor', '--dry-run'])).toBe('Would register churn@v1.1.0: minor bump of v1.0.0\n');
    expect(ok(repo, ['register', 'churn', '--dry-run'])).toBe('Would register churn@v1.0.1: patch bump of v1.0.0 (the default)\n');
    expect(ok(repo, ['register', 'churn', '--version', 'v3.0.0', '--dry-run', '--simple', 'false'])).toBe('Would register churn@v3.0.0#1: --version\n');
    expect(repo.tags()).toEqual(['churn@v1.0.0', 'segment@v0.1.0']);
    expect(ok(repo, ['register', 'churn', '--bump-major'], day(7))).toMatch(/^Created git tag 'churn@v2\.0\.0'/);
  });

  it('refuses mixed bump options and unknown parts (usage, exit 2)', () => {
    const { repo } = scenario();
    for (const args of [
      ['register', 'churn', '--bump', 'auto', '--bump-minor'],
      ['register', 'churn', '--bump', 'auto', '--version', 'v9.0.0'],
      ['register', 'churn', '--bump', 'huge'],
    ]) {
      const r = repo.modelreg(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^modelreg: /);
    }
    expect(repo.tags()).toEqual(['churn@v1.0.0', 'segment@v0.1.0']);
  });
});

// The whole expected Markdown; `<name>` is the short id of commit `name` of the scenario.
const EXPECTED_MD = [
  '# Changelog',
  '',
  '## churn',
  '',
  '- Path: `models/churn.pkl`',
  '',
  '### Unreleased',
  '',
  'Next version: **v1.1.1** (Model-Bump: patch)',
  '',
  '- `<tune>` Tune thresholds — Ann Author, 2025-03-12',
  '  - `Model: churn`',
  '  - `Model-Bump: patch`',
  '',
  '### v1.1.0',
  '',
  '- Registered 2025-03-07 12:00:00+00:00 by GTO Reference: `churn@v1.1.0` on commit `<other>`',
  '- Stages: **prod**',
  '- Previous version: v1.0.0',
  '- Bump: minor',
  '- Data: `s3://data/churn/2025-02`',
  '',
  '**Stage history**',
  '',
  '| stage | event | by | date | tag |',
  '| --- | --- | --- | --- | --- |',
  '| staging | assigned | GTO Reference | 2025-03-08 12:00:00+00:00 | `churn#staging#1` |',
  '| prod | assigned | GTO Reference | 2025-03-09 14:00:00+02:00 | `churn#prod#2` |',
  '| staging | unassigned | GTO Reference | 2025-03-10 12:00:00+00:00 | `churn#staging!#3` |',
  '',
  '**Metrics**',
  '',
  '| metric | v1.1.0 | v1.0.0 | change |',
  '| --- | ---: | ---: | ---: |',
  '| auc | 0.91 | 0.85 | +0.06 |',
  '| f1 | 0.70 | – | – |',
  '',
  '**Commits**',
  '',
  '- `<features>` Better features — Ann Author, 2025-03-06',
  '  - `Model: churn`',
  '  - `Model-Bump: minor`',
  '  - `Model-Metric: auc=0.91`',
  '  - `Model-Metric: f1=0.70`',
  '  - `Model-Data: s3://data/churn/2025-02`',
  '- `<weights>` Update weights — Ann Author, 2025-03-05',
  '',
  '### v1.0.0',
  '',
  '- Registered 2025-03-03 12:00:00+00:00 by GTO Reference: `churn@v1.0.0` on commit `<train>`',
  '- Previous version: none',
  '- Data: `s3://data/churn/2025-01 (deduplicated)`',
  '',
  '**Metrics**',
  '',
  '| metric | v1.0.0 | previous | change |',
  '| --- | ---: | ---: | ---: |',
  '| auc | 0.85 | – | – |',
  '',
  '**Commits**',
  '',
  '- `<train>` Train churn baseline — Ann Author, 2025-03-02',
  '  - `Model: churn`',
  '  - `Model-Metric: auc=0.85`',
  '  - `Model-Data: s3://data/churn/2025-01 (deduplicated)`',
  '',
  '## segment (deprecated)',
  '',
  '- Deprecated 2025-03-11 12:00:00+00:00 by GTO Reference: `segment@deprecated`',
  '',
  '### Unreleased',
  '',
  'Next version: **v1.0.0** (Model-Bump: major)',
  '',
  '- `<other>` Segment tweak — Ann Author, 2025-03-06',
  '  - `Model: segment`',
  '  - `Model-Bump: major`',
  '',
  '### v0.1.0',
  '',
  '- Registered 2025-03-04 12:00:00+00:00 by GTO Reference: `segment@v0.1.0` on commit `<segment>`',
  '- Previous version: none',
  '',
  '**Metrics**',
  '',
  '| metric | v0.1.0 | previous | change |',
  '| --- | ---: | ---: | ---: |',
  '| auc | 0.5 | – | – |',
  '',
  '**Commits**',
  '',
  '- `<segment>` Add segment model — Ann Author, 2025-03-04',
  '  - `Model: segment`',
  '  - `Model-Metric: auc=0.5`',
];

const short = (sha: string | undefined) => (sha as string).slice(0, 7);

/** The expected JSON for the scenario (its commit ids are fixed by its dates and contents). */
function expectedJson(c: Record<string, string>) {
  return {
    models: [
      {
        name: 'churn',
        path: 'models/churn.pkl',
        deprecated: false,
        deprecation: null,
        unreleased: {
          commits: [
            {
              sha: c.tune,
              shortSha: short(c.tune),
              subject: 'Tune thresholds',
              author: { name: 'Ann Author', email: 'ann@example.com' },
              date: '2025-03-12T12:00:00+00:00',
              url: null,
              trailers: [{ key: 'Model', value: 'churn' }, { key: 'Model-Bump', value: 'patch' }],
            },
          ],
          bump: 'patch',
          nextVersion: 'v1.1.1',
        },
        versions: [
          {
            version: 'v1.1.0',
            tag: 'churn@v1.1.0',
            tagUrl: null,
            commit: c.other,
            shortCommit: short(c.other),
            commitUrl: null,
            previous: 'v1.0.0',
            registration: {
              by: { name: 'GTO Reference', email: 'gto-ref@example.com' },
              date: '2025-03-07T12:00:00+00:00',
              tag: 'churn@v1.1.0',
              tagUrl: null,
            },
            deprecated: false,
            deprecation: null,
            stages: [
              {
                stage: 'staging',
                action: 'assign',
                by: { name: 'GTO Reference', email: 'gto-ref@example.com' },
                date: '2025-03-08T12:00:00+00:00',
                tag: 'churn#staging#1',
                tagUrl: null,
              },
              {
                stage: 'prod',
                action: 'assign',
                by: { name: 'GTO Reference', email: 'gto-ref@example.com' },
                date: '2025-03-09T14:00:00+02:00',
                tag: 'churn#prod#2',
                tagUrl: null,
              },
              {
                stage: 'staging',
                action: 'unassign',
                by: { name: 'GTO Reference', email: 'gto-ref@example.com' },
                date: '2025-03-10T12:00:00+00:00',
                tag: 'churn#staging!#3',
                tagUrl: null,
              },
            ],
            currentStages: ['prod'],
            bump: 'minor',
            metrics: [
              { key: 'auc', value: '0.91', previous: '0.85', change: 0.06 },
              { key: 'f1', value: '0.70', previous: null, change: null },
            ],
            data: ['s3://data/churn/2025-02'],
            commits: [
              {
                sha: c.features,
                shortSha: short(c.features),
                subject: 'Better features',
                author: { name: 'Ann Author', email: 'ann@example.com' },
                date: '2025-03-06T12:00:00+00:00',
                url: null,
                trailers: [
                  { key: 'Model', value: 'churn' },
                  { key: 'Model-Bump', value: 'minor' },
                  { key: 'Model-Metric', value: 'auc=0.91' },
                  { key: 'Model-Metric', value: 'f1=0.70' },
                  { key: 'Model-Data', value: 's3://data/churn/2025-02' },
                ],
              },
              {
                sha: c.weights,
                shortSha: short(c.weights),
                subject: 'Update weights',
                author: { name: 'Ann Author', email: 'ann@example.com' },
                date: '2025-03-05T12:00:00+00:00',
                url: null,
                trailers: [],
              },
            ],
          },
          {
            version: 'v1.0.0',
            tag: 'churn@v1.0.0',
            tagUrl: null,
            commit: c.train,
            shortCommit: short(c.train),
            commitUrl: null,
            previous: null,
            registration: {
              by: { name: 'GTO Reference', email: 'gto-ref@example.com' },
              date: '2025-03-03T12:00:00+00:00',
              tag: 'churn@v1.0.0',
              tagUrl: null,
            },
            deprecated: false,
            deprecation: null,
            stages: [],
            currentStages: [],
            bump: null,
            metrics: [{ key: 'auc', value: '0.85', previous: null, change: null }],
            data: ['s3://data/churn/2025-01 (deduplicated)'],
            commits: [
              {
                sha: c.train,
                shortSha: short(c.train),
                subject: 'Train churn baseline',
                author: { name: 'Ann Author', email: 'ann@example.com' },
                date: '2025-03-02T12:00:00+00:00',
                url: null,
                trailers: [
                  { key: 'Model', value: 'churn' },
                  { key: 'Model-Metric', value: 'auc=0.85' },
                  { key: 'Model-Data', value: 's3://data/churn/2025-01 (deduplicated)' },
                ],
              },
            ],
          },
        ],
      },
      {
        name: 'segment',
        path: null,
        deprecated: true,
        deprecation: {
          by: { name: 'GTO Reference', email: 'gto-ref@example.com' },
          date: '2025-03-11T12:00:00+00:00',
          tag: 'segment@deprecated',
          tagUrl: null,
        },
        unreleased: {
          commits: [
            {
              sha: c.other,
              shortSha: short(c.other),
              subject: 'Segment tweak',
              author: { name: 'Ann Author', email: 'ann@example.com' },
              date: '2025-03-06T12:00:00+00:00',
              url: null,
              trailers: [{ key: 'Model', value: 'segment' }, { key: 'Model-Bump', value: 'major' }],
            },
          ],
          bump: 'major',
          nextVersion: 'v1.0.0',
        },
        versions: [
          {
            version: 'v0.1.0',
            tag: 'segment@v0.1.0',
            tagUrl: null,
            commit: c.segment,
            shortCommit: short(c.segment),
            commitUrl: null,
            previous: null,
            registration: {
              by: { name: 'GTO Reference', email: 'gto-ref@example.com' },
              date: '2025-03-04T12:00:00+00:00',
              tag: 'segment@v0.1.0',
              tagUrl: null,
            },
            deprecated: false,
            deprecation: null,
            stages: [],
            currentStages: [],
            bump: null,
            metrics: [{ key: 'auc', value: '0.5', previous: null, change: null }],
            data: [],
            commits: [
              {
                sha: c.segment,
                shortSha: short(c.segment),
                subject: 'Add segment model',
                author: { name: 'Ann Author', email: 'ann@example.com' },
                date: '2025-03-04T12:00:00+00:00',
                url: null,
                trailers: [{ key: 'Model', value: 'segment' }, { key: 'Model-Metric', value: 'auc=0.5' }],
              },
            ],
          },
        ],
      },
    ],
  };
}

function expectOneLineError(r: { stderr: string; stdout: string; code: number }, code: number, message: RegExp) {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^modelreg: /);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

describe('modelreg changelog', () => {
  let repo: TestRepo;
  let c: Record<string, string>;
  beforeAll(() => {
    ({ repo, c } = scenario());
    ok(repo, ['register', 'churn', '--bump', 'auto'], day(7));
    ok(repo, ['assign', 'churn', '--version', 'v1.1.0', '--stage', 'staging'], day(8));
    ok(repo, ['assign', 'churn', '--version', 'v1.1.0', '--stage', 'prod'], day(9, '+0200'));
    ok(repo, ['deprecate', 'churn', 'v1.1.0', 'staging'], day(10));
    ok(repo, ['deprecate', 'segment'], day(11));
    c.tune = commitAs(repo, { 'thresholds.txt': '0.4\n' }, 'Tune thresholds\n\nModel: churn\nModel-Bump: patch', day(12));
    commitAs(repo, { 'models/churn.pkl': 'weights 3\n' }, 'Touch weights without a trailer', day(13));
  });

  it('prints Markdown: a section per model and per version, stage history and metrics tables', () => {
    const expected = EXPECTED_MD.join('\n').replace(/<(\w+)>/g, (_, name: string) => short(c[name])) + '\n';
    expect(ok(repo, ['changelog'])).toBe(expected);
  });

  it('prints JSON that validates against schemas/changelog.schema.json', () => {
    const out = ok(repo, ['changelog', '--format', 'json']);
    const expected = expectedJson(c);
    expect(JSON.parse(out)).toEqual(expected);
    expect(out).toBe(JSON.stringify(expected, null, 2) + '\n');
    expect(validate(JSON.parse(out)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('writes --output, and the same file again on an unchanged repository', () => {
    const file = join(repo.home, 'CHANGELOG.md');
    expect(ok(repo, ['changelog', '--output', file])).toBe(`Wrote ${file}\n`);
    const first = readFileSync(file, 'utf8');
    expect(first).toBe(ok(repo, ['changelog']));
    expect(ok(repo, ['changelog', '-o', file])).toBe(`Wrote ${file}\n`);
    expect(readFileSync(file, 'utf8')).toBe(first);
    ok(repo, ['changelog', '--format', 'json', '-o', 'changelog.json']);
    const json = readFileSync(join(repo.dir, 'changelog.json'), 'utf8');
    ok(repo, ['changelog', '--format', 'json', '-o', 'changelog.json']);
    expect(readFileSync(join(repo.dir, 'changelog.json'), 'utf8')).toBe(json);
    expect(JSON.parse(json)).toEqual(expectedJson(c));
    // '-' is stdout; an empty name is a usage error.
    expect(ok(repo, ['changelog', '-o', '-'])).toBe(first);
    expect(existsSync(join(repo.dir, '-'))).toBe(false);
    expectOneLineError(repo.modelreg(['changelog', '-o', '']), 2, /the output file is empty/);
  });

  it('runs one git log, the one started first and taken over by the command; later for -r PATH, none for --help', () => {
    const expected = ok(repo, ['changelog', '--format', 'json']);
    /** The git commands a run started (GIT_TRACE), in the order they started. */
    let runs = 0;
    const traced = (args: string[]) => {
      const file = join(repo.home, `trace-${++runs}`);
      const r = repo.modelreg(args, { env: { GIT_TRACE: file } });
      const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
      const commands = lines.flatMap((l) => /trace: built-in: git (.*)/.exec(l)?.slice(1) ?? []);
      // The changelog's log: every commit of HEAD and the tags, with their subjects and trailers.
      const isLog = (c: string) => c.startsWith('log ') && c.includes(' --tags ') && c.includes('%(trailers:unfold,only)');
      return { r, commands, logs: commands.flatMap((c, i) => (isLog(c) ? [i] : [])) };
    };
    const early = traced(['changelog', '--format', 'json', '--from', 'v1.0.0']);
    expect(early.r.code).toBe(0);
    expect(early.logs).toEqual([0]); // the first git to start, taken over, not run again
    const same = traced(['changelog', '--format', 'json']);
    expect(same.r.stdout).toBe(expected);
    // -r names a repository bin.ts does not look for: the command starts its own log, later.
    const named = traced(['changelog', '--format', 'json', '-r', repo.dir]);
    expect(named.r.stdout).toBe(expected);
    expect(named.logs).toHaveLength(1);
    expect(named.logs[0]).toBeGreaterThan(0);
    expect(traced(['changelog', '--help']).commands).toEqual([]);
  });

  it('runs from a subdirectory with a relative GIT_DIR, as scripts and hooks set it', () => {
    const expected = ok(repo, ['changelog', '--format', 'json']);
    repo.write('sub/x.txt', 'x\n');
    const r = repo.modelreg(['changelog', '--format', 'json'], { cwd: join(repo.dir, 'sub'), env: { GIT_DIR: '../.git' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected);
  });

  it('warns in a shallow clone that older commits are missing; register --bump auto refuses there', () => {
    const shallow = new TestRepo(join(repo.home, `shallow-${Date.now()}`), repo.home);
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow.dir], { env: repo.env });
    const r = shallow.modelreg(['changelog', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('modelreg: warning: this is a shallow clone, so commits before its boundary are missing — fetch the whole history first: git fetch --unshallow --tags\n');
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expectOneLineError(shallow.modelreg(['register', 'churn', '--bump', 'auto', '--dry-run']), 1, /--bump auto reads the commits since the last version, and this shallow clone may not have them — fetch the whole history first/);
  });

  it('selects one model and a range of versions', () => {
    const only = JSON.parse(ok(repo, ['changelog', 'churn', '--from', 'v1.1.0', '--format', 'json']));
    expect(only.models.map((m: { name: string }) => m.name)).toEqual(['churn']);
    expect(only.models[0].versions.map((v: { version: string }) => v.version)).toEqual(['v1.1.0']);
    expect(only.models[0].versions[0].metrics[0]).toEqual({ key: 'auc', value: '0.91', previous: '0.85', change: 0.06 });
    const to = JSON.parse(ok(repo, ['changelog', 'churn', '--to', 'v1.0.0', '--format', 'json']));
    expect(to.models[0].versions.map((v: { version: string }) => v.version)).toEqual(['v1.0.0']);
    expect(to.models[0].unreleased).toEqual({ commits: [], bump: null, nextVersion: null });
    expect(ok(repo, ['changelog', 'segment'])).toMatch(/^# Changelog\n\n## segment \(deprecated\)\n/);
  });

  it('links commits and tags from a GitHub origin, or from the URL templates of .modelreg.yaml', () => {
    repo.git(['remote', 'add', 'origin', 'git@github.com:acme/models.git']);
    try {
      const md = ok(repo, ['changelog', 'churn', '--from', 'v1.1.0']);
      expect(md).toContain(
        `- Registered 2025-03-07 12:00:00+00:00 by GTO Reference: [\`churn@v1.1.0\`](https://github.com/acme/models/releases/tag/churn@v1.1.0) on commit [\`${short(c.other)}\`](https://github.com/acme/models/commit/${c.other})\n`,
      );
      expect(md).toContain('[`churn#staging!#3`](https://github.com/acme/models/releases/tag/churn%23staging!%233)');
      repo.write('.modelreg.yaml', 'stages: [staging, prod]\nchangelog:\n  commit_url: "https://git.example.com/ml/models/commit/{sha}"\n');
      const json = JSON.parse(ok(repo, ['changelog', 'churn', '--format', 'json']));
      expect(json.models[0].versions[0].commitUrl).toBe(`https://git.example.com/ml/models/commit/${c.other}`);
      expect(json.models[0].versions[0].tagUrl).toBe('https://github.com/acme/models/releases/tag/churn@v1.1.0');
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    } finally {
      repo.git(['remote', 'remove', 'origin']);
      repo.write('.modelreg.yaml', '');
    }
  });

  it('warns about bad model trailers of the commits it lists, and still prints', () => {
    const { repo: r2 } = scenario();
    commitAs(r2, { 'x.txt': 'x\n' }, 'Oops\n\nModel: churn\nModel-Bump: huge\nModel-Metric: auc', day(8));
    const r = r2.modelreg(['changelog', 'churn', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^modelreg: warning: commit [0-9a-f]{7}: 'Model-Bump: huge' must be major, minor or patch\nmodelreg: warning: commit [0-9a-f]{7}: 'Model-Metric: auc' must be KEY=VALUE/);
    expect(JSON.parse(r.stdout).models[0].unreleased.commits[0].subject).toBe('Oops');
  });

  it('refuses an unknown model or version in one line (exit 1), a bad format with usage (exit 2)', () => {
    expectOneLineError(repo.modelreg(['changelog', 'ghost']), 1, /cannot find artifact 'ghost'/);
    expectOneLineError(repo.modelreg(['changelog', 'churn', '--from', '1.1.0']), 1, /--from '1\.1\.0' is not a version — .*did you mean 'v1\.1\.0'/);
    expectOneLineError(repo.modelreg(['changelog', 'churn', '--to', 'v7.0.0']), 1, /--to v7\.0\.0 is not a registered version of churn — see the registered versions with: modelreg show churn/);
    expectOneLineError(repo.modelreg(['changelog', '--from', 'v1.1.0', '--to', 'v1.0.0']), 1, /--from v1\.1\.0 is after --to v1\.0\.0/);
    expectOneLineError(repo.modelreg(['changelog', 'bad name']), 1, /invalid artifact name 'bad name'/);
    expectOneLineError(repo.modelreg(['changelog', '--output', join(repo.home, 'no', 'such', 'dir', 'CHANGELOG.md')]), 1, /cannot write .*CHANGELOG\.md/);
    const help = repo.modelreg(['changelog', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: modelreg changelog \[options\] \[name\]/);
    expect(repo.modelreg(['register', '--help']).stdout).toMatch(/--bump <part>[\s\S]*--dry-run/);
    const r = repo.modelreg(['changelog', '--format', 'html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^modelreg: option '--format <format>' argument 'html' is invalid/);
  });

  it("takes model paths from GTO's artifacts.yaml too, but not URLs or virtual artifacts", () => {
    const r = TestRepo.init();
    commitAs(r, { 'artifacts.yaml': 'churn:\n  type: model\n  path: models/churn\nremote:\n  path: s3://bucket/remote.pkl\nvirt:\n  path: virtual/x\n  virtual: true\n' }, 'Annotate', day(1));
    commitAs(r, { 'models/churn/weights.bin': '1\n' }, 'Train', day(2));
    ok(r, ['register', 'churn', '--version', 'v1.0.0'], day(3));
    ok(r, ['register', 'virt', '--version', 'v1.0.0'], day(3));
    commitAs(r, { 'virtual/x/a.txt': '1\n' }, 'Touch the virtual path', day(4));
    ok(r, ['register', 'virt', '--version', 'v1.1.0'], day(5));
    const json = JSON.parse(ok(r, ['changelog', '--format', 'json']));
    const byName = new Map(json.models.map((m: { name: string }) => [m.name, m]));
    expect(byName.get('churn')).toMatchObject({ path: 'models/churn', versions: [{ commits: [{ subject: 'Train' }] }] });
    expect(byName.get('virt')).toMatchObject({ path: null, versions: [{ version: 'v1.1.0', commits: [] }, { version: 'v1.0.0', commits: [] }] });
  });

  it('takes the path of an artifact in a nested dvc.yaml relative to that file', () => {
    const r = TestRepo.init();
    commitAs(r, { 'models/nlp/dvc.yaml': 'artifacts:\n  bert:\n    path: weights\n' }, 'Annotate', day(1));
    commitAs(r, { 'models/nlp/weights/w.bin': '1\n' }, 'Train bert', day(2));
    commitAs(r, { 'README.md': 'x\n' }, 'Unrelated', day(3));
    ok(r, ['register', 'models/nlp:bert', '--version', 'v1.0.0'], day(4));
    const json = JSON.parse(ok(r, ['changelog', '--format', 'json']));
    expect(json.models[0]).toMatchObject({
      name: 'models/nlp:bert',
      path: 'models/nlp/weights',
      versions: [{ version: 'v1.0.0', commits: [{ subject: 'Train bert' }] }],
    });
  });

  it('prints an empty changelog for a repository without commits or tags', () => {
    const empty = TestRepo.init();
    expect(ok(empty, ['changelog'])).toBe('# Changelog\n\nNo models in this repository.\n');
    expect(ok(empty, ['changelog', '--format', 'json'])).toBe('{\n  "models": []\n}\n');
  });
});
