// The CI integrations end to end: the GitHub Action's entry point (action.yml → ci/github-action.mjs
// → the committed bundle) and the GitLab template's job scripts, run in CI-like clones (shallow, no
// tags; for a tag push, a lightweight copy of the tag as actions/checkout leaves it) of a repository
// that has every kind of registry tag. Reports validate against the published schemas.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TestRepo, cleanTemps, rawDate, tempDir, type RunResult } from './helpers/repo.js';

afterAll(cleanTemps);
const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const day = (d: number) => rawDate(`2025-04-${String(d).padStart(2, '0')}T09:00:00Z`);

// Validators for the published schemas (test/fixtures/README.md says where they come from).
const Ajv2020 = require('ajv/dist/2020').default;
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats').default;
const sarifAjv = new Ajv2020({ allErrors: true });
addFormats(sarifAjv);
const validateSarif = sarifAjv.compile(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8')));
const gitlabAjv = new Ajv({ allErrors: true });
const validateCodeQualityIssue = gitlabAjv.compile(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/gitlab-codeclimate.json'), 'utf8')));

function expectValid(validate: { (d: unknown): boolean; errors?: unknown }, data: unknown) {
  const ok = validate(data);
  expect(validate.errors ?? null, JSON.stringify(data).slice(0, 300)).toBeNull();
  expect(ok).toBe(true);
}

/** A GitLab Code Quality report: a JSON array of issues, each valid for GitLab, with the fields its docs list. */
function expectCodeQualityReport(report: unknown, count: number) {
  expect(Array.isArray(report)).toBe(true);
  const issues = report as Record<string, unknown>[];
  expect(issues).toHaveLength(count);
  for (const issue of issues) {
    expectValid(validateCodeQualityIssue, issue);
    expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity);
    expect(issue.check_name).toMatch(/^modelreg\//);
    expect((issue.location as { lines: { begin: number } }).lines.begin).toBeGreaterThan(0);
  }
  expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(count);
}

// ---- the repository CI sees: origin with every kind of registry tag, a foreign tag, a bad branch

const GOOD = 'artifacts:\n  churn:\n    path: churn.pkl\n    type: model\n    desc: Churn classifier\n';
const BAD = 'artifacts:\n  churn:\n    path: missing.pkl\n    labels: [""]\n';
const origin = TestRepo.init({ bare: true });
const dev = TestRepo.init();
dev.git(['remote', 'add', 'origin', origin.dir]);
dev.commit('churn.pkl', 'weights\n', 'Train churn', day(1));
dev.commit('dvc.yaml', GOOD, 'Annotate churn', day(1));

function newTag(args: string[], d: string): string {
  const before = new Set(dev.tags());
  const r = dev.modelreg(args, { date: d });
  if (r.code !== 0) throw new Error(`modelreg ${args.join(' ')}: ${r.stderr}`);
  const created = dev.tags().filter((t) => !before.has(t));
  if (created.length !== 1) throw new Error(`expected one new tag, got ${created.join(', ')}`);
  return created[0] as string;
}
const TAGS = {
  registration: newTag(['register', 'churn', '--version', 'v1.0.0'], day(2)),
  assignment: newTag(['assign', 'churn', '--version', 'v1.0.0', '--stage', 'prod'], day(3)),
  unassignment: newTag(['deprecate', 'churn', 'v1.0.0', 'prod'], day(4)),
  deregistration: newTag(['deprecate', 'churn', 'v1.0.0'], day(5)),
  deprecation: newTag(['deprecate', 'churn'], day(6)),
};
newTag(['register', 'iris', '--version', 'v0.3.0'], day(7));
dev.git(['tag', '-a', '-m', 'Release 2025.04', 'release-2025.04'], day(7));
dev.git(['checkout', '-q', '-b', 'bad']);
dev.commit('dvc.yaml', BAD, 'Break the annotation', day(8));
dev.git(['checkout', '-q', 'main']);
dev.git(['push', '-q', 'origin', 'main', 'bad', '--tags']);

const annotation = { type: 'model', path: 'churn.pkl', description: 'Churn classifier' };
const EXPECTED: Record<keyof typeof TAGS, Record<string, string>> = {
  registration: { event: 'registration', name: 'churn', version: 'v1.0.0', stage: '', ...annotation },
  assignment: { event: 'assignment', name: 'churn', version: 'v1.0.0', stage: 'prod', ...annotation },
  unassignment: { event: 'unassignment', name: 'churn', version: 'v1.0.0', stage: 'prod', ...annotation },
  deregistration: { event: 'deregistration', name: 'churn', version: 'v1.0.0', stage: '', ...annotation },
  deprecation: { event: 'deprecation', name: 'churn', version: '', stage: '', ...annotation },
};
const EMPTY = { event: '', name: '', version: '', stage: '', type: '', path: '', description: '' };

/** A CI checkout: shallow, no tags, of `branch`; with `tag`, the lightweight copy actions/checkout makes. */
function ciClone(opts: { branch?: string; tag?: string } = {}): TestRepo {
  const home = tempDir();
  const clone = new TestRepo(join(home, 'work'), home);
  dev.git(['clone', '-q', '--depth', '1', '--no-tags', '--branch', opts.branch ?? 'main', `file://${origin.dir}`, clone.dir]);
  if (opts.tag) clone.git(['tag', opts.tag, 'HEAD']);
  return clone;
}

// ---- GitHub

interface ActionRun extends RunResult {
  outputs: Record<string, string>;
  summary: string | null;
}

/** GITHUB_OUTPUT as the runner reads it: `name=value` lines and `name<<DELIM` … `DELIM` blocks. */
function parseGithubOutput(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2] as string, i + 1);
      out[heredoc[1] as string] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

function runAction(repo: TestRepo, env: Record<string, string>): ActionRun {
  const outputFile = join(repo.home, 'github_output');
  const summaryFile = join(repo.home, 'step_summary');
  writeFileSync(outputFile, '');
  const r = spawnSync(process.execPath, [join(ROOT, 'ci', 'github-action.mjs')], {
    cwd: repo.dir,
    env: { ...repo.env, GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, ...env },
    encoding: 'utf8',
  });
  return {
    stdout: r.stdout,
    stderr: r.stderr,
    code: r.status ?? -1,
    outputs: parseGithubOutput(readFileSync(outputFile, 'utf8')),
    summary: existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : null,
  };
}

describe('GitHub Action (action.yml)', () => {
  it('runs the committed bundle on the runner’s Node, with the inputs and outputs gto-action has', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    expect(action.runs).toEqual({ using: 'node24', main: 'ci/github-action.mjs' });
    expect(Object.keys(action.outputs)).toEqual(['event', 'name', 'version', 'stage', 'type', 'path', 'description']);
    expect(Object.keys(action.inputs)).toEqual(['check', 'summary', 'format', 'report-file', 'site']);
  });

  it('input site: writes the registry page into that directory', () => {
    const ci = ciClone();
    const r = runAction(ci, { GITHUB_REF: 'refs/heads/main', INPUT_SITE: 'public', INPUT_SUMMARY: 'false' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote \d+ files to public\/ /m);
    const index = readFileSync(join(ci.dir, 'public', 'index.html'), 'utf8');
    expect(index).toMatch(/<a href="models\/[^/]+\/churn\.html">churn<\/a>/);
    expect(existsSync(join(ci.dir, 'public', 'style.css'))).toBe(true);
  });

  it('branch push with a bad annotation: fetches the tags, annotates the file, fails', () => {
    const ci = ciClone({ branch: 'bad' });
    expect(ci.tags()).toEqual([]);
    const r = runAction(ci, { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/bad' });
    expect(r.code).toBe(1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(2);
    for (const a of annotations) expect(a).toMatch(/^::error file=dvc\.yaml,line=\d+,col=\d+,title=modelreg [a-z-]+::artifacts\.churn\.(path|labels\[0\]): /);
    expect(r.stdout).toContain('✖ modelreg check: 2 errors, 0 warnings\n');
    expect(r.outputs).toEqual(EMPTY);
    expect(ci.tags()).toHaveLength(Object.keys(TAGS).length + 2);
    expect(r.summary).toContain('✖ modelreg check: 2 errors, 0 warnings');
  });

  it('pull request: the same check', () => {
    const ci = ciClone({ branch: 'bad' });
    const r = runAction(ci, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error '))).toHaveLength(2);
    expect(r.outputs).toEqual(EMPTY);
  });

  it.each(Object.keys(TAGS) as (keyof typeof TAGS)[])('tag push, %s: exact outputs', (kind) => {
    const tag = TAGS[kind];
    const ci = ciClone({ tag });
    const r = runAction(ci, { GITHUB_EVENT_NAME: 'push', GITHUB_REF: `refs/tags/${tag}` });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs).toEqual(EXPECTED[kind]);
    expect(ci.git(['cat-file', '-t', tag]).trim()).toBe('tag'); // the lightweight copy was replaced
    expect(r.stdout).toMatch(/^✔ modelreg check: no problems\n✅ {2}/);
    expect(r.summary).toMatch(/^## modelreg\n\n✅ {2}.+\n\n✔ modelreg check: no problems\n\n```text\n/);
    expect(r.summary).toMatch(/│ iris +│ v0\.3\.0 +│/);
  });

  it('a tag that is no registry event: empty outputs, success', () => {
    const ci = ciClone({ tag: 'release-2025.04' });
    const r = runAction(ci, { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/tags/release-2025.04' });
    expect(r.code).toBe(0);
    expect(r.outputs).toEqual(EMPTY);
    expect(r.stdout).toContain("'release-2025.04' is not a registry event");
  });

  it('an output file that cannot be written: one line naming it, exit 1', () => {
    const ci = ciClone({ tag: 'release-2025.04' });
    const missing = join(ci.home, 'no', 'such', 'dir', 'out');
    const r = spawnSync(process.execPath, [join(ROOT, 'ci', 'github-action.mjs')], {
      cwd: ci.dir,
      env: { ...ci.env, GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: missing, GITHUB_REF: 'refs/tags/release-2025.04', INPUT_SUMMARY: 'false' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`modelreg: cannot write $GITHUB_OUTPUT (${missing}): no such file or directory — give a path in an existing, writable directory\n`);
  });

  it('inputs: check off, summary off', () => {
    const ci = ciClone({ branch: 'bad' });
    const r = runAction(ci, { GITHUB_REF: 'refs/heads/bad', INPUT_CHECK: 'false', INPUT_SUMMARY: 'false' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.summary).toBeNull();
    expect(r.outputs).toEqual(EMPTY);
  });

  it('inputs: format sarif into report-file, annotations still printed; a bad input is a one-line usage error', () => {
    const ci = ciClone({ branch: 'bad' });
    const r = runAction(ci, { GITHUB_REF: 'refs/heads/bad', INPUT_FORMAT: 'sarif', 'INPUT_REPORT-FILE': 'modelreg.sarif' });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error '))).toHaveLength(2);
    const sarif = JSON.parse(readFileSync(join(ci.dir, 'modelreg.sarif'), 'utf8'));
    expectValid(validateSarif, sarif);
    expect(sarif.runs[0].results).toHaveLength(2);

    const bad = runAction(ci, { GITHUB_REF: 'refs/heads/bad', INPUT_CHECK: 'yes' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("modelreg: input 'check' must be true or false, not 'yes'\n");
  });
});

// ---- GitLab

const template = parse(readFileSync(join(ROOT, 'ci', 'modelreg.gitlab-ci.yml'), 'utf8'));

// What MODELREG_REPO names: modelreg's repository, here this working tree's bundle committed and
// tagged v0.1.0 (the template's default MODELREG_REF).
const modelregRepo = TestRepo.init();
for (const file of ['modelreg.mjs', ...readdirSync(join(ROOT, 'bundle', 'chunks')).map((f) => `chunks/${f}`)]) {
  modelregRepo.write(`bundle/${file}`, readFileSync(join(ROOT, 'bundle', file), 'utf8'));
}
modelregRepo.git(['add', '-A']);
modelregRepo.git(['commit', '-q', '-m', 'modelreg'], day(1));
modelregRepo.git(['tag', '-a', '-m', 'v0.1.0', 'v0.1.0'], day(1));

/** Run a job as the runner does: `before_script` then `script` in one bash, stopping at the first failure. */
function runJob(repo: TestRepo, job: string, env: Record<string, string>): RunResult {
  expect(template[job].extends).toBe('.modelreg');
  const lines = [...(template['.modelreg'].before_script as string[]), ...(template[job].script as string[])];
  const variables = template['.modelreg'].variables as Record<string, string>;
  const r = spawnSync('bash', ['-e', '-c', lines.join('\n')], {
    cwd: repo.dir,
    env: {
      ...repo.env,
      ...variables,
      MODELREG_DIR: join(repo.home, 'modelreg-tool'),
      MODELREG_REPO: `file://${modelregRepo.dir}`,
      GITLAB_CI: 'true',
      CI: 'true',
      ...env,
    },
    encoding: 'utf8',
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

describe('GitLab CI template (ci/modelreg.gitlab-ci.yml)', () => {
  it('has a check job with a codequality report and an event job with a dotenv report', () => {
    expect(template['modelreg-check'].artifacts.reports).toEqual({ codequality: 'gl-code-quality-report.json' });
    expect(template['modelreg-check'].artifacts.when).toBe('always');
    expect(template['modelreg-event'].artifacts.reports).toEqual({ dotenv: 'modelreg.env' });
    expect(template['modelreg-event'].rules).toEqual([{ if: '$CI_COMMIT_TAG' }]);
    expect(template['.modelreg'].variables.GIT_DEPTH).toBe('0');
  });

  it('says what to set when MODELREG_REPO is missing', () => {
    const r = runJob(ciClone(), 'modelreg-check', { MODELREG_REPO: '' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^modelreg: set MODELREG_REPO to the git URL of modelreg/);
  });

  it('modelreg-check on a bad branch: the problems in the log and a valid Code Quality report; the job fails', () => {
    const ci = ciClone({ branch: 'bad' });
    const r = runJob(ci, 'modelreg-check', { CI_COMMIT_BRANCH: 'bad', CI_PIPELINE_SOURCE: 'push' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ dvc\.yaml:\d+:\d+ artifacts\.churn\.path: /);
    const report = JSON.parse(readFileSync(join(ci.dir, 'gl-code-quality-report.json'), 'utf8'));
    expectCodeQualityReport(report, 2);
    expect(report[0].location.path).toBe('dvc.yaml');
    expect(report.map((i: { severity: string }) => i.severity)).toEqual(['critical', 'critical']);
  });

  it('modelreg-check on a good branch: an empty report, success', () => {
    const ci = ciClone();
    const r = runJob(ci, 'modelreg-check', { CI_COMMIT_BRANCH: 'main' });
    expect(r.code).toBe(0);
    expectCodeQualityReport(JSON.parse(readFileSync(join(ci.dir, 'gl-code-quality-report.json'), 'utf8')), 0);
  });

  it.each(Object.keys(TAGS) as (keyof typeof TAGS)[])('modelreg-event for %s: dotenv variables', (kind) => {
    const tag = TAGS[kind];
    const ci = ciClone({ tag });
    const r = runJob(ci, 'modelreg-event', { CI_COMMIT_TAG: tag });
    expect(r.code).toBe(0);
    const want = EXPECTED[kind];
    expect(readFileSync(join(ci.dir, 'modelreg.env'), 'utf8')).toBe(
      Object.entries(want).map(([k, v]) => `MODELREG_${k.toUpperCase()}=${v}\n`).join(''),
    );
  });

  it('.modelreg-site: the registry page as the public artifact, for a pages job that extends it', () => {
    expect(template['.modelreg-site'].artifacts).toEqual({ paths: ['public'] });
    const ci = ciClone();
    const r = runJob(ci, '.modelreg-site', { CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main' });
    expect(r.code).toBe(0);
    expect(readFileSync(join(ci.dir, 'public', 'index.html'), 'utf8')).toMatch(/>churn<\/a>/);
  });

  it('modelreg-event for a foreign tag: empty variables, success', () => {
    const ci = ciClone({ tag: 'release-2025.04' });
    const r = runJob(ci, 'modelreg-event', { CI_COMMIT_TAG: 'release-2025.04' });
    expect(r.code).toBe(0);
    expect(readFileSync(join(ci.dir, 'modelreg.env'), 'utf8')).toBe(Object.keys(EMPTY).map((k) => `MODELREG_${k.toUpperCase()}=\n`).join(''));
  });
});

// ---- the formats themselves, from the workspace build

describe('check --format gitlab and --format sarif validate against the published schemas', () => {
  const repo = TestRepo.init();
  repo.commit('dvc.yaml', BAD, 'bad', day(1));
  repo.write('.modelreg.yaml', 'stages: [prod, prod]\nbogus: 1\n');

  it('gitlab', () => {
    const r = repo.modelreg(['check', '--format', 'gitlab']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.length).toBeGreaterThanOrEqual(2);
    expectCodeQualityReport(report, report.length);
  });

  it('sarif', () => {
    const r = repo.modelreg(['check', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expectValid(validateSarif, log);
    const results = log.runs[0].results as { ruleId: string; ruleIndex: number; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
    expect(results.length).toBeGreaterThanOrEqual(2);
    for (const res of results) {
      expect(log.runs[0].tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(res.locations[0]?.physicalLocation.region.startLine).toBeGreaterThan(0);
    }
  });

  it('no problems: an empty report and a log without results', () => {
    const good = TestRepo.init();
    good.commit('churn.pkl', 'w\n', 'model', day(1));
    good.commit('dvc.yaml', GOOD, 'annotate', day(1));
    expect(JSON.parse(good.modelreg(['check', '--format', 'gitlab']).stdout)).toEqual([]);
    const log = JSON.parse(good.modelreg(['check', '--format', 'sarif']).stdout);
    expectValid(validateSarif, log);
    expect(log.runs[0].results).toEqual([]);
  });

  it('the validators reject what does not match', () => {
    expect(validateSarif({ version: '2.0.0', runs: [] })).toBe(false);
    expect(validateCodeQualityIssue({ description: 'x', severity: 'major', location: {} })).toBe(false);
  });
});
