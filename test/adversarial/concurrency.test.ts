// Many modelreg processes on one repository at once: no edit is lost, no file is torn, no two
// processes plan from the same registry state.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI, TestRepo, cleanTemps, rawDate } from '../helpers/repo.js';
import { modelregParallel } from './parallel.js';

afterAll(cleanTemps);
const N = 10;
const day = (d: number) => rawDate(`2025-03-${String(d).padStart(2, '0')}T12:00:00Z`);

describe('annotate and remove on one file', () => {
  it(`${N} parallel annotate keep every entry and a valid file`, async () => {
    const repo = TestRepo.init();
    repo.commit('dvc.yaml', 'artifacts:\n  keep:\n    path: keep.pkl\n', 'Annotate keep', day(1));
    const runs = await modelregParallel(
      repo,
      Array.from({ length: N }, (_, i) => ['annotate', `a${i}`, '--path', `m${i}.pkl`, '--desc', `model ${i}`]),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const doc = parse(readFileSync(join(repo.dir, 'dvc.yaml'), 'utf8')) as { artifacts: Record<string, { path: string }> };
    expect(Object.keys(doc.artifacts).sort()).toEqual(['keep', ...Array.from({ length: N }, (_, i) => `a${i}`)].sort());
    for (let i = 0; i < N; i++) expect(doc.artifacts[`a${i}`]).toEqual({ path: `m${i}.pkl`, desc: `model ${i}` });
    expect(doc.artifacts.keep).toEqual({ path: 'keep.pkl' });
  });

  it(`${N} parallel remove and annotate leave exactly the survivors`, async () => {
    const repo = TestRepo.init();
    const entries = Array.from({ length: N }, (_, i) => `  r${i}:\n    path: r${i}.pkl\n`).join('');
    repo.commit('dvc.yaml', `artifacts:\n${entries}`, 'Annotate', day(1));
    const runs = await modelregParallel(repo, [
      ...Array.from({ length: N / 2 }, (_, i) => ['remove', `r${i}`]),
      ...Array.from({ length: N / 2 }, (_, i) => ['annotate', `n${i}`, '--path', `n${i}.pkl`]),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const doc = parse(readFileSync(join(repo.dir, 'dvc.yaml'), 'utf8')) as { artifacts: Record<string, unknown> };
    const expected = [...Array.from({ length: N / 2 }, (_, i) => `r${i + N / 2}`), ...Array.from({ length: N / 2 }, (_, i) => `n${i}`)];
    expect(Object.keys(doc.artifacts).sort()).toEqual(expected.sort());
    // Nothing left behind: no lock, no temporary file.
    expect(repo.git(['status', '--porcelain', '--untracked-files=all'])).toBe(' M dvc.yaml\n');
  });
});

/** Version tags by the commit they point to. */
function versionsByCommit(repo: TestRepo): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of repo.git(['for-each-ref', '--format=%(*objectname) %(refname:short)', 'refs/tags']).split('\n').filter(Boolean)) {
    const [commit, name] = line.split(' ') as [string, string];
    if (!/@v[^#!]*$/.test(name)) continue;
    out.set(commit, [...(out.get(commit) ?? []), name]);
  }
  return out;
}

describe('register, assign and deprecate in one repository', () => {
  it(`${N} parallel register on ${N} commits: each gets its own version, none shares a commit`, async () => {
    const repo = TestRepo.init();
    const commits = Array.from({ length: N }, (_, i) => repo.commit('model.pkl', `v${i}\n`, `Train ${i}`, day(1)));
    const runs = await modelregParallel(repo, commits.map((c) => ['register', 'm', c, '--bump-minor']), { env: { GIT_COMMITTER_DATE: day(2) } });
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const byCommit = versionsByCommit(repo);
    expect([...byCommit.keys()].sort()).toEqual([...commits].sort());
    for (const names of byCommit.values()) expect(names).toHaveLength(1);
    expect(new Set([...byCommit.values()].flat()).size).toBe(N);
  });

  it(`${N} parallel register of different versions on one commit: one wins, the rest are refused in one line`, async () => {
    const repo = TestRepo.init();
    repo.commit('model.pkl', 'v1\n', 'Train', day(1));
    const runs = await modelregParallel(repo, Array.from({ length: N }, (_, i) => ['register', 'm', '--version', `v${i + 1}.0.0`]));
    expect(runs.filter((r) => r.code === 0)).toHaveLength(1);
    for (const r of runs.filter((x) => x.code !== 0)) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^modelreg: 'm' is already registered in this commit with version 'v\d+\.0\.0'.*\n$/);
    }
    expect([...versionsByCommit(repo).values()].flat()).toHaveLength(1);
  });

  it(`${N} parallel assign to different stages: every counter is used once`, async () => {
    const repo = TestRepo.init();
    repo.commit('model.pkl', 'v1\n', 'Train', day(1));
    expect(repo.modelreg(['register', 'm', '--version', 'v1.0.0'], { date: day(2) }).code).toBe(0);
    const runs = await modelregParallel(repo, Array.from({ length: N }, (_, i) => ['assign', 'm', '--version', 'v1.0.0', '--stage', `s${i}`]));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const counters = repo.tags().filter((t) => t.includes('#')).map((t) => Number(t.split('#')[2]));
    expect(counters.sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
  });
});

describe('writes and reads through one `-r URL` cache', () => {
  /** A bare remote with `commits` commits on main, seen through a file:// URL. */
  function remoteWith(commits: number): { origin: TestRepo; url: string; shas: string[]; work: TestRepo } {
    const work = TestRepo.init();
    const shas = Array.from({ length: commits }, (_, i) => work.commit('model.pkl', `v${i}\n`, `Train ${i}`, day(1)));
    const origin = TestRepo.init({ bare: true });
    work.git(['push', '-q', origin.dir, 'main']);
    return { origin, url: pathToFileURL(origin.dir).href, shas, work };
  }

  it(`${N} parallel register through the cache: all pushed, one version per commit`, async () => {
    const { origin, url, shas, work } = remoteWith(N);
    const runs = await modelregParallel(work, shas.map((c) => ['register', 'm', c, '--bump-patch', '-r', url]), { cwd: work.home });
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const byCommit = versionsByCommit(origin);
    expect([...byCommit.keys()].sort()).toEqual([...shas].sort());
    expect(new Set([...byCommit.values()].flat()).size).toBe(N);
  });

  it(`${N} parallel register while views of several registries read the same cache: every version pushed`, async () => {
    const { origin, url, shas, work } = remoteWith(N);
    // The readers' view: this remote and another, named in a hub repository's config.
    const hub = TestRepo.init();
    hub.commit('.modelreg.yaml', `registries:\n  - name: models\n    url: ${url}\n  - name: other\n    url: ${remoteWith(1).url}\n`, 'Registries', day(1));
    const [writers, readers] = await Promise.all([
      modelregParallel(work, shas.map((c) => ['register', 'm', c, '--bump-patch', '-r', url]), { cwd: work.home }),
      modelregParallel(work, shas.map(() => ['show']), { cwd: hub.dir }),
    ]);
    for (const r of [...writers, ...readers]) expect(r.code, r.stderr).toBe(0);
    expect([...versionsByCommit(origin).keys()].sort()).toEqual([...shas].sort());
  });

  it(`${N} parallel readers after the remote moved all read it`, async () => {
    const { url, work, origin } = remoteWith(1);
    expect(work.modelreg(['show', '-r', url], { cwd: work.home }).code).toBe(0);
    work.commit('model.pkl', 'later\n', 'Retrain', day(2));
    work.git(['tag', '-a', '-m', 'Registering artifact m version v1.0.0', 'm@v1.0.0'], day(2));
    work.git(['push', '-q', origin.dir, 'main', 'm@v1.0.0']);
    const runs = await modelregParallel(work, Array.from({ length: N }, () => ['show', '-r', url]), { cwd: work.home });
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('v1.0.0');
    }
  });

  it('a push the remote refuses rolls back only its own tags and shows the remote reason', async () => {
    const { origin, url, shas, work } = remoteWith(1);
    // The remote refuses any prod assignment, as a team's server-side policy might.
    const hook = join(origin.dir, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\nwhile read old new ref; do case "$ref" in *"#prod"*) echo "prod needs a change ticket" >&2; exit 1;; esac; done\n');
    chmodSync(hook, 0o755);
    // Each call also registers the commit: the refused prod calls must not take the version with them.
    const runs = await modelregParallel(work, [
      ...Array.from({ length: N / 2 }, () => ['assign', 'm', '--stage', 'prod', '-r', url]),
      ...Array.from({ length: N / 2 }, (_, i) => ['assign', 'm', '--stage', `dev${i}`, '-r', url]),
    ], { cwd: work.home });
    for (const r of runs.slice(0, N / 2)) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^modelreg: pushing .*failed: remote: prod needs a change ticket.*\n$/);
    }
    for (const r of runs.slice(N / 2)) expect(r.code, r.stderr).toBe(0);
    const tags = origin.git(['tag', '-l']).split('\n').filter(Boolean);
    expect(tags.filter((t) => t.includes('#prod'))).toEqual([]);
    expect(tags.filter((t) => t.includes('#dev')).length).toBe(N / 2);
    expect([...versionsByCommit(origin).entries()]).toEqual([[shas[0], ['m@v0.0.1']]]);
  });

  it('Ctrl-C during a write leaves no lock behind, and the next write goes ahead', async () => {
    const { origin, url, work } = remoteWith(1);
    const hook = join(origin.dir, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\nsleep 30\n');
    chmodSync(hook, 0o755);
    const repos = join(work.env.MODELREG_CACHE_DIR as string, 'repos');
    const locks = () => (existsSync(repos) ? readdirSync(repos).filter((n) => n.endsWith('.lock')) : []);
    // Its own process group, as a terminal's Ctrl-C reaches the command and the git it runs.
    const child = spawn(process.execPath, [CLI, 'register', 'm', '-r', url], { cwd: work.home, env: work.env, detached: true, stdio: 'ignore' });
    const closed = new Promise<string | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    while (locks().length === 0) await new Promise((r) => setTimeout(r, 20));
    process.kill(-(child.pid as number), 'SIGINT');
    expect(await closed).toBe('SIGINT');
    expect(locks()).toEqual([]);
    rmSync(hook);
    const r = work.modelreg(['register', 'm', '-r', url], { cwd: work.home });
    expect(r.code, r.stderr).toBe(0);
  });
});
