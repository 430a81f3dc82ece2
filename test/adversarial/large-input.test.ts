// Large inputs (issue 15): a tag message of many MB and a commit message of MBs are read whole and
// right. The reader's work is asserted in packages/git (parse-refs.test.ts: each character parsed
// at most twice); here, what users see. No timing assertions: times are quoted in the bench notes.
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, TestRepo, cleanTemps, rawDate } from '../helpers/repo.js';

afterAll(cleanTemps);
const day = (d: number) => rawDate(`2025-03-${String(d).padStart(2, '0')}T12:00:00Z`);

// 16 MB in lines of 100 characters: hundreds of the pieces a pipe delivers.
const BIG = 'x'.repeat(99).concat('\n').repeat(160_000);

describe('a registry tag with a 16 MB message', () => {
  let repo: TestRepo;
  beforeAll(() => {
    repo = TestRepo.init();
    repo.write('m.pkl', 'v1\n');
    repo.git(['add', '--', 'm.pkl']);
    const c1 = repo.commit('dvc.yaml', 'artifacts:\n  m:\n    path: m.pkl\n', 'feat: create model\n\nModel: m\n', day(1));
    repo.git(['tag', '-a', '-m', 'Registering artifact m version v1.0.0', 'm@v1.0.0', c1], day(2));
    writeFileSync(join(repo.home, 'message'), `Promote\n\n${BIG}`);
    repo.git(['tag', '-a', '-F', join(repo.home, 'message'), 'm#prod#1', c1], day(3));
    const c2 = repo.commit('m.pkl', 'v2\n', 'feat: retrain\n\nModel: m\n', day(4));
    repo.git(['tag', '-a', '-m', 'Registering artifact m version v1.1.0', 'm@v1.1.0', c2], day(5));
  });

  /** The CLI with room for the message in its output (TestRepo.modelreg keeps spawnSync's 1 MB). */
  function run(args: string[]): { code: number; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repo.dir, env: repo.env, encoding: 'utf8', maxBuffer: 1 << 28 });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  it('show -d, history, check-ref and changelog read it and the tags around it', () => {
    const show = run(['show', 'm', '-d']);
    expect(show).toMatchObject({ code: 0, stderr: '' });
    expect(show.stdout).toMatch(/v1\.1\.0[\s\S]*v1\.0\.0/);
    const history = run(['history', 'm', '--json']);
    expect(history.code).toBe(0);
    const events = JSON.parse(history.stdout) as { event: string; ref?: string; message?: string }[];
    expect(events.map((e) => e.ref ?? e.event)).toEqual(expect.arrayContaining(['m@v1.0.0', 'm#prod#1', 'm@v1.1.0']));
    expect(events.find((e) => e.ref === 'm#prod#1')?.message).toBe(`Promote\n\n${BIG.slice(0, -1)}`);
    expect(run(['check-ref', 'm#prod#1'])).toEqual({ code: 0, stderr: '', stdout: '✅  Stage "prod" was assigned to version "v1.0.0" of artifact "m"\n' });
    const changelog = run(['changelog', 'm', '--format', 'json']);
    expect(changelog).toMatchObject({ code: 0, stderr: '' });
    expect(changelog.stdout).toContain('"v1.1.0"');
  });
});

describe('hook commit-msg with a 2 MB message', () => {
  it('parses the trailers after 2 MB of body, as git does', () => {
    const repo = TestRepo.init();
    repo.write('m.pkl', 'v1\n');
    repo.git(['add', '--', 'm.pkl']);
    repo.commit('dvc.yaml', 'artifacts:\n  m:\n    path: m.pkl\n', 'Start', day(1));
    const hook = join(repo.dir, '.git', 'hooks', 'commit-msg');
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" hook commit-msg "$1"\n`);
    chmodSync(hook, 0o755);
    const body = 'word '.repeat(19).concat('\n').repeat(20_000);
    const commit = (trailers: string) =>
      spawnSync('git', ['commit', '-q', '--allow-empty', '-F', '-'], { cwd: repo.dir, env: repo.env, input: `feat: big\n\n${body}\n${trailers}`, encoding: 'utf8' });
    const refused = commit('Model: nope\n');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^modelreg commit-msg: 'Model: nope' names no annotated artifact.*\[model-trailer-known\]$/m);
    expect(commit('Model: m\nModel-Bump: minor\n').status).toBe(0);
  });
});
