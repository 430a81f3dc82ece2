// Many registries, one view: several repositories served as local bare remotes (file:// URLs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { validateHistoryOutput, validateShowOutput } from '../packages/core/dist/generated/validators.js';
import { TestRepo, cleanTemps, tempDir } from './helpers/repo.js';
import { servedRegistry, type ServedRegistry } from './helpers/registries.js';

afterAll(cleanTemps);

const DVC = (name: string, desc: string) => `artifacts:\n  ${name}:\n    path: ${name}.pkl\n    type: model\n    desc: ${desc}\n`;

let churn: ServedRegistry;
let vision: ServedRegistry;
/** Where the user runs modelreg: a repository with no registry of its own. */
let user: TestRepo;

beforeAll(() => {
  churn = servedRegistry('churn', { 'dvc.yaml': DVC('churn', 'Churn classifier'), 'churn.pkl': 'w\n' }, ['churn@v1.0.0', 'churn#prod', 'shared@v0.1.0']);
  vision = servedRegistry('vision', { 'dvc.yaml': DVC('shared', 'Shared embedder'), 'shared.pkl': 'w\n' }, ['resnet@v2.0.0', 'resnet#staging', 'shared@v1.0.0'], 10);
  user = TestRepo.init();
  user.commit('README.md', 'models\n', 'Start');
});

/** Run modelreg as the user, with a GIT_TRACE file to count what git did. */
function run(args: string[], trace?: string) {
  return user.modelreg(args, trace ? { env: { GIT_TRACE: trace } } : {});
}
const fetches = (trace: string) => (existsSync(trace) ? readFileSync(trace, 'utf8').match(/built-in: git (?:--git-dir \S+ )?(?:fetch|clone)\b/g)?.length ?? 0 : 0);
const both = () => ['-r', churn.url, '-r', vision.url];

/**
 * Run `body` with an https:// URL to a local port that accepts connections (the kernel does, even
 * while the test waits for modelreg) and never says a word; then check that git asked, and that
 * what git started to ask (its https helper) was stopped too: every connection is closed.
 */
async function withSilentRemote(body: (url: string) => void): Promise<void> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket.resume()));
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  try {
    body(`https://127.0.0.1:${(server.address() as AddressInfo).port}/silent.git`);
    await new Promise((r) => setTimeout(r, 100));
    expect(sockets.length).toBeGreaterThan(0);
    await Promise.all(sockets.map((s) => (s.closed ? undefined : new Promise((closed) => s.once('close', closed)))));
  } finally {
    for (const s of sockets) s.destroy();
    server.close();
  }
}

describe('show across registries', () => {
  it('one table with a repo column, registries in the order given', () => {
    const r = run(['show', ...both(), '--plain']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'repo    name    latest    #prod    #staging',
        'churn   churn   v1.0.0    v1.0.0   -',
        'churn   shared  v0.1.0    -        -',
        'vision  resnet  v2.0.0    -        v2.0.0',
        'vision  shared  v1.0.0    -        -',
        '',
      ].join('\n'),
    );
  });

  it('--json keys by REPO/NAME and adds a repo field', () => {
    const r = run(['show', ...both(), '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['churn/churn', 'churn/shared', 'vision/resnet', 'vision/shared']);
    expect(json['vision/resnet']).toEqual({ repo: 'vision', version: 'v2.0.0', stage: { prod: null, staging: 'v2.0.0' }, registered: true, active: true });
  });

  it('a unique NAME needs no repo; an ambiguous one is an error listing the candidates; REPO/NAME picks one', () => {
    const unique = run(['show', ...both(), 'resnet#staging', '--plain']);
    expect(unique.code).toBe(0);
    expect(unique.stdout).toMatch(/^repo +artifact +version +stage +created_at +ref\nvision +resnet +v2\.0\.0 +staging +2025-03-01 10:11:00\+00:00 +resnet@v2\.0\.0\n/);
    const ambiguous = run(['show', ...both(), 'shared']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stdout).toBe('');
    expect(ambiguous.stderr).toBe("modelreg: 'shared' is in 2 registries: churn/shared, vision/shared — name one as REPO/NAME\n");
    const picked = run(['show', ...both(), 'vision/shared', '--json']);
    expect(picked.code).toBe(0);
    expect(JSON.parse(picked.stdout).map((v: { repo: string; version: string }) => [v.repo, v.version])).toEqual([['vision', 'v1.0.0']]);
    expect(run(['show', ...both(), 'vision/shared@latest', '--version']).stdout).toBe('v1.0.0\n');
  });

  it('history merges the events of all registries by time; describe reads the one registry that has the artifact', () => {
    const h = run(['history', ...both(), '--plain', '--asc']);
    expect(h.code).toBe(0);
    const lines = h.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/).slice(0, 5).join(' '));
    expect(lines).toEqual([
      'churn 2025-03-01 10:01:00+00:00 churn registration',
      'churn 2025-03-01 10:02:00+00:00 churn assignment',
      'churn 2025-03-01 10:03:00+00:00 shared registration',
      'vision 2025-03-01 10:11:00+00:00 resnet registration',
      'vision 2025-03-01 10:12:00+00:00 resnet assignment',
      'vision 2025-03-01 10:13:00+00:00 shared registration',
    ]);
    const d = run(['describe', ...both(), 'vision/shared@v1.0.0', '--json']);
    expect(d.code).toBe(0);
    expect(JSON.parse(d.stdout)).toMatchObject({ repo: 'vision', name: 'shared', desc: 'Shared embedder' });
    expect(run(['stages', ...both()]).stdout).toBe('prod\nstaging\n');
  });

  it('an unreachable registry is one line naming it; the others are still shown; exit 1', () => {
    const missing = pathToFileURL(join(tempDir(), 'gone.git')).href;
    const r = run(['show', '-r', churn.url, '-r', missing, '--plain']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^repo +name +latest +#prod\nchurn +churn +v1\.0\.0 +v1\.0\.0\nchurn +shared +v0\.1\.0 +-\n$/);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(new RegExp(`^modelreg: registry 'gone' \\(${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\): git ls-remote failed: .+\\n$`));
  });

  it('a remote that accepts the connection and never answers is unreachable after MODELREG_REMOTE_TIMEOUT; the others print', async () => {
    let hanging = '';
    await withSilentRemote((url) => {
      hanging = url;
      const r = user.modelreg(['show', '-r', churn.url, '-r', url, '--plain'], { env: { MODELREG_REMOTE_TIMEOUT: '1' } });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^repo +name +latest +#prod\nchurn +churn +v1\.0\.0 +v1\.0\.0\nchurn +shared +v0\.1\.0 +-\n$/);
      expect(r.stderr).toBe(`modelreg: registry 'silent' (${url}): no answer within 1 s (MODELREG_REMOTE_TIMEOUT sets how many seconds to wait)\n`);
    });
    const bad = user.modelreg(['show', '-r', churn.url, '-r', hanging], { env: { MODELREG_REMOTE_TIMEOUT: 'soon' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("modelreg: MODELREG_REMOTE_TIMEOUT is 'soon', not a number of seconds — e.g. MODELREG_REMOTE_TIMEOUT=60 (default 30)\n");
  });

  it('a lone -r URL whose remote never answers is given up after MODELREG_REMOTE_TIMEOUT too, for a read and a write', async () => {
    await withSilentRemote((url) => {
      for (const args of [['show', '-r', url], ['register', 'churn', '-r', url]]) {
        const r = user.modelreg(args, { env: { MODELREG_REMOTE_TIMEOUT: '1' } });
        expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 1, stdout: '' });
        expect(r.stderr).toBe(`modelreg: no answer from ${url} within 1 s (MODELREG_REMOTE_TIMEOUT sets how many seconds to wait)\n`);
      }
    });
    // A remote that answers is not cut short by the same limit: its clone and fetch run to the end.
    const fresh = TestRepo.init();
    const env = { MODELREG_REMOTE_TIMEOUT: '1', MODELREG_CACHE_DIR: join(tempDir(), 'cache') };
    for (const step of ['clone', 'fetch']) {
      const shown = fresh.modelreg(['show', '-r', churn.url, '--plain'], { env });
      expect({ step, stderr: shown.stderr }).toEqual({ step, stderr: '' });
      expect(shown.stdout).toMatch(/^name +latest +#prod\nchurn +v1\.0\.0 +v1\.0\.0\n/);
    }
  });

  it('a single registry prints exactly what it prints alone: no repo column, no repo field', () => {
    const alone = run(['show', '-r', churn.url]);
    expect(alone.stdout).not.toMatch(/repo/);
    const configured = TestRepo.init();
    configured.commit('.modelreg.yaml', `registries:\n  - name: churn\n    url: ${churn.url}\n`, 'One registry');
    const viaConfig = configured.modelreg(['show']);
    expect(viaConfig.code).toBe(0);
    expect(viaConfig.stdout).toBe(alone.stdout);
    expect(configured.modelreg(['show', '--json']).stdout).toBe(run(['show', '-r', churn.url, '--json']).stdout);
  });
});

describe("GTO's listing rules, per registry, in a view of several", () => {
  const cells = (text: string) => text.trimEnd().split('\n').map((l) => l.trim().split(/ +/));

  it("each registry's config stages are columns in its order; latest, listing and line options as for one registry", () => {
    // v1.2.0 is registered last and holds staging; v1.10.0 is the higher version.
    const nlp = servedRegistry('nlp', { '.modelreg.yaml': 'stages: [staging, prod, archive]\n' }, ['bert@v1.10.0', 'bert@v1.2.0', 'bert#staging'], 20);
    const view = ['-r', nlp.url, '-r', churn.url];
    const table = run(['show', ...view, '--plain']);
    expect(table.stderr).toBe('');
    expect(cells(table.stdout)).toEqual([
      ['repo', 'name', 'latest', '#staging', '#prod', '#archive'],
      ['nlp', 'bert', 'v1.10.0', 'v1.2.0', '-', '-'],
      ['churn', 'churn', 'v1.0.0', '-', 'v1.0.0', '-'],
      ['churn', 'shared', 'v0.1.0', '-', '-', '-'],
    ]);
    expect(JSON.parse(run(['show', ...view, '--json']).stdout)['nlp/bert'].stage).toEqual({ staging: 'v1.2.0', prod: null, archive: null });
    expect(run(['stages', ...view]).stdout).toBe('staging\nprod\narchive\n');
    expect(run(['show', ...view, '--name']).stdout).toBe('nlp/bert\nchurn/churn\nchurn/shared\n');
    // SemVer-descending whatever the registration order; --stage one line per listed version.
    expect(run(['show', ...view, 'bert', '--version']).stdout).toBe('v1.10.0\nv1.2.0\n');
    for (const option of ['--version', '--stage', '--ref']) {
      expect(run(['show', ...view, 'nlp/bert', option]).stdout).toBe(run(['show', '-r', nlp.url, 'bert', option]).stdout);
    }
    expect(run(['show', ...view, 'nlp/bert', '--stage']).stdout).toBe('\nstaging\n');
    const usage = run(['show', ...view, 'bert', '--name']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('modelreg: --name lists the registry: give no artifact — e.g. modelreg show --name\n');
  });

  it('annotated but never registered artifacts are listed as *NAME with their repo, from the cache too', () => {
    const drafts = servedRegistry('drafts', { 'dvc.yaml': DVC('draft', 'Not registered yet'), 'draft.pkl': 'w\n' }, ['ready@v1.0.0'], 50);
    const view = ['-r', drafts.url, '-r', churn.url];
    const expected = [
      ['repo', 'name', 'latest', '#prod'],
      ['drafts', '*draft', '-', '-'],
      ['drafts', 'ready', 'v1.0.0', '-'],
      ['churn', 'churn', 'v1.0.0', 'v1.0.0'],
      ['churn', 'shared', 'v0.1.0', '-'],
    ];
    const first = run(['show', ...view, '--plain']);
    expect(first.stderr).toBe('');
    expect(cells(first.stdout)).toEqual(expected);
    // The second run reads what show printed of each unchanged remote from the cache.
    expect(cells(run(['show', ...view, '--plain']).stdout)).toEqual(expected);
    const json = JSON.parse(run(['show', ...view, '--json']).stdout);
    expect(json['drafts/draft']).toEqual({ repo: 'drafts', version: null, stage: { prod: null }, registered: false, active: true });
    expect(validateShowOutput(json)).toBe(true);
    expect(run(['show', ...view, '--name']).stdout).toBe('drafts/*draft\ndrafts/ready\nchurn/churn\nchurn/shared\n');
    // The single registry lists it as it always did.
    expect(cells(run(['show', '-r', drafts.url, '--plain']).stdout)).toEqual([['name', 'latest'], ['*draft', '-'], ['ready', 'v1.0.0']]);
  });

  it('an artifact listed in artifacts.yaml at HEAD is found by its discovered version', () => {
    const gto = servedRegistry('gto', { 'artifacts.yaml': 'listed:\n  type: model\n  path: listed.pkl\n' }, [], 40);
    const r = run(['show', '-r', gto.url, '-r', churn.url, 'listed', '--json']);
    expect(r.stderr).toBe('');
    const [version] = JSON.parse(r.stdout);
    expect(version).toMatchObject({ repo: 'gto', artifact: 'listed', version: gto.work.git(['rev-parse', 'HEAD']).trim(), discovered: true });
  });
});

describe('JSON of several registries', () => {
  const valid = (validate: { (d: unknown): boolean; errors?: unknown }, data: unknown) => {
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
  };

  it('show, show NAME and history validate against their schemas', () => {
    valid(validateShowOutput, JSON.parse(run(['show', ...both(), '--json']).stdout));
    valid(validateShowOutput, JSON.parse(run(['show', ...both(), 'churn/shared', '--json']).stdout));
    valid(validateHistoryOutput, JSON.parse(run(['history', ...both(), '--json']).stdout));
  });

  it('changelog: each model with its repo, valid against the changelog schema; markdown has a section per registry', () => {
    const ajv = new Ajv2020.default({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas', 'changelog.schema.json'), 'utf8')));
    const r = run(['changelog', ...both(), '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    valid(validate, json);
    expect(json.models.map((m: { repo: string; name: string }) => `${m.repo}/${m.name}`)).toEqual(['churn/churn', 'churn/shared', 'vision/resnet', 'vision/shared']);
    const md = run(['changelog', ...both(), 'vision/resnet']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Changelog: vision\n/);
    expect(md.stdout).not.toMatch(/churn/);
  });
});

describe('registries: in .modelreg.yaml', () => {
  it('lists URLs and paths; "." is the repository holding the config, read in place', () => {
    const hub = TestRepo.init();
    hub.commit('.modelreg.yaml', `registries:\n  - name: here\n    path: .\n  - name: vision\n    url: ${vision.url}\n`, 'Registries');
    hub.git(['tag', '-a', '-m', 'Registering artifact hubmodel version v0.0.1', 'hubmodel@v0.0.1']);
    const r = hub.modelreg(['show', '--plain']);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(1, 4)).toEqual([
      expect.stringMatching(/^here +hubmodel +v0\.0\.1 +- *$/),
      expect.stringMatching(/^vision +resnet +v2\.0\.0 +v2\.0\.0$/),
      expect.stringMatching(/^vision +shared +v1\.0\.0 +- *$/),
    ]);
  });

  it('two registries with one name are refused, naming the line', () => {
    const hub = TestRepo.init();
    hub.commit('.modelreg.yaml', `registries:\n  - name: a\n    path: .\n  - name: a\n    url: ${vision.url}\n`, 'Registries');
    const r = hub.modelreg(['show']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^modelreg: \.modelreg\.yaml:4:\d+ .*registry name 'a' is used twice/);
  });
});

describe('fetching as little as possible', () => {
  it('an unchanged remote is skipped after ls-remote; a changed one is fetched; --offline runs no git on remotes', () => {
    const a = servedRegistry('alpha', { 'x.txt': 'x\n' }, ['a@v1.0.0']);
    const b = servedRegistry('beta', { 'y.txt': 'y\n' }, ['b@v1.0.0']);
    const args = ['show', '-r', a.url, '-r', b.url, '--plain'];
    const first = join(tempDir(), 'trace1');
    expect(run(args, first).code).toBe(0);
    expect(fetches(first)).toBe(2); // two partial clones

    const second = join(tempDir(), 'trace2');
    expect(run(args, second).stdout).toMatch(/beta +b +v1\.0\.0/);
    expect(fetches(second)).toBe(0);
    // Each remote is asked for its tags (a local bare one by listing its tag refs in place)…
    expect(readFileSync(second, 'utf8').match(/built-in: git (?:ls-remote|for-each-ref '--format=%\(objectname\)%09%\(refname\)' refs\/tags\/$)/gm)).toHaveLength(2);
    // … and what show prints of an unchanged remote is kept: its tags are not even read.
    expect(readFileSync(second, 'utf8').match(/built-in: git for-each-ref\b/g)).toHaveLength(2);
    expect(readFileSync(second, 'utf8')).not.toMatch(/cat-file --batch/);

    b.work.commit('dvc.yaml', DVC('b', 'Annotated after the first clone'), 'Annotate b');
    b.tag('b@v1.1.0', 30);
    const third = join(tempDir(), 'trace3');
    expect(run(args, third).stdout).toMatch(/beta +b +v1\.1\.0/);
    // The changed remote's tags, and (lazily, by git) the blob of its new dvc.yaml, listed for `*NAME` rows.
    expect(fetches(third)).toBe(2);
    expect(readFileSync(third, 'utf8').match(/built-in: git fetch .*refs\/tags\/b@v1\.1\.0/g)).toHaveLength(1);
    // The fetch brought the default branch too: annotation files are current.
    expect(run(['describe', '-r', a.url, '-r', b.url, 'b', '--desc']).stdout).toBe('Annotated after the first clone\n');
    // Two listings of the remotes' tags, one of the changed remote's cached tags (to fetch only the
    // new ones), and one read of that registry's tag objects (through cat-file, see tag-objects.ts).
    expect(readFileSync(third, 'utf8').match(/built-in: git (?:--git-dir \S+ )?for-each-ref\b/g)).toHaveLength(3);
    expect(readFileSync(third, 'utf8').match(/built-in: git (?:--git-dir \S+ )?cat-file --batch --buffer\b/g)).toHaveLength(1);

    a.tag('a@v2.0.0', 31);
    const offline = join(tempDir(), 'trace4');
    const r = run([...args, '--offline'], offline);
    expect(r.stdout).toMatch(/alpha +a +v1\.0\.0/); // the cache as it is
    expect(readFileSync(offline, 'utf8')).not.toMatch(/ls-remote|upload-pack|built-in: git fetch/);
  });
});
