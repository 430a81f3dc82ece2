// Replays GTO's reference transcript (shared/reference/gto-transcript.md, GTO 1.8.0) step by step
// with the same identity, files and clock, and expects the same tags, tag objects and output.
import { afterAll, describe, expect, it } from 'vitest';
import { TestRepo, cleanTemps, rawDate } from './helpers/repo.js';

const at = (hhmm: string) => rawDate(`2024-01-01T${hhmm}:00Z`);
const repo = TestRepo.init();
afterAll(cleanTemps);

function ok(args: string[], clock: string): string {
  const r = repo.modelreg(args, { date: at(clock) });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

function refused(args: string[], clock: string, message: RegExp): void {
  const before = repo.tags();
  const r = repo.modelreg(args, { date: at(clock) });
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1); // one line, no stack trace
  expect(repo.tags()).toEqual(before); // nothing written
}

const created = (tag: string, what: string, quoted = tag) =>
  `Created git tag '${tag}' that ${what}\nTo push the changes upstream, run:\n    git push origin ${quoted}\n`;

describe('GTO transcript, write commands', () => {
  it('creates the same commits', () => {
    expect(repo.commit('model.pkl', 'weights v1\n', 'Create model', at('00:02'))).toBe('6d393ed0816b8581ce7d24069a754640d378bf91');
  });

  it('registers (§1)', () => {
    expect(ok(['register', 'model'], '00:03')).toBe(created('model@v0.0.1', 'registers version'));
    expect(repo.commit('model.pkl', 'weights v2\n', 'Update model', at('00:04'))).toBe('8733ccc6774e102dbd784d4357db6642e939700b');
    expect(ok(['register', 'model', '--bump-minor', '-m', 'Release v0.1.0'], '00:05')).toBe(created('model@v0.1.0', 'registers version'));
    refused(['register', 'model', '--version', 'v1.0.0'], '00:06', /'model' is already registered in this commit with version 'v0\.1\.0'/);
    expect(ok(['register', 'churn', '--version', 'v3.0.0'], '00:07')).toBe(created('churn@v3.0.0', 'registers version'));
    refused(['register', 'churn', 'HEAD~1', '--version', '3.1.0'], '00:08', /version '3\.1\.0' cannot be parsed.*'v3\.1\.0'/);
    refused(['register', 'bad name'], '00:09', /invalid artifact name 'bad name'/);
    expect(ok(['register', 'Team/Model_A-1', 'HEAD~1'], '00:10')).toBe(created('Team/Model_A-1@v0.0.1', 'registers version'));
    expect(ok(['register', 'path/to:clf', 'HEAD~1'], '00:11')).toBe(created('path/to=clf@v0.0.1', 'registers version'));
  });

  it('assigns (§2)', () => {
    expect(ok(['assign', 'model', '--stage', 'dev'], '00:12')).toBe(created('model#dev#1', "assigns stage to version 'v0.1.0'", "'model#dev#1'"));
    expect(ok(['assign', 'model', '--version', 'v0.0.1', '--stage', 'prod'], '00:13')).toBe(
      created('model#prod#2', "assigns stage to version 'v0.0.1'", "'model#prod#2'"),
    );
    expect(repo.commit('model.pkl', 'weights v3\n', 'Retrain model', at('00:14'))).toBe('368258bae2dfe5f4df74581c87e739915c264e02');
    expect(ok(['assign', 'model', 'HEAD', '--stage', 'staging'], '00:15')).toBe(
      created('model@v0.1.1', 'registers version') + created('model#staging#3', "assigns stage to version 'v0.1.1'", "'model#staging#3'"),
    );
    expect(ok(['assign', 'churn', '--version', 'v3.0.0', '--stage', 'prod', '--simple', 'true'], '00:16')).toBe(
      created('churn#prod', "assigns stage to version 'v3.0.0'", "'churn#prod'"),
    );
    expect(ok(['assign', 'churn', '--version', 'v3.0.0', '--stage', 'dev', '--simple', 'true'], '00:17')).toBe(
      created('churn#dev', "assigns stage to version 'v3.0.0'", "'churn#dev'"),
    );
    expect(ok(['assign', 'model', '--version', 'v0.1.0', '--stage', 'prod', '-m', 'Promote v0.1.0 to prod'], '00:18')).toBe(
      created('model#prod#4', "assigns stage to version 'v0.1.0'", "'model#prod#4'"),
    );
    refused(['assign', 'model', '--version', 'v0.1.0', '--stage', 'prod'], '00:19', /version 'v0\.1\.0' is already in stage 'prod'.*--force/);
  });

  it('deprecates (§3)', () => {
    expect(ok(['deprecate', 'model', 'v0.1.1', 'staging'], '00:20')).toBe(
      created('model#staging!#5', "unassigns stage from version 'v0.1.1'", "'model#staging!#5'"),
    );
    expect(ok(['deprecate', 'model', 'v0.0.1'], '00:21')).toBe(created('model@v0.0.1!', 'deregisters version', "'model@v0.0.1!'"));
    expect(ok(['deprecate', 'churn'], '00:22')).toBe(created('churn@deprecated', 'deprecates artifact'));
    ok(['register', 'segment', '--version', 'v0.4.1'], '00:23');
    ok(['assign', 'segment', '--stage', 'dev'], '00:23');
    expect(ok(['deprecate', 'segment', 'v0.4.1', 'dev', '--delete'], '00:24')).toBe(
      "Deleted git tag 'segment#dev#1'\nTo push the changes upstream, run:\n    git push --delete origin 'segment#dev#1'\n",
    );
    expect(repo.tags().filter((t) => t.startsWith('segment'))).toEqual(['segment@v0.4.1']);
  });

  it('writes byte-identical tag objects (§10)', () => {
    const objects = repo
      .tags()
      .map((t) => repo.git(['cat-file', 'tag', `refs/tags/${t}`]))
      .join('');
    expect(objects).toBe(TAG_OBJECTS);
  });
});

describe('GTO transcript, read commands', () => {
  it('show (§4)', () => {
    expect(ok(['show'], '00:25')).toBe(SHOW);
    expect(JSON.parse(ok(['show', '--json'], '00:26'))).toEqual(SHOW_JSON);
    expect(ok(['show', '--json'], '00:26')).toBe(JSON.stringify(SHOW_JSON, null, 4) + '\n');
    expect(ok(['show', '-d'], '00:27')).toBe(SHOW_D);
    expect(ok(['show', '--plain'], '00:28')).toBe(SHOW_PLAIN);
    expect(ok(['show', 'model'], '00:29')).toBe(SHOW_MODEL);
    expect(ok(['show', 'model', '-d'], '00:31')).toBe(SHOW_MODEL_D);
    expect(ok(['show', 'model@latest'], '00:32')).toBe(SHOW_MODEL_LATEST);
    expect(ok(['show', 'model@greatest', '--ref'], '00:33')).toBe('model@v0.1.1\n');
    expect(ok(['show', 'model#prod'], '00:34')).toBe(SHOW_MODEL_PROD);
    expect(ok(['show', 'model#prod', '--version'], '00:35')).toBe('v0.1.0\n');
    expect(ok(['show', 'model', '--vs', '-1', '--av', '-1'], '00:36')).toBe(SHOW_MODEL);
    expect(ok(['show', 'model#prod', '--vs', '-1', '-d'], '00:37')).toBe(SHOW_MODEL_PROD);
    expect(ok(['show', 'model', '--sort', 'semver', '-d'], '00:38')).toBe(SHOW_MODEL_D.replace('prod, dev', 'dev, prod'));
    expect(ok(['show', 'path/to:clf'], '00:39')).toBe(SHOW_CLF);
    expect(ok(['show', 'churn'], '00:40')).toBe('Nothing found in the current workspace\n');
  });

  it('show NAME --json matches GTO key for key', () => {
    const model = JSON.parse(ok(['show', 'model', '--json'], '00:30'));
    expect(model).toEqual(SHOW_MODEL_JSON);
    const churn = JSON.parse(ok(['show', 'churn', '-d', '--json'], '00:41'));
    expect(churn[0].stages.map((s: { stage: string }) => s.stage)).toEqual(['dev', 'prod']);
    expect(churn[0].registrations[0].message).toBe('Registering artifact churn version v3.0.0');
  });

  it('history (§5)', () => {
    expect(ok(['history'], '00:42')).toBe(HISTORY);
    expect(JSON.parse(ok(['history', 'model', '--json'], '00:43'))).toEqual(HISTORY_MODEL_JSON);
    expect(ok(['history', 'churn', '--plain'], '00:44')).toBe(HISTORY_CHURN_PLAIN);
  });

  it('stages (§6)', () => {
    expect(ok(['stages'], '00:45')).toBe('dev\nprod\n');
    expect(ok(['stages', '--json'], '00:46')).toBe('[\n    "dev",\n    "prod"\n]\n');
    const extra = repo.modelreg(['stages', 'model']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/too many arguments/);
    expect(ok(['stages', '--allowed'], '00:48')).toBe('');
  });

  it('check-ref (§7)', () => {
    expect(ok(['check-ref', 'model@v0.1.0'], '00:49')).toBe('✅  Version "v0.1.0" of artifact "model" was registered\n');
    expect(ok(['check-ref', 'model#prod#4'], '00:50')).toBe('✅  Stage "prod" was assigned to version "v0.1.0" of artifact "model"\n');
    for (const [ref, expected] of Object.entries(CHECK_REF_JSON)) {
      expect(JSON.parse(ok(['check-ref', ref, '--json'], '00:51'))).toEqual(expected);
    }
    expect(ok(['check-ref', 'model#prod#4', '--version'], '00:57')).toBe('v0.1.0\n');
    expect(ok(['check-ref', 'model#prod#4', '--stage'], '00:58')).toBe('prod\n');
    for (const ref of ['model#prod#99', 'not-a-gto-tag']) {
      const r = repo.modelreg(['check-ref', ref]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
    }
  });

  it('honours .gto (§9)', () => {
    repo.commit('.gto', 'stages: [dev, prod]\n', 'Add .gto', at('01:06'));
    expect(ok(['stages', '--allowed'], '01:07')).toBe('dev\nprod\n');
    refused(['assign', 'model', '--version', 'v0.1.1', '--stage', 'qa'], '01:08', /stage 'qa' is not allowed.*dev, prod/);
    expect(ok(['show'], '01:09')).toBe(SHOW);
  });
});

describe('GTO transcript §10b: tags written by plain git', () => {
  it('reads annotated tags with their time zone and ignores lightweight ones', () => {
    const other = TestRepo.init();
    other.commit('f', 'a\n', 'one', at('01:16'));
    other.git(['tag', '-a', 'm@v1.0.0', '-m', 'made by git'], at('01:17'));
    other.git(['tag', 'light@v1.0.0'], at('01:17'));
    other.git(['tag', '-a', 'm#prod#1', '-m', 'promote'], '1704075360 +0300');
    const show = other.modelreg(['show']);
    expect(show.stdout).toBe(
      ['╒════════╤══════════╤═════════╕', '│ name   │ latest   │ #prod   │', '╞════════╪══════════╪═════════╡', '│ m      │ v1.0.0   │ v1.0.0  │', '╘════════╧══════════╧═════════╛', ''].join('\n'),
    );
    const history = other.modelreg(['history', '--plain']).stdout.split('\n');
    expect(history[1]).toMatch(/^2024-01-01 05:16:00\+03:00 +m +assignment +v1\.0\.0 +prod/);
    expect(history[2]).toMatch(/^2024-01-01 01:17:00\+00:00 +m +registration/);
    expect(JSON.parse(other.modelreg(['check-ref', 'm#prod#1', '--json']).stdout).created_at).toBe('2024-01-01T05:16:00+03:00');
    const light = other.modelreg(['show', 'light']);
    expect(light.code).toBe(1);
    expect(light.stderr).toMatch(/cannot find artifact 'light'/);
  });
});

// ---- Expected output, from the transcript ----

const TAG_OBJECTS = [
  ['6d393ed0816b8581ce7d24069a754640d378bf91', 'Team/Model_A-1@v0.0.1', 1704067800, 'Registering artifact Team/Model_A-1 version v0.0.1'],
  ['8733ccc6774e102dbd784d4357db6642e939700b', 'churn#dev', 1704068220, 'Assigning stage dev to artifact churn version v3.0.0'],
  ['8733ccc6774e102dbd784d4357db6642e939700b', 'churn#prod', 1704068160, 'Assigning stage prod to artifact churn version v3.0.0'],
  ['8733ccc6774e102dbd784d4357db6642e939700b', 'churn@deprecated', 1704068520, "Deprecating artifact 'churn'"],
  ['8733ccc6774e102dbd784d4357db6642e939700b', 'churn@v3.0.0', 1704067620, 'Registering artifact churn version v3.0.0'],
  ['8733ccc6774e102dbd784d4357db6642e939700b', 'model#dev#1', 1704067920, 'Assigning stage dev to artifact model version v0.1.0'],
  ['6d393ed0816b8581ce7d24069a754640d378bf91', 'model#prod#2', 1704067980, 'Assigning stage prod to artifact model version v0.0.1'],
  ['8733ccc6774e102dbd784d4357db6642e939700b', 'model#prod#4', 1704068280, 'Promote v0.1.0 to prod'],
  ['368258bae2dfe5f4df74581c87e739915c264e02', 'model#staging!#5', 1704068400, "Unassigning stage 'staging' to artifact 'model' version 'v0.1.1'"],
  ['368258bae2dfe5f4df74581c87e739915c264e02', 'model#staging#3', 1704068100, 'Assigning stage staging to artifact model version v0.1.1'],
  ['6d393ed0816b8581ce7d24069a754640d378bf91', 'model@v0.0.1', 1704067380, 'Registering artifact model version v0.0.1'],
  ['6d393ed0816b8581ce7d24069a754640d378bf91', 'model@v0.0.1!', 1704068460, 'Deregistering artifact model version v0.0.1'],
  ['8733ccc6774e102dbd784d4357db6642e939700b', 'model@v0.1.0', 1704067500, 'Release v0.1.0'],
  ['368258bae2dfe5f4df74581c87e739915c264e02', 'model@v0.1.1', 1704068100, 'Registering artifact model version v0.1.1'],
  ['6d393ed0816b8581ce7d24069a754640d378bf91', 'path/to=clf@v0.0.1', 1704067860, 'Registering artifact path/to:clf version v0.0.1'],
  ['368258bae2dfe5f4df74581c87e739915c264e02', 'segment@v0.4.1', 1704068580, 'Registering artifact segment version v0.4.1'],
]
  .map(([commit, tag, time, message]) => `object ${commit}\ntype commit\ntag ${tag}\ntagger GTO Reference <gto-ref@example.com> ${time} +0000\n\n${message}\n`)
  .join('');

const SHOW = `╒════════════════╤══════════╤════════╤═════════╕
│ name           │ latest   │ #dev   │ #prod   │
╞════════════════╪══════════╪════════╪═════════╡
│ Team/Model_A-1 │ v0.0.1   │ -      │ -       │
│ model          │ v0.1.1   │ v0.1.0 │ v0.1.0  │
│ path/to:clf    │ v0.0.1   │ -      │ -       │
│ segment        │ v0.4.1   │ -      │ -       │
╘════════════════╧══════════╧════════╧═════════╛
`;

const SHOW_D = `╒════════════════╤══════════╤════════╤═════════╕
│ name           │ latest   │ #dev   │ #prod   │
╞════════════════╪══════════╪════════╪═════════╡
│ Team/Model_A-1 │ v0.0.1   │ -      │ -       │
│ churn          │ v3.0.0   │ v3.0.0 │ v3.0.0  │
│ model          │ v0.1.1   │ v0.1.0 │ v0.1.0  │
│ path/to:clf    │ v0.0.1   │ -      │ -       │
│ segment        │ v0.4.1   │ -      │ -       │
╘════════════════╧══════════╧════════╧═════════╛
`;

const SHOW_PLAIN = `name            latest    #dev    #prod
Team/Model_A-1  v0.0.1    -       -
model           v0.1.1    v0.1.0  v0.1.0
path/to:clf     v0.0.1    -       -
segment         v0.4.1    -       -
`;

const noStage = { dev: null, prod: null };
const SHOW_JSON = {
  model: { version: 'v0.1.1', stage: { dev: 'v0.1.0', prod: 'v0.1.0' }, registered: true, active: true },
  'Team/Model_A-1': { version: 'v0.0.1', stage: noStage, registered: true, active: true },
  'path/to:clf': { version: 'v0.0.1', stage: noStage, registered: true, active: true },
  segment: { version: 'v0.4.1', stage: noStage, registered: true, active: true },
};

const SHOW_MODEL = `╒════════════╤═══════════╤═══════════╤═══════════════════════════╤══════════════╕
│ artifact   │ version   │ stage     │ created_at                │ ref          │
╞════════════╪═══════════╪═══════════╪═══════════════════════════╪══════════════╡
│ model      │ v0.1.1    │           │ 2024-01-01 00:15:00+00:00 │ model@v0.1.1 │
│ model      │ v0.1.0    │ prod, dev │ 2024-01-01 00:05:00+00:00 │ model@v0.1.0 │
╘════════════╧═══════════╧═══════════╧═══════════════════════════╧══════════════╛
`;

const SHOW_MODEL_D = `╒════════════╤═══════════╤═══════════╤═══════════════════════════╤══════════════╕
│ artifact   │ version   │ stage     │ created_at                │ ref          │
╞════════════╪═══════════╪═══════════╪═══════════════════════════╪══════════════╡
│ model      │ v0.1.1    │           │ 2024-01-01 00:15:00+00:00 │ model@v0.1.1 │
│ model      │ v0.1.0    │ prod, dev │ 2024-01-01 00:05:00+00:00 │ model@v0.1.0 │
│ model      │ v0.0.1    │           │ 2024-01-01 00:03:00+00:00 │ model@v0.0.1 │
╘════════════╧═══════════╧═══════════╧═══════════════════════════╧══════════════╛
`;

const SHOW_MODEL_LATEST = `╒════════════╤═══════════╤═════════╤═══════════════════════════╤══════════════╕
│ artifact   │ version   │ stage   │ created_at                │ ref          │
╞════════════╪═══════════╪═════════╪═══════════════════════════╪══════════════╡
│ model      │ v0.1.1    │         │ 2024-01-01 00:15:00+00:00 │ model@v0.1.1 │
╘════════════╧═══════════╧═════════╧═══════════════════════════╧══════════════╛
`;

const SHOW_MODEL_PROD = `╒════════════╤═══════════╤═══════════╤═══════════════════════════╤══════════════╕
│ artifact   │ version   │ stage     │ created_at                │ ref          │
╞════════════╪═══════════╪═══════════╪═══════════════════════════╪══════════════╡
│ model      │ v0.1.0    │ prod, dev │ 2024-01-01 00:05:00+00:00 │ model@v0.1.0 │
╘════════════╧═══════════╧═══════════╧═══════════════════════════╧══════════════╛
`;

const SHOW_CLF = `╒═════════════╤═══════════╤═════════╤═══════════════════════════╤════════════════════╕
│ artifact    │ version   │ stage   │ created_at                │ ref                │
╞═════════════╪═══════════╪═════════╪═══════════════════════════╪════════════════════╡
│ path/to:clf │ v0.0.1    │         │ 2024-01-01 00:11:00+00:00 │ path/to=clf@v0.0.1 │
╘═════════════╧═══════════╧═════════╧═══════════════════════════╧════════════════════╛
`;

const who = { author: 'GTO Reference', author_email: 'gto-ref@example.com' };
const reg = (version: string, commit: string, created: string, message: string) => ({
  priority: 3,
  addition: true,
  artifact: 'model',
  created_at: `2024-01-01T${created}:00+00:00`,
  ...who,
  message,
  commit_hexsha: commit,
  tag: `model@${version}`,
  version,
});
const assignment = (stage: string, created: string, message: string, tag: string) => ({
  priority: 5,
  addition: true,
  artifact: 'model',
  created_at: `2024-01-01T${created}:00+00:00`,
  ...who,
  message,
  commit_hexsha: '8733ccc6774e102dbd784d4357db6642e939700b',
  tag,
  version: 'v0.1.0',
  stage,
  event: 'assignment',
});
const vstage = (stage: string, created: string, message: string, tag: string) => ({
  artifact: 'model',
  commit_hexsha: '8733ccc6774e102dbd784d4357db6642e939700b',
  version: 'v0.1.0',
  stage,
  assignments: [assignment(stage, created, message, tag)],
  unassignments: [],
  is_active: true,
  activated_at: `2024-01-01T${created}:00+00:00`,
  created_at: `2024-01-01T${created}:00+00:00`,
  ...who,
  message,
  ref: tag,
});
const enrichment = (version: string, commit: string, created: string, message: string) => ({
  priority: 0,
  addition: true,
  artifact: 'model',
  created_at: `2024-01-01T${created}:00+00:00`,
  ...who,
  message,
  commit_hexsha: commit,
  version,
  enrichments: [],
  committer: 'GTO Reference',
  committer_email: 'gto-ref@example.com',
});
const SHOW_MODEL_JSON = [
  {
    artifact: 'model',
    commit_hexsha: '368258bae2dfe5f4df74581c87e739915c264e02',
    version: 'v0.1.1',
    enrichments: [enrichment('v0.1.1', '368258bae2dfe5f4df74581c87e739915c264e02', '00:14', 'Retrain model\n')],
    registrations: [reg('v0.1.1', '368258bae2dfe5f4df74581c87e739915c264e02', '00:15', 'Registering artifact model version v0.1.1')],
    deregistrations: [],
    stages: [],
    is_active: true,
    activated_at: '2024-01-01T00:15:00+00:00',
    created_at: '2024-01-01T00:15:00+00:00',
    ...who,
    message: 'Registering artifact model version v0.1.1',
    ref: 'model@v0.1.1',
    discovered: false,
  },
  {
    artifact: 'model',
    commit_hexsha: '8733ccc6774e102dbd784d4357db6642e939700b',
    version: 'v0.1.0',
    enrichments: [enrichment('v0.1.0', '8733ccc6774e102dbd784d4357db6642e939700b', '00:04', 'Update model\n')],
    registrations: [reg('v0.1.0', '8733ccc6774e102dbd784d4357db6642e939700b', '00:05', 'Release v0.1.0')],
    deregistrations: [],
    stages: [
      vstage('prod', '00:18', 'Promote v0.1.0 to prod', 'model#prod#4'),
      vstage('dev', '00:12', 'Assigning stage dev to artifact model version v0.1.0', 'model#dev#1'),
    ],
    is_active: true,
    activated_at: '2024-01-01T00:05:00+00:00',
    created_at: '2024-01-01T00:05:00+00:00',
    ...who,
    message: 'Release v0.1.0',
    ref: 'model@v0.1.0',
    discovered: false,
  },
];

const HISTORY = `╒═══════════════════════════╤════════════════╤════════════════╤═══════════╤═════════╤══════════╤═══════════════════════╕
│ timestamp                 │ artifact       │ event          │ version   │ stage   │ commit   │ ref                   │
╞═══════════════════════════╪════════════════╪════════════════╪═══════════╪═════════╪══════════╪═══════════════════════╡
│ 2024-01-01 00:23:00+00:00 │ segment        │ registration   │ v0.4.1    │ -       │ 368258b  │ segment@v0.4.1        │
│ 2024-01-01 00:22:00+00:00 │ churn          │ deprecation    │ -         │ -       │ 8733ccc  │ churn@deprecated      │
│ 2024-01-01 00:21:00+00:00 │ model          │ deregistration │ v0.0.1    │ -       │ 6d393ed  │ model@v0.0.1!         │
│ 2024-01-01 00:20:00+00:00 │ model          │ unassignment   │ v0.1.1    │ staging │ 368258b  │ model#staging!#5      │
│ 2024-01-01 00:18:00+00:00 │ model          │ assignment     │ v0.1.0    │ prod    │ 8733ccc  │ model#prod#4          │
│ 2024-01-01 00:17:00+00:00 │ churn          │ assignment     │ v3.0.0    │ dev     │ 8733ccc  │ churn#dev             │
│ 2024-01-01 00:16:00+00:00 │ churn          │ assignment     │ v3.0.0    │ prod    │ 8733ccc  │ churn#prod            │
│ 2024-01-01 00:15:00+00:00 │ model          │ assignment     │ v0.1.1    │ staging │ 368258b  │ model#staging#3       │
│ 2024-01-01 00:15:00+00:00 │ model          │ registration   │ v0.1.1    │ -       │ 368258b  │ model@v0.1.1          │
│ 2024-01-01 00:13:00+00:00 │ model          │ assignment     │ v0.0.1    │ prod    │ 6d393ed  │ model#prod#2          │
│ 2024-01-01 00:12:00+00:00 │ model          │ assignment     │ v0.1.0    │ dev     │ 8733ccc  │ model#dev#1           │
│ 2024-01-01 00:11:00+00:00 │ path/to:clf    │ registration   │ v0.0.1    │ -       │ 6d393ed  │ path/to=clf@v0.0.1    │
│ 2024-01-01 00:10:00+00:00 │ Team/Model_A-1 │ registration   │ v0.0.1    │ -       │ 6d393ed  │ Team/Model_A-1@v0.0.1 │
│ 2024-01-01 00:07:00+00:00 │ churn          │ registration   │ v3.0.0    │ -       │ 8733ccc  │ churn@v3.0.0          │
│ 2024-01-01 00:05:00+00:00 │ model          │ registration   │ v0.1.0    │ -       │ 8733ccc  │ model@v0.1.0          │
│ 2024-01-01 00:03:00+00:00 │ model          │ registration   │ v0.0.1    │ -       │ 6d393ed  │ model@v0.0.1          │
╘═══════════════════════════╧════════════════╧════════════════╧═══════════╧═════════╧══════════╧═══════════════════════╛
`;

const historyEvent = (
  time: string,
  event: string,
  priority: number,
  version: string,
  stage: string | null,
  commit: string,
  message: string,
  ref: string,
) => ({ timestamp: `2024-01-01T${time}:00+00:00`, artifact: 'model', event, priority, version, stage, commit, ...who, message, ref });
const C1 = '6d393ed0816b8581ce7d24069a754640d378bf91';
const C2 = '8733ccc6774e102dbd784d4357db6642e939700b';
const C3 = '368258bae2dfe5f4df74581c87e739915c264e02';
const HISTORY_MODEL_JSON = [
  historyEvent('00:21', 'deregistration', 4, 'v0.0.1', null, C1, 'Deregistering artifact model version v0.0.1', 'model@v0.0.1!'),
  historyEvent('00:20', 'unassignment', 6, 'v0.1.1', 'staging', C3, "Unassigning stage 'staging' to artifact 'model' version 'v0.1.1'", 'model#staging!#5'),
  historyEvent('00:18', 'assignment', 5, 'v0.1.0', 'prod', C2, 'Promote v0.1.0 to prod', 'model#prod#4'),
  historyEvent('00:15', 'assignment', 5, 'v0.1.1', 'staging', C3, 'Assigning stage staging to artifact model version v0.1.1', 'model#staging#3'),
  historyEvent('00:15', 'registration', 3, 'v0.1.1', null, C3, 'Registering artifact model version v0.1.1', 'model@v0.1.1'),
  historyEvent('00:13', 'assignment', 5, 'v0.0.1', 'prod', C1, 'Assigning stage prod to artifact model version v0.0.1', 'model#prod#2'),
  historyEvent('00:12', 'assignment', 5, 'v0.1.0', 'dev', C2, 'Assigning stage dev to artifact model version v0.1.0', 'model#dev#1'),
  historyEvent('00:05', 'registration', 3, 'v0.1.0', null, C2, 'Release v0.1.0', 'model@v0.1.0'),
  historyEvent('00:03', 'registration', 3, 'v0.0.1', null, C1, 'Registering artifact model version v0.0.1', 'model@v0.0.1'),
];

const HISTORY_CHURN_PLAIN = `timestamp                  artifact    event         version    stage    commit    ref
2024-01-01 00:22:00+00:00  churn       deprecation   -          -        8733ccc   churn@deprecated
2024-01-01 00:17:00+00:00  churn       assignment    v3.0.0     dev      8733ccc   churn#dev
2024-01-01 00:16:00+00:00  churn       assignment    v3.0.0     prod     8733ccc   churn#prod
2024-01-01 00:07:00+00:00  churn       registration  v3.0.0     -        8733ccc   churn@v3.0.0
`;

const checkRef = (artifact: string, time: string, message: string, commit: string, tag: string, rest: object) => ({
  artifact,
  created_at: `2024-01-01T${time}:00+00:00`,
  ...who,
  message,
  commit_hexsha: commit,
  tag,
  ...rest,
});
const CHECK_REF_JSON: Record<string, object> = {
  'model#prod#4': checkRef('model', '00:18', 'Promote v0.1.0 to prod', C2, 'model#prod#4', { version: 'v0.1.0', stage: 'prod', event: 'assignment' }),
  'churn#prod': checkRef('churn', '00:16', 'Assigning stage prod to artifact churn version v3.0.0', C2, 'churn#prod', {
    version: 'v3.0.0',
    stage: 'prod',
    event: 'assignment',
  }),
  'model#staging!#5': checkRef('model', '00:20', "Unassigning stage 'staging' to artifact 'model' version 'v0.1.1'", C3, 'model#staging!#5', {
    version: 'v0.1.1',
    stage: 'staging',
    event: 'unassignment',
  }),
  'model@v0.0.1!': checkRef('model', '00:21', 'Deregistering artifact model version v0.0.1', C1, 'model@v0.0.1!', {
    version: 'v0.0.1',
    event: 'deregistration',
  }),
  'churn@deprecated': checkRef('churn', '00:22', "Deprecating artifact 'churn'", C2, 'churn@deprecated', { event: 'deprecation' }),
  'path/to=clf@v0.0.1': checkRef('path/to:clf', '00:11', 'Registering artifact path/to:clf version v0.0.1', C1, 'path/to=clf@v0.0.1', {
    version: 'v0.0.1',
    event: 'registration',
  }),
};
