// DVC projects as iterative's example-get-started shapes them: the model is a stage output
// (declared in dvc.yaml, hashed in dvc.lock) and the raw data a `dvc add`-tracked file, both
// git-ignored; a `dvc add`-tracked directory beside them. Real commits, real hooks, real tags.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { installHookTools } from './helpers/hook-tools.js';
import { TestRepo, cleanTemps, rawDate } from './helpers/repo.js';

afterAll(cleanTemps);
const day = (d: number) => rawDate(`2025-06-${String(d).padStart(2, '0')}T12:00:00Z`);

const DVC_YAML = `artifacts:
  stackoverflow-dataset:
    path: data/data.xml
    type: dataset
    desc: Initial XML StackOverflow dataset (raw data)
  text-classification:
    path: model.pkl
    desc: Detect whether the given stackoverflow question should have R language tag
    type: model
    labels:
    - nlp
    - classification
  images:
    path: data/images
    type: dataset
stages:
  prepare:
    cmd: python src/prepare.py data/data.xml
    deps:
    - data/data.xml
    outs:
    - data/prepared
  train:
    cmd: python src/train.py data/prepared model.pkl
    deps:
    - data/prepared
    outs:
    - model.pkl
  evaluate:
    cmd: python src/evaluate.py model.pkl
    deps:
    - model.pkl
    outs:
    - eval:
        cache: false
`;

/** dvc.lock as `dvc repro` writes it, with the model's and the prepared data's hashes. */
const lock = (model: string, prepared = '153aad06d376b6595932470e459ef42a') => `schema: '2.0'
stages:
  prepare:
    cmd: python src/prepare.py data/data.xml
    deps:
    - path: data/data.xml
      hash: md5
      md5: 22a1a2931c8370d3aeedd7183606fd7f
      size: 14445097
    outs:
    - path: data/prepared
      hash: md5
      md5: ${prepared}.dir
      size: 8437363
      nfiles: 2
  train:
    cmd: python src/train.py data/prepared model.pkl
    outs:
    - path: model.pkl
      hash: md5
      md5: ${model}
      size: 3280
`;

const dvcFile = (path: string, md5: string) => `outs:\n- md5: ${md5}\n  size: 14445097\n  hash: md5\n  path: ${path}\n`;

/** The project at its first commit: nothing DVC tracks is in Git. */
function project(): TestRepo {
  const repo = TestRepo.init();
  repo.write('.gitignore', '/model.pkl\n/eval\n');
  repo.write('data/.gitignore', '/data.xml\n/prepared\n/images\n');
  repo.write('data/data.xml.dvc', dvcFile('data.xml', '22a1a2931c8370d3aeedd7183606fd7f'));
  repo.write('data/images.dvc', dvcFile('images', 'b8f1a6f6e1c5e9d1d4b6b2f7e1a1c9d3.dir'));
  repo.write('dvc.yaml', DVC_YAML);
  repo.write('dvc.lock', lock('8ba0b6e1a2b1e2fbd5c3b8f2e7a9c1d4'));
  repo.write('src/train.py', 'print("train")\n');
  // What `dvc pull` leaves in the working tree: ignored by Git.
  repo.write('model.pkl', 'weights\n');
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '-m', 'Create ML pipeline stages'], day(1));
  return repo;
}

describe('check on a DVC project', () => {
  it('is clean in the working tree, the index, a revision and a fresh clone where nothing was pulled', () => {
    const repo = project();
    for (const args of [['check'], ['check', '--staged'], ['check', '--rev', 'HEAD']]) {
      const r = repo.modelreg(args);
      expect(r.stdout, args.join(' ')).toMatch(/^✔ 1 annotation file, 3 artifacts in .*: no problems\n$/);
      expect(r.code, args.join(' ')).toBe(0);
    }
    const clone = TestRepo.init();
    clone.git(['pull', '-q', repo.dir, 'main']);
    expect(clone.modelreg(['check'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('a path neither Git nor DVC has is an error whose hint fits both', () => {
    const repo = project();
    repo.write('dvc.yaml', DVC_YAML.replace('path: model.pkl', 'path: models/model.pkl'));
    const r = repo.modelreg(['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "✖ dvc.yaml:7:11 artifacts.text-classification.path: 'models/model.pkl' does not exist in the working tree — commit it, track it with `dvc add`, or fix the path",
    );
  });

  it('reads outs in mapping form, relative to their dvc.yaml and its wdir, and dvc.lock alone', () => {
    const repo = project();
    repo.write('nlp/dvc.yaml', 'artifacts:\n  eval:\n    path: ../eval\n  tokenizer:\n    path: out/tok.json\n  vocab:\n    path: vocab.txt\nstages:\n  tok:\n    wdir: out\n    cmd: x\n    outs:\n    - tok.json:\n        cache: false\n');
    repo.write('nlp/dvc.lock', "schema: '2.0'\nstages:\n  vocab:\n    cmd: y\n    outs:\n    - path: vocab.txt\n      md5: 1\n");
    expect(repo.modelreg(['check'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('ci github on a registration tag of a DVC model runs its deploy outputs; ci gitlab check passes', () => {
    const repo = project();
    expect(repo.modelreg(['register', 'text-classification', '--version', 'v1.0.0'], { date: day(2) }).code).toBe(0);
    expect(repo.modelreg(['check', '--ref', 'refs/tags/text-classification@v1.0.0', '--format', 'github'])).toMatchObject({ code: 0, stdout: '' });
    const output = join(repo.home, 'github_output');
    writeFileSync(output, '');
    const env = { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/tags/text-classification@v1.0.0', GITHUB_OUTPUT: output, INPUT_SUMMARY: 'false' };
    const github = repo.modelreg(['ci', 'github'], { env });
    expect(github.code).toBe(0);
    expect(github.stdout).toMatch(/^✔ modelreg check: no problems\n/);
    expect(readFileSync(output, 'utf8')).toContain('path=model.pkl\n');
    expect(repo.modelreg(['ci', 'gitlab', 'check'], { env: { CI_COMMIT_REF_NAME: 'main' } }).code).toBe(0);
  });
});

describe('annotations as lenient as DVC', () => {
  const LENIENT = `artifacts:
  churn:
    path: model.pkl
    labels: [Major version, nlp]
    meta:
      owner: {name: Alice, email: alice@example.com}
      metrics: [{name: roc_auc, value: 0.91}]
      datasets: [imagenet-1k, {name: customers, version: 2024-q1}]
`;

  it('any label, any meta mapping, and the common model-card shapes are clean', () => {
    const repo = project();
    repo.write('dvc.yaml', LENIENT + DVC_YAML.slice(DVC_YAML.indexOf('stages:')));
    expect(repo.modelreg(['check'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/: no problems\n$/) });
  });

  it('a model-card field of another shape is a warning, an error when the config says strict; artifacts.yaml keeps GTO’s rules', () => {
    const repo = project();
    repo.write('dvc.yaml', LENIENT.replace('{name: Alice, email: alice@example.com}', '[Alice, Bob]') + DVC_YAML.slice(DVC_YAML.indexOf('stages:')));
    const warned = repo.modelreg(['check']);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain('⚠ dvc.yaml:6:14 artifacts.churn.meta.owner: must be a string or a mapping, got a list');
    repo.write('.modelreg.yaml', 'annotations:\n  model_card: strict\n');
    const strict = repo.modelreg(['check']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('✖ dvc.yaml:6:14 artifacts.churn.meta.owner: must be a string or a mapping, got a list');
    repo.write('artifacts.yaml', 'legacy:\n  path: model.pkl\n  labels: [Major version]\n');
    expect(repo.modelreg(['check']).stdout).toContain('artifacts.yaml:3:12 legacy.labels[0]: must match the name rule');
  });
});

describe('annotate on a DVC project', () => {
  it('changes only the field given, and a new entry follows DVC’s list style', () => {
    const repo = project();
    const commented = DVC_YAML.replace('  text-classification:\n', '  # the model users see\n  text-classification:  # trained by `train`\n');
    repo.write('dvc.yaml', commented);
    expect(repo.modelreg(['annotate', 'stackoverflow-dataset', '--desc', 'Raw XML dump']).code).toBe(0);
    const edited = commented.replace('desc: Initial XML StackOverflow dataset (raw data)', 'desc: Raw XML dump');
    expect(readFileSync(join(repo.dir, 'dvc.yaml'), 'utf8')).toBe(edited);
    expect(repo.modelreg(['annotate', 'text-classification', '--label', 'nlp', '--label', 'R questions']).code).toBe(0);
    const relabelled = edited.replace('    - nlp\n    - classification\n', '    - nlp\n    - R questions\n');
    expect(readFileSync(join(repo.dir, 'dvc.yaml'), 'utf8')).toBe(relabelled);
    expect(repo.modelreg(['annotate', 'features', '--path', 'data/prepared', '--label', 'tabular']).code).toBe(0);
    expect(readFileSync(join(repo.dir, 'dvc.yaml'), 'utf8')).toBe(
      relabelled.replace('    type: dataset\nstages:', '    type: dataset\n  features:\n    path: data/prepared\n    labels:\n    - tabular\nstages:'),
    );
    expect(repo.modelreg(['check']).code).toBe(0);
  });
});

describe('hooks on a DVC project', () => {
  let repo: TestRepo;
  const commit = (args: string[]) => {
    const r = spawnSync('git', ['commit', '-q', ...args], { cwd: repo.dir, env: { ...repo.env, GIT_AUTHOR_DATE: day(3), GIT_COMMITTER_DATE: day(3) }, encoding: 'utf8' });
    return { code: r.status ?? -1, stderr: r.stderr };
  };
  const refusals = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('modelreg pre-commit: ') && l.endsWith(']'));

  beforeEach(() => {
    repo = project();
    installHookTools(repo);
    expect(repo.modelreg(['init']).code).toBe(0);
    repo.git(['add', 'package.json', 'commitlint.config.mjs', '.husky', '.gitignore']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Check commits with modelreg'], day(2));
  });

  it('a commit that only edits a desc passes, and so does deleting an unrelated file', () => {
    repo.write('dvc.yaml', DVC_YAML.replace('(raw data)', '(raw XML)'));
    repo.git(['add', 'dvc.yaml']);
    expect(commit(['-m', 'Describe the dataset'])).toEqual({ code: 0, stderr: '' });
    repo.git(['rm', '-q', 'src/train.py']);
    expect(commit(['-m', 'Drop the training script'])).toEqual({ code: 0, stderr: '' });
  });

  it('deleting the .dvc file that tracks an annotated path is refused, as deleting the model file is', () => {
    repo.git(['rm', '-q', 'data/data.xml.dvc']);
    const r = commit(['-m', 'Stop tracking the data']);
    expect(r.code).not.toBe(0);
    expect(refusals(r.stderr)).toEqual([
      "modelreg pre-commit: dvc.yaml:3:11 artifacts.stackoverflow-dataset.path: 'data/data.xml' does not exist in the index — commit it, track it with `dvc add`, or fix the path [path-missing]",
    ]);
    repo.git(['reset', '-q', '--hard']);
    repo.git(['rm', '-q', 'data/images.dvc']);
    expect(refusals(commit(['-m', 'Stop tracking the images']).stderr)).toEqual([expect.stringContaining("'data/images' does not exist in the index")]);
  });

  it('commit-msg asks for Model: when the model’s dvc.lock hash or .dvc file changes, not for another stage’s hash', () => {
    repo.write('.modelreg.yaml', 'trailers:\n  required: true\n');
    repo.git(['add', '.modelreg.yaml']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Require model trailers'], day(2));
    const trailerLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('modelreg commit-msg: ') && l.endsWith(']'));
    repo.write('dvc.lock', lock('0d46eb4a4cc1c7a1b1d2e3f4a5b6c7d8'));
    repo.git(['add', 'dvc.lock']);
    expect(trailerLines(commit(['-m', 'Reproduce the model']).stderr)).toEqual([
      "modelreg commit-msg: this commit changes model.pkl (artifact text-classification): add the trailer 'Model: text-classification' [model-trailer-required]",
    ]);
    expect(commit(['-m', 'Reproduce the model\n\nModel: text-classification'])).toEqual({ code: 0, stderr: '' });
    repo.write('dvc.lock', lock('0d46eb4a4cc1c7a1b1d2e3f4a5b6c7d8', 'ffffffffffffffffffffffffffffffff'));
    repo.git(['add', 'dvc.lock']);
    expect(commit(['-m', 'Re-run prepare'])).toEqual({ code: 0, stderr: '' });
    repo.write('data/data.xml.dvc', dvcFile('data.xml', '33a1a2931c8370d3aeedd7183606fd7f'));
    repo.git(['add', 'data/data.xml.dvc']);
    expect(trailerLines(commit(['-m', 'Import newer data']).stderr)).toEqual([expect.stringContaining("'Model: stackoverflow-dataset' [model-trailer-required]")]);
  });

  it('merging a branch that touched dvc.yaml passes the pre-merge-commit hook', () => {
    repo.git(['checkout', '-q', '-b', 'docs']);
    repo.write('dvc.yaml', DVC_YAML.replace('(raw data)', '(raw XML)'));
    repo.git(['add', 'dvc.yaml']);
    expect(commit(['-m', 'Describe the dataset'])).toEqual({ code: 0, stderr: '' });
    repo.git(['checkout', '-q', 'main']);
    repo.write('README.md', 'models\n');
    repo.git(['add', 'README.md']);
    expect(commit(['-m', 'Add a readme'])).toEqual({ code: 0, stderr: '' });
    const merge = spawnSync('git', ['merge', '--no-edit', 'docs'], { cwd: repo.dir, env: { ...repo.env, GIT_AUTHOR_DATE: day(4), GIT_COMMITTER_DATE: day(4) }, encoding: 'utf8' });
    expect(merge.status, merge.stderr).toBe(0);
    expect(repo.git(['rev-list', '--parents', '-n', '1', 'HEAD']).trim().split(' ')).toHaveLength(3);
  });

  it('removing the stage output that tracks the model (dvc.yaml and dvc.lock) is refused', () => {
    repo.write('dvc.yaml', DVC_YAML.replace('    outs:\n    - model.pkl\n', ''));
    repo.write('dvc.lock', lock('x').replace(/ {4}outs:\n {4}- path: model\.pkl[\s\S]*$/, ''));
    repo.git(['add', 'dvc.yaml', 'dvc.lock']);
    expect(refusals(commit(['-m', 'Do not cache the model']).stderr)).toEqual([expect.stringContaining("'model.pkl' does not exist in the index")]);
  });
});

/** The subjects of each version's commits in `changelog NAME --format json`. */
function commitsByVersion(repo: TestRepo, name: string): Record<string, string[]> {
  const r = repo.modelreg(['changelog', name, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const model = JSON.parse(r.stdout).models[0] as { versions: { version: string; commits: { subject: string }[] }[] };
  return Object.fromEntries(model.versions.map((v) => [v.version, v.commits.map((c) => c.subject)]));
}

describe('changelog on a DVC project', () => {
  it('lists the commits that changed the model as DVC sees it: its dvc.lock hash, not another stage’s', () => {
    const repo = project();
    expect(repo.modelreg(['register', 'text-classification', '--version', 'v1.0.0'], { date: day(2) }).code).toBe(0);
    expect(repo.modelreg(['register', 'stackoverflow-dataset', '--version', 'v1.0.0'], { date: day(2) }).code).toBe(0);
    repo.commit('dvc.lock', lock('0d46eb4a4cc1c7a1b1d2e3f4a5b6c7d8'), 'Reproduce model using bigrams', day(3));
    repo.commit('dvc.lock', lock('0d46eb4a4cc1c7a1b1d2e3f4a5b6c7d8', 'ffffffffffffffffffffffffffffffff'), 'Re-run prepare', day(4));
    repo.commit('data/data.xml.dvc', dvcFile('data.xml', '33a1a2931c8370d3aeedd7183606fd7f'), 'Import a newer dataset', day(5));
    repo.commit('src/train.py', 'print("train 2")\n', 'Tidy the training script', day(5));
    expect(repo.modelreg(['register', 'text-classification', '--version', 'v1.1.0'], { date: day(6) }).code).toBe(0);
    expect(repo.modelreg(['register', 'stackoverflow-dataset', '--version', 'v1.1.0'], { date: day(6) }).code).toBe(0);
    expect(commitsByVersion(repo, 'text-classification')).toEqual({
      'v1.1.0': ['Reproduce model using bigrams'],
      'v1.0.0': ['Create ML pipeline stages'],
    });
    expect(commitsByVersion(repo, 'stackoverflow-dataset')).toEqual({
      'v1.1.0': ['Import a newer dataset'],
      'v1.0.0': ['Create ML pipeline stages'],
    });
    const md = repo.modelreg(['changelog', 'text-classification']).stdout;
    expect(md).toContain('Reproduce model using bigrams');
    expect(md).not.toContain('Re-run prepare');
  });

  it('a path renamed between versions keeps each version’s commits', () => {
    const repo = TestRepo.init();
    repo.write('models/churn.pkl', 'weights 1\n');
    repo.git(['add', 'models']);
    repo.commit('dvc.yaml', 'artifacts:\n  churn:\n    path: models/churn.pkl\n    type: model\n', 'Train churn', day(1));
    repo.commit('models/churn.pkl', 'weights 2\n', 'Retrain churn', day(2));
    expect(repo.modelreg(['register', 'churn', '--version', 'v1.0.0'], { date: day(2) }).code).toBe(0);
    repo.commit('models/churn.pkl', 'weights 3\n', 'Tune churn', day(3));
    repo.git(['mv', 'models/churn.pkl', 'models/churn-gbm.pkl']);
    repo.commit('dvc.yaml', 'artifacts:\n  churn:\n    path: models/churn-gbm.pkl\n    type: model\n', 'Name the model file after its algorithm', day(4));
    repo.commit('models/churn-gbm.pkl', 'weights 4\n', 'Retrain with more data', day(5));
    expect(repo.modelreg(['register', 'churn', '--version', 'v2.0.0'], { date: day(5) }).code).toBe(0);
    repo.commit('README.md', 'x\n', 'Unrelated', day(6));
    expect(commitsByVersion(repo, 'churn')).toEqual({
      'v2.0.0': ['Retrain with more data', 'Name the model file after its algorithm', 'Tune churn'],
      'v1.0.0': ['Retrain churn', 'Train churn'],
    });
  });
});
