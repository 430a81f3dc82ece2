// The built CLI on real repositories: behaviour beyond the GTO transcript.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CLI, TestRepo, cleanTemps, rawDate } from './helpers/repo.js';

afterAll(cleanTemps);
const day = (d: number, tz = '+0000') => rawDate(`2025-03-${String(d).padStart(2, '0')}T12:00:00Z`, tz);

let repo: TestRepo;
beforeEach(() => {
  repo = TestRepo.init();
  repo.commit('model.pkl', 'v1\n', 'Create model', day(1));
});

function expectOneLineError(r: { stderr: string; stdout: string }) {
  expect(r.stderr).toMatch(/^modelreg: /);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('usage', () => {
  it('prints --help for every command and exits 0', () => {
    for (const cmd of ['register', 'assign', 'promote', 'deprecate', 'show', 'history', 'stages', 'check-ref', 'doctor']) {
      const r = repo.modelreg([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout).toMatch(/^Usage: modelreg /);
    }
    expect(repo.modelreg(['--help']).stdout).toMatch(/register.*\n[\s\S]*check-ref/);
    expect(repo.modelreg(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('exits 2 on usage errors', () => {
    expect(repo.modelreg(['registr', 'model']).code).toBe(2);
    expect(repo.modelreg(['register']).code).toBe(2);
    expect(repo.modelreg(['show', '--sort', 'random']).code).toBe(2);
    expect(repo.modelreg(['show', '--vs', 'x']).code).toBe(2);
    const r = repo.modelreg(['assign', 'model']);
    expect(r.code).toBe(2);
    expectOneLineError(r);
    expect(repo.modelreg(['register', 'model', '--bump-minor', '--bump-major']).code).toBe(2);
    expect(repo.tags()).toEqual([]);
  });

  it('explains a directory that is not a repository', () => {
    const r = repo.modelreg(['show'], { cwd: repo.home });
    expect(r.code).toBe(1);
    expectOneLineError(r);
  });
});

describe('refusals write nothing and say why in one line', () => {
  it.each([
    [['register', 'model', 'no-such-ref'], /'no-such-ref' does not name a commit/],
    [['register', 'model', '--', '--upload-pack=evil'], /does not name a commit/],
    [['register', 'a//b'], /invalid artifact name|not a valid git tag name/],
    [['register', '../x:m'], /not a valid git tag name|invalid artifact name/],
    [['register', 'x/.hidden:m'], /not a valid git tag name/],
    [['register', 'a.lock/b:m'], /not a valid git tag name/],
    [['register', 'model', '--version', 'v1.0'], /cannot be parsed/],
    [['register', 'mo$(touch pwned)del'], /invalid artifact name/],
    [['assign', 'model', '--stage', 'pr od'], /invalid stage name/],
    [['assign', 'model', '--version', 'v9.9.9', '--stage', 'prod'], /not registered/],
    [['deprecate', 'ghost'], /cannot find artifact 'ghost'/],
  ])('%j', (args, message) => {
    const r = repo.modelreg(args as string[]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message as RegExp);
    expectOneLineError(r);
    expect(repo.tags()).toEqual([]);
  });
});

describe('registry semantics end to end', () => {
  it('falls back to the previous prod holder when the current one is unassigned', () => {
    repo.modelreg(['register', 'm', '--version', 'v1.0.0'], { date: day(2) });
    repo.modelreg(['assign', 'm', '--version', 'v1.0.0', '--stage', 'prod'], { date: day(3) });
    repo.commit('model.pkl', 'v2\n', 'Retrain', day(4));
    repo.modelreg(['register', 'm', '--version', 'v2.0.0'], { date: day(5) });
    repo.modelreg(['assign', 'm', '--version', 'v2.0.0', '--stage', 'prod'], { date: day(6) });
    expect(repo.modelreg(['show', 'm#prod', '--version']).stdout).toBe('v2.0.0\n');
    repo.modelreg(['deprecate', 'm', 'v2.0.0', 'prod'], { date: day(7) });
    expect(repo.modelreg(['show', 'm#prod', '--version']).stdout).toBe('v1.0.0\n');
    repo.modelreg(['deprecate', 'm', 'v1.0.0'], { date: day(8) });
    expect(repo.modelreg(['show', 'm#prod', '--version']).stdout).toBe('');
    expect(JSON.parse(repo.modelreg(['show', '--json']).stdout).m).toEqual({ version: 'v2.0.0', stage: {}, registered: true, active: true });
  });

  it('orders events by absolute time across time zones', () => {
    repo.modelreg(['register', 'm', '--version', 'v1.0.0'], { date: day(2) });
    repo.commit('model.pkl', 'v2\n', 'Retrain', day(2));
    repo.modelreg(['register', 'm', '--version', 'v2.0.0'], { date: day(2) });
    // 14:00+03:00 is 11:00Z: before 12:00+00:00 although its wall clock is later.
    repo.modelreg(['assign', 'm', '--version', 'v2.0.0', '--stage', 'prod'], { date: rawDate('2025-03-03T12:00:00Z') });
    repo.modelreg(['assign', 'm', '--version', 'v1.0.0', '--stage', 'prod'], { date: rawDate('2025-03-03T11:00:00Z', '+0300') });
    expect(repo.modelreg(['show', 'm#prod', '--version']).stdout).toBe('v2.0.0\n');
    const json = JSON.parse(repo.modelreg(['history', 'm', '--json', '--asc']).stdout);
    expect(json.map((e: { ref: string }) => e.ref)).toEqual(['m@v1.0.0', 'm@v2.0.0', 'm#prod#2', 'm#prod#1']);
    expect(json[2].timestamp).toBe('2025-03-03T14:00:00+03:00');
  });

  it('re-activates a deprecated artifact with a newer event', () => {
    repo.modelreg(['register', 'm'], { date: day(2) });
    repo.modelreg(['deprecate', 'm'], { date: day(3) });
    expect(repo.modelreg(['show']).stdout).toBe('Nothing found in the current workspace\n');
    expect(repo.modelreg(['deprecate', 'm'], { date: day(4) }).code).toBe(1);
    repo.commit('model.pkl', 'v2\n', 'Retrain', day(5));
    repo.modelreg(['register', 'm'], { date: day(6) });
    expect(repo.modelreg(['show', '--plain']).stdout).toBe('name    latest\nm       v0.0.2\n');
  });

  it('assigns an unregistered commit with --skip-registration', () => {
    const sha = repo.git(['rev-parse', 'HEAD']).trim();
    const r = repo.modelreg(['assign', 'm', '--stage', 'dev', '--skip-registration'], { date: day(2) });
    expect(r.stdout).toBe(`Created git tag 'm#dev#1' that assigns stage to version '${sha}'\nTo push the changes upstream, run:\n    git push origin 'm#dev#1'\n`);
    expect(repo.modelreg(['show', '--plain']).stdout).toBe(`name    latest    #dev\nm       -         ${sha.slice(0, 7)}\n`);
    expect(repo.modelreg(['show', '--plain', '--ro']).stdout).toBe('name    latest    #dev\nm       -         -\n');
  });
});

describe('doctor', () => {
  it('reports bad tags while the rest of the registry loads', () => {
    repo.modelreg(['register', 'good', '--version', 'v1.0.0'], { date: day(2) });
    repo.git(['tag', 'light@v1.0.0']);
    repo.git(['tag', '-a', 'old@created', '-m', 'x'], day(2));
    repo.git(['tag', '-a', 'typo@1.0.0', '-m', 'x'], day(2));
    repo.git(['tag', '-a', 'two@v1.0.0', '-m', 'x'], day(2));
    repo.git(['tag', '-a', 'two@v2.0.0', '-m', 'x'], day(3));
    const show = repo.modelreg(['show', '--plain']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^good\s+v1\.0\.0$/m);
    const r = repo.modelreg(['doctor', '--json']);
    expect(r.code).toBe(1);
    const codes = JSON.parse(r.stdout).diagnostics.map((d: { code: string; ref: string }) => `${d.code} ${d.ref}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'lightweight-registry-tag light@v1.0.0',
        'created-tag old@created',
        'malformed-registry-tag typo@1.0.0',
        'two-versions-on-commit two@v1.0.0, two@v2.0.0',
      ]),
    );
    expect(repo.modelreg(['doctor']).stdout).toMatch(/did you mean 'typo@v1\.0\.0'/);
  });

  it('says all is well on a clean registry', () => {
    repo.modelreg(['register', 'm'], { date: day(2) });
    const r = repo.modelreg(['doctor']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No issues found/);
  });
});

describe('remote repositories', () => {
  function withRemote() {
    const remote = TestRepo.init({ bare: true });
    repo.git(['remote', 'add', 'origin', remote.dir]);
    repo.git(['push', '-q', 'origin', 'main']);
    return remote;
  }

  it('--push sends the created tags to origin', () => {
    const remote = withRemote();
    const r = repo.modelreg(['assign', 'm', '--stage', 'prod', '--push'], { date: day(2) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Pushed git tag 'm#prod#1' to origin/);
    expect(remote.tags().sort()).toEqual(['m#prod#1', 'm@v0.0.1']);
    expect(repo.modelreg(['deprecate', 'm', 'v0.0.1', 'prod', '--delete', '--push']).code).toBe(0);
    expect(remote.tags()).toEqual(['m@v0.0.1']);
  });

  it('reads and writes a bare repository and a file:// URL with -r', () => {
    const remote = withRemote();
    repo.modelreg(['register', 'm', '--push'], { date: day(2) });
    const elsewhere = TestRepo.init();
    for (const target of [remote.dir, `file://${remote.dir}`]) {
      const r = elsewhere.modelreg(['show', '-r', target, '--plain']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('name    latest\nm       v0.0.1\n');
    }
    // Writing through a URL pushes to it; the next read fetches incrementally and sees it.
    const w = elsewhere.modelreg(['assign', 'm', '--version', 'v0.0.1', '--stage', 'prod', '-r', `file://${remote.dir}`], { date: day(3) });
    expect(w.code).toBe(0);
    expect(remote.tags()).toContain('m#prod#1');
    repo.git(['fetch', '-q', 'origin', '--tags']);
    expect(repo.modelreg(['show', 'm#prod', '--version']).stdout).toBe('v0.0.1\n');
    repo.modelreg(['deprecate', 'm', 'v0.0.1', 'prod', '--push'], { date: day(4) });
    expect(elsewhere.modelreg(['show', 'm#prod', '--version', '-r', `file://${remote.dir}`]).stdout).toBe('');
  });

  it('-r PATH reads that repository, not the one a hook’s GIT_DIR names', () => {
    repo.modelreg(['register', 'm'], { date: day(2) });
    const elsewhere = TestRepo.init();
    elsewhere.commit('x.txt', 'x\n', 'Add x');
    elsewhere.git(['tag', '-a', '-m', 'register', 'other@v1.0.0', 'HEAD'], day(3));
    // As a hook of `repo` would run it: GIT_DIR and GIT_INDEX_FILE name `repo`.
    const env = { GIT_DIR: join(repo.dir, '.git'), GIT_INDEX_FILE: join(repo.dir, '.git', 'index'), MODELREG_NO_CACHE: '1' };
    expect(repo.modelreg(['show', '--plain', '-r', elsewhere.dir], { env }).stdout).toBe('name    latest\nother   v1.0.0\n');
    expect(repo.modelreg(['show', '--plain'], { env }).stdout).toBe('name    latest\nm       v0.0.1\n');
  });

  it('refuses a path that is not a repository, in one line', () => {
    const r = repo.modelreg(['show', '-r', '/nonexistent/place']);
    expect(r.code).toBe(1);
    expectOneLineError(r);
  });
});

describe('check-ref for CI', () => {
  it('prints one field at a time and accepts refs/tags/ as CI gives it', () => {
    repo.modelreg(['register', 'path/to:clf', '--version', 'v1.2.3-rc.1+build.7'], { date: day(2) });
    repo.modelreg(['assign', 'path/to:clf', '--version', 'v1.2.3-rc.1+build.7', '--stage', 'prod'], { date: day(3) });
    const ref = 'refs/tags/path/to=clf#prod#1';
    expect(repo.modelreg(['check-ref', ref, '--name']).stdout).toBe('path/to:clf\n');
    expect(repo.modelreg(['check-ref', ref, '--version']).stdout).toBe('v1.2.3-rc.1+build.7\n');
    expect(repo.modelreg(['check-ref', ref, '--event']).stdout).toBe('assignment\n');
    expect(repo.modelreg(['check-ref', ref, '--stage']).stdout).toBe('prod\n');
    expect(repo.modelreg(['check-ref', 'path/to=clf@v1.2.3-rc.1+build.7', '--stage']).stdout).toBe('');
  });

  it('prints nothing (exit 0) for a lightweight tag in registry form, and says why on stderr', () => {
    repo.git(['tag', 'm@v1.0.0']);
    const r = repo.modelreg(['check-ref', 'm@v1.0.0', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/lightweight/);
  });
});

describe('output into a pipe that closes early', () => {
  it('`history | head -1` stops quietly: exit 0, no stack trace', () => {
    const repo = TestRepo.init();
    const commit = repo.commit('m.pkl', 'w\n', 'Train');
    // 1,500 stage tags in one fast-import: far more history than a pipe holds.
    const tags = Array.from({ length: 1500 }, (_, i) => {
      const msg = `Assigning stage dev to artifact m version ${commit}\n`;
      return `tag m#dev#${i + 1}\nfrom ${commit}\ntagger T <t@example.com> ${1_700_000_000 + i} +0000\ndata ${msg.length}\n${msg}`;
    }).join('');
    execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, env: repo.env, input: tags });
    // pipefail: the pipeline's status is modelreg's (head's is 0).
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${CLI}" history | head -n 1`], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect({ code: r.status, stderr: r.stderr, first: r.stdout.split('\n')[0]?.[0] }).toEqual({ code: 0, stderr: '', first: '╒' });
  });
});
