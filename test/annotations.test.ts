// Annotation files end to end: annotate/remove edit in place, check validates the working tree,
// the index or a revision, describe reads a version's annotation, show lists unregistered ones.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { TestRepo, cleanTemps, rawDate, tempDir } from './helpers/repo.js';

afterAll(cleanTemps);
const day = (d: number) => rawDate(`2025-06-${String(d).padStart(2, '0')}T09:00:00Z`);

let repo: TestRepo;
beforeEach(() => {
  repo = TestRepo.init();
  repo.commit('models/churn.pkl', 'weights\n', 'Add churn', day(1));
});
const read = (file: string) => readFileSync(join(repo.dir, file), 'utf8');

const COMMENTED = `# Pipeline and models of the churn project
stages:
  train:
    cmd: python train.py   # keeps its comment
    outs: [models/churn.pkl]

artifacts:
  # the production model
  churn:
    path: models/churn.pkl
    type: model   # trailing comment
    desc: "Churn classifier"
  other:
    path: s3://bucket/other.pkl  # a URL: never checked
    labels: [a, b]

plots:
  - metrics.json
`;

describe('annotate and remove', () => {
  it('creates dvc.yaml, and a nested dvc.yaml for dir:name', () => {
    const r = repo.modelreg(['annotate', 'churn', '--path', 'models/churn.pkl', '--type', 'model', '--label', 'tabular', '--meta', 'owner=ml-team', '--meta', 'metrics.auc=0.91']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe("Annotated 'churn' in dvc.yaml\n");
    expect(read('dvc.yaml')).toBe(
      'artifacts:\n  churn:\n    path: models/churn.pkl\n    type: model\n    labels:\n      - tabular\n    meta:\n      owner: ml-team\n      metrics:\n        auc: 0.91\n',
    );
    expect(repo.modelreg(['annotate', 'models/nlp:bert', '--path', 'bert.bin']).stdout).toBe("Annotated 'models/nlp:bert' in models/nlp/dvc.yaml\n");
    expect(read('models/nlp/dvc.yaml')).toBe('artifacts:\n  bert:\n    path: bert.bin\n');
  });

  it('edits one entry of a commented file and leaves every other byte alone', () => {
    repo.write('dvc.yaml', COMMENTED);
    expect(repo.modelreg(['annotate', 'other', '--desc', 'Second model']).stdout).toBe("Updated 'other' in dvc.yaml\n");
    const after = read('dvc.yaml');
    // Only the new field's line: the entry's comment and flow list stay as they were.
    const expected = COMMENTED.replace('    labels: [a, b]\n', '    labels: [a, b]\n    desc: Second model\n');
    expect(after).toBe(expected);
    repo.modelreg(['annotate', 'fraud', '--path', 'models/churn.pkl']);
    expect(read('dvc.yaml')).toBe(expected.replace('    desc: Second model\n', '    desc: Second model\n  fraud:\n    path: models/churn.pkl\n'));
    expect(repo.modelreg(['remove', 'fraud']).stdout).toBe("Removed 'fraud' from dvc.yaml\n");
    expect(read('dvc.yaml')).toBe(expected);
  });

  it('keeps CRLF line endings', () => {
    repo.write('dvc.yaml', 'artifacts:\r\n  churn:\r\n    path: models/churn.pkl\r\n');
    repo.modelreg(['annotate', 'churn', '--type', 'model']);
    expect(read('dvc.yaml')).toBe('artifacts:\r\n  churn:\r\n    path: models/churn.pkl\r\n    type: model\r\n');
  });

  it('edits GTO artifacts.yaml with its own field names', () => {
    repo.write('artifacts.yaml', 'churn:\n  type: model\n  path: models/churn.pkl\n');
    repo.modelreg(['annotate', 'churn', '--desc', 'churn classifier', '--meta', 'owner=ml']);
    expect(read('artifacts.yaml')).toBe('churn:\n  type: model\n  path: models/churn.pkl\n  description: churn classifier\n  custom:\n    owner: ml\n');
  });

  it('never writes a file that would fail validation', () => {
    repo.write('dvc.yaml', COMMENTED);
    for (const args of [
      ['annotate', 'churn', '--label', 'ok', '--label', ''],
      ['annotate', 'new-one'],
      ['annotate', 'bad name', '--path', 'x'],
      ['remove', 'ghost'],
    ]) {
      const r = repo.modelreg(args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr).toMatch(/^modelreg: /);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(read('dvc.yaml')).toBe(COMMENTED);
    }
    expect(repo.modelreg(['annotate', 'churn', '--label', '']).stderr).toMatch(/dvc\.yaml:\d+:\d+ artifacts\.churn\.labels\[0\]: must not be empty/);
  });
});

describe('annotate leaves entries with YAML anchors to the user', () => {
  it('refuses to rewrite an entry that uses a merge key, and writes nothing', () => {
    const text = 'base: &b\n  type: model\nartifacts:\n  churn:\n    <<: *b\n    path: models/churn.pkl\n';
    repo.write('dvc.yaml', text);
    expect(repo.modelreg(['check']).code).toBe(0);
    const r = repo.modelreg(['annotate', 'churn', '--desc', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("modelreg: cannot edit 'churn': its entry uses YAML anchors or aliases (such as '<<: *base'), which rewriting it would lose — edit that entry by hand\n");
    expect(read('dvc.yaml')).toBe(text);
    // Other entries of the same file are still edited.
    expect(repo.modelreg(['annotate', 'fraud', '--path', 'models/churn.pkl']).code).toBe(0);
  });
});

describe('annotate stays inside the working tree', () => {
  it('refuses a --file outside the repository or of another directory, in one line (exit 2)', () => {
    for (const [file, message] of [
      ['../dvc.yaml', /'\.\.\/dvc\.yaml' is outside the repository/],
      ['/tmp/dvc.yaml', /is outside the repository/],
      ['models/../../dvc.yaml', /is outside the repository/],
      ['nodir/dvc.yaml', /'churn' cannot live in nodir\/dvc\.yaml: artifacts there are named 'nodir:churn'/],
    ] as const) {
      const r = repo.modelreg(['annotate', 'churn', '--path', 's3://x', '--file', file]);
      expect(r.code, file).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(join(repo.dir, '..', 'dvc.yaml'))).toBe(false);
    expect(existsSync(join(repo.dir, 'nodir'))).toBe(false);
  });

  it('writes through no symbolic link', () => {
    symlinkSync('../outside.yaml', join(repo.dir, 'dvc.yaml'));
    const r = repo.modelreg(['annotate', 'churn', '--path', 'models/churn.pkl']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^modelreg: dvc\.yaml is a symbolic link; modelreg edits only regular files/);
    expect(existsSync(join(repo.dir, '..', 'outside.yaml'))).toBe(false);
    rmSync(join(repo.dir, 'dvc.yaml'));
    const outside = tempDir();
    symlinkSync(outside, join(repo.dir, 'linked'));
    const linked = repo.modelreg(['annotate', 'linked:churn', '--path', 'c.pkl']);
    expect(linked.code).toBe(1);
    expect(linked.stderr).toMatch(/^modelreg: linked\/dvc\.yaml is outside the repository: linked links to /);
    expect(existsSync(join(outside, 'dvc.yaml'))).toBe(false);
    // A FIFO would block the write: refused, not waited on.
    execFileSync('mkfifo', [join(repo.dir, 'dvc.yaml')]);
    const fifo = repo.modelreg(['annotate', 'churn', '--path', 'models/churn.pkl']);
    expect(fifo.code).toBe(1);
    expect(fifo.stderr).toBe('modelreg: dvc.yaml is not a regular file; modelreg edits only regular files — replace it with a file\n');
  });

  it('keeps --meta values that would not read back as written as strings', () => {
    repo.modelreg(['annotate', 'churn', '--path', 'models/churn.pkl', '--meta', 'n=007', '--meta', 'v=1.10', '--meta', 'id=12345678901234567890', '--meta', 'auc=0.91', '--meta', 'ok=true']);
    expect(read('dvc.yaml')).toContain('    meta:\n      n: "007"\n      v: "1.10"\n      id: "12345678901234567890"\n      auc: 0.91\n      ok: true\n');
  });
});

describe('annotate refuses to touch an unreadable file', () => {
  it.each([
    ['broken YAML', 'artifacts:\n  churn: [unclosed\n', /dvc\.yaml:3:1: /],
    ['duplicate keys', 'artifacts:\n  churn:\n    path: a\n  churn:\n    path: b\n', /dvc\.yaml:4:3: duplicate key 'churn'/],
    ['tabs', 'artifacts:\n\tchurn:\n\t\tpath: a\n', /dvc\.yaml:2:1: tab/],
    ['an alias bomb', 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n', /dvc\.yaml:\d+:\d+: .*alias/i],
    ['a binary file', 'artifacts:\n  x: \u0000\n', /dvc\.yaml:2:6: .*NUL/],
  ])('%s', (_what, content, message) => {
    repo.write('dvc.yaml', content);
    const r = repo.modelreg(['annotate', 'churn', '--path', 'models/churn.pkl']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(read('dvc.yaml')).toBe(content);
  });
});

describe('check', () => {
  it('passes a clean repository, URLs and virtual GTO entries included', () => {
    repo.write('dvc.yaml', COMMENTED);
    repo.write('artifacts.yaml', 'remote-model:\n  path: s3://b/m.pkl\nvirtual-one:\n  path: not/here.pkl\n');
    const r = repo.modelreg(['check']);
    expect(r.stdout).toBe('✔ 2 annotation files, 4 artifacts in the working tree: no problems\n');
    expect(r.code).toBe(0);
  });

  it('names file:line:column, artifact and field for every problem, and exits 1', () => {
    repo.write('.modelreg.yaml', 'types: [model, dataset]\n');
    repo.write('dvc.yaml', 'artifacts:\n  churn:\n    path: models/gone.pkl\n    type: modle\n    labels: [ok, ""]\n');
    repo.write('sub/dvc.yaml', 'artifacts:\n  churn:\n    path: ../models/churn.pkl\n');
    repo.write('artifacts.yaml', 'churn:\n  path: models/churn.pkl\n  virtual: false\n');
    const r = repo.modelreg(['check']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toEqual([
      '✖ dvc.yaml:5:18 artifacts.churn.labels[1]: must not be empty',
      "✖ dvc.yaml:2:3 artifacts.churn: 'churn' is already annotated in artifacts.yaml:1 — an artifact is described once: remove or rename one of them",
      "✖ dvc.yaml:3:11 artifacts.churn.path: 'models/gone.pkl' does not exist in the working tree — commit it, track it with `dvc add`, or fix the path",
      "✖ dvc.yaml:4:11 artifacts.churn.type: 'modle' is not an allowed type — allowed types are: model, dataset (from .modelreg.yaml)",
      '3 annotation files, 3 artifacts in the working tree: 4 errors, 0 warnings',
    ]);
  });

  it('refuses labels the config does not allow', () => {
    repo.write('.modelreg.yaml', 'labels: [tabular, nlp]\n');
    repo.write('dvc.yaml', 'artifacts:\n  churn:\n    path: models/churn.pkl\n    labels: [tabular, vision]\n');
    const r = repo.modelreg(['check']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(
      "✖ dvc.yaml:4:23 artifacts.churn.labels[1]: 'vision' is not an allowed label — allowed labels are: tabular, nlp (from .modelreg.yaml)",
    );
  });

  it('checks what is staged, not the working tree, with --staged', () => {
    repo.write('dvc.yaml', 'artifacts:\n  churn:\n    path: models/churn.pkl\n    labels: [""]\n');
    repo.git(['add', 'dvc.yaml']);
    repo.write('dvc.yaml', 'artifacts:\n  churn:\n    path: models/churn.pkl\n');
    expect(repo.modelreg(['check']).code).toBe(0);
    const staged = repo.modelreg(['check', '--staged']);
    expect(staged.code).toBe(1);
    expect(staged.stdout).toMatch(/in the index/);
    // A model file deleted from the index is missing there, even if it is still on disk.
    repo.git(['add', 'dvc.yaml']);
    repo.git(['rm', '-q', '--cached', 'models/churn.pkl']);
    expect(repo.modelreg(['check']).code).toBe(0);
    expect(repo.modelreg(['check', '--staged']).stdout).toMatch(/artifacts\.churn\.path: 'models\/churn\.pkl' does not exist in the index/);
  });

  it('checks any revision without checking it out', () => {
    repo.commit('dvc.yaml', 'artifacts:\n  churn:\n    path: models/churn.pkl\n', 'Annotate', day(2));
    repo.commit('dvc.yaml', 'artifacts:\n  churn:\n    path: models/nope.pkl\n', 'Break', day(3));
    expect(repo.modelreg(['check', '--rev', 'HEAD~1']).code).toBe(0);
    const head = repo.modelreg(['check', '--rev', 'HEAD']);
    expect(head.code).toBe(1);
    expect(head.stdout).toMatch(/does not exist in HEAD/);
    expect(repo.modelreg(['check', '--rev', 'no-such-rev']).code).toBe(1);
    expect(repo.modelreg(['check', '--rev', 'HEAD', '--staged']).code).toBe(2);
    // A bare repository has no index to check.
    const bare = join(repo.home, `bare-${Date.now()}.git`);
    repo.git(['clone', '-q', '--bare', repo.dir, bare]);
    const r = repo.modelreg(['check', '--staged', '-r', bare]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('modelreg: --staged checks the index, and a bare repository has none — check a commit with --rev, or leave out --staged (HEAD)\n');
    expect(repo.modelreg(['check', '-r', bare]).code).toBe(1);
  });

  it('reports as JSON and as GitHub annotations', () => {
    repo.write('dvc.yaml', 'artifacts:\n  churn:\n    path: models/churn.pkl\n    description: x\n');
    const json = repo.modelreg(['check', '--format', 'json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ ok: false, errors: 1, warnings: 0 });
    expect(report.problems[0]).toMatchObject({ severity: 'error', file: 'dvc.yaml', line: 4, column: 5 });
    expect(report.problems[0].message).toMatch(/description.*did you mean 'desc'/);
    const gh = repo.modelreg(['check', '--format', 'github']);
    expect(gh.stdout).toMatch(/^::error file=dvc\.yaml,line=4,col=5,title=modelreg [\w-]+::.*did you mean 'desc'/);
    expect(repo.modelreg(['check', '--format', 'xml']).code).toBe(2);
  });

  it.each([
    ['broken YAML', 'artifacts:\n  churn: [unclosed\n', /^✖ dvc\.yaml:3:1: /],
    ['duplicate keys', 'artifacts:\n  churn:\n    path: models/churn.pkl\n  churn:\n    path: models/churn.pkl\n', /^✖ dvc\.yaml:4:3: duplicate key 'churn'/],
    ['tabs', 'artifacts:\n\tchurn:\n\t\tpath: models/churn.pkl\n', /^✖ dvc\.yaml:2:1: tab/],
    ['an alias bomb', 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n', /^✖ dvc\.yaml:\d+:\d+: .*alias/i],
  ])('reports %s as one located line, never a stack trace', (_what, content, pattern) => {
    repo.write('dvc.yaml', content);
    const r = repo.modelreg(['check']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toMatch(pattern);
    expect(r.stdout).not.toMatch(/\n\s+at /);
  });

  it('reports binary and oversized files', () => {
    writeFileSync(join(repo.dir, 'dvc.yaml'), Buffer.from([0x61, 0x3a, 0x00, 0xff, 0x0a]));
    expect(repo.modelreg(['check']).stdout).toMatch(/^✖ dvc\.yaml:1:3: .*NUL/);
    repo.write('dvc.yaml', `artifacts:\n${'  # padding\n'.repeat(120_000)}`);
    const big = repo.modelreg(['check']);
    expect(big.code).toBe(1);
    expect(big.stdout).toMatch(/^✖ dvc\.yaml:1:1: the file is larger than 1 MB/);
    // A link to an endless device leads outside the repository: it is not read at all.
    rmSync(join(repo.dir, 'dvc.yaml'));
    symlinkSync('/dev/zero', join(repo.dir, 'dvc.yaml'));
    for (const [args, says] of [
      [['check'], /dvc\.yaml: is a symbolic link \(or lies behind one\) that leads outside the repository/],
      [['show'], /^/],
      [['annotate', 'churn', '--desc', 'x'], /dvc\.yaml is a symbolic link; modelreg edits only regular files/],
    ] as const) {
      const r = repo.modelreg([...args]);
      expect(r.code, args.join(' ')).toBe(args[0] === 'show' ? 0 : 1);
      expect(r.stdout + r.stderr).toMatch(says);
    }
  });

  it('accepts a BOM and CRLF', () => {
    repo.write('dvc.yaml', '\uFEFFartifacts:\r\n  churn:\r\n    path: models/churn.pkl\r\n');
    expect(repo.modelreg(['check']).code).toBe(0);
  });
});

describe('describe and show', () => {
  it('says an artifact may be hidden by a broken annotation file instead of suggesting to add it', () => {
    repo.write('dvc.yaml', 'artifacts:\n  churn: [unclosed\n');
    const r = repo.modelreg(['describe', 'churn']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("modelreg: 'churn' is not annotated in the working tree — dvc.yaml has errors that may hide it (modelreg check lists them)\n");
  });

  it('describes an artifact as it was at a version', () => {
    repo.commit('dvc.yaml', 'artifacts:\n  churn:\n    path: models/churn.pkl\n    type: model\n', 'Annotate', day(2));
    repo.modelreg(['register', 'churn', '--version', 'v1.0.0'], { date: day(3) });
    repo.commit('models/churn-v2.pkl', 'w2\n', 'Retrain', day(4));
    repo.commit('dvc.yaml', 'artifacts:\n  churn:\n    path: models/churn-v2.pkl\n    type: model\n    desc: v2\n', 'Point at v2', day(5));
    repo.modelreg(['register', 'churn', '--version', 'v2.0.0'], { date: day(6) });
    repo.modelreg(['assign', 'churn', '--version', 'v1.0.0', '--stage', 'prod'], { date: day(7) });
    expect(repo.modelreg(['describe', 'churn@v1.0.0', '--path']).stdout).toBe('models/churn.pkl\n');
    expect(repo.modelreg(['describe', 'churn#prod', '--path']).stdout).toBe('models/churn.pkl\n');
    expect(repo.modelreg(['describe', 'churn@latest', '--desc']).stdout).toBe('v2\n');
    expect(JSON.parse(repo.modelreg(['describe', 'churn', '--json']).stdout)).toEqual({
      name: 'churn',
      file: 'dvc.yaml',
      type: 'model',
      path: 'models/churn-v2.pkl',
      desc: 'v2',
      labels: [],
      meta: {},
    });
    const missing = repo.modelreg(['describe', 'churn@v9.0.0']);
    expect(missing.code).toBe(1);
  });

  it('lists annotated artifacts that are not registered yet as *name', () => {
    repo.write('dvc.yaml', 'artifacts:\n  churn:\n    path: models/churn.pkl\n  fresh:\n    path: models/churn.pkl\n');
    repo.modelreg(['register', 'churn'], { date: day(2) });
    expect(repo.modelreg(['show', '--plain']).stdout).toBe('name    latest\nchurn   v0.0.1\n*fresh  -\n');
    expect(JSON.parse(repo.modelreg(['show', '--json']).stdout).fresh).toEqual({ version: null, stage: {}, registered: false, active: true });
    expect(repo.modelreg(['show', 'fresh']).stdout).toMatch(/annotated but has no registered version[\s\S]*path: models\/churn\.pkl/);
    expect(existsSync(join(repo.dir, 'dvc.yaml'))).toBe(true);
  });
});
