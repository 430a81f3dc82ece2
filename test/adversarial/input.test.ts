// Hostile input: arguments, file contents, tag names and remotes that try to reach past modelreg.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { TestRepo, cleanTemps, rawDate } from '../helpers/repo.js';

afterAll(cleanTemps);
const day = (d: number) => rawDate(`2025-03-${String(d).padStart(2, '0')}T12:00:00Z`);

let repo: TestRepo;
beforeEach(() => {
  repo = TestRepo.init();
  repo.commit('model.pkl', 'v1\n', 'Create model', day(1));
});

function expectOneLine(r: { stderr: string }) {
  expect(r.stderr).toMatch(/^modelreg: /);
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.slice(0, -1)).not.toMatch(/[\n\r\u202e]/);
}

describe('arguments with line breaks and control characters', () => {
  it.each([
    [['register', 'a\nb'], 1, "invalid artifact name 'a\\nb'"],
    [['register', 'a\u202eb'], 1, "invalid artifact name 'a\\u{202e}b'"],
    [['show', 'x\ny'], 2, "'x\\ny' is not an artifact selector"],
    [['regi\nster'], 2, "unknown command 'regi\\nster' (Did you mean register?)"],
    [['assign', 'm', '--stage', 'p\r\u001b[2Kx'], 1, "'p\\r\\u{001b}[2Kx'"],
  ])('%j: one line, the characters escaped', (args, code, says) => {
    const r = repo.modelreg(args as string[]);
    expect(r.code).toBe(code);
    expectOneLine(r);
    expect(r.stderr).toContain(says);
    expect(repo.tags()).toEqual([]);
  });

  it('doctor escapes a bidi override in a tag name', () => {
    repo.git(['tag', '-a', '-m', 'x', 'm@1.0.0\u202ecod.exe'], day(2));
    const r = repo.modelreg(['doctor']);
    expect(r.stdout).toContain("tag 'm@1.0.0\\u{202e}cod.exe'");
    expect(r.stdout).not.toContain('\u202e');
  });
});

describe('meta', () => {
  it('--meta __proto__.x=y is refused, and the file is left as it was', () => {
    repo.commit('dvc.yaml', 'artifacts:\n  m:\n    path: model.pkl\n', 'Annotate', day(2));
    for (const pair of ['__proto__.x=y', '__proto__=y', 'a.__proto__.b=1']) {
      const r = repo.modelreg(['annotate', 'm', '--meta', pair]);
      expect(r.code).toBe(2);
      expectOneLine(r);
      expect(r.stderr).toContain("'__proto__' cannot be a meta key");
    }
    expect(readFileSync(join(repo.dir, 'dvc.yaml'), 'utf8')).toBe('artifacts:\n  m:\n    path: model.pkl\n');
  });

  it('a meta that is not a mapping passes check and describe shows it as written', () => {
    repo.commit('dvc.yaml', 'artifacts:\n  m:\n    path: model.pkl\n    meta: [[1]]\n', 'Annotate', day(2));
    expect(repo.modelreg(['check']).code).toBe(0);
    expect(JSON.parse(repo.modelreg(['describe', 'm', '--json']).stdout).meta).toEqual([[1]]);
    expect(repo.modelreg(['describe', 'm']).stdout).toContain('meta:\n  - - 1\n');
  });
});

describe('transports', () => {
  it.each(['fd::3', 'ext::sh -c id', 'git://example.com/x.git', 'ftp://example.com/x'])('-r %s is refused before git runs', (url) => {
    const r = repo.modelreg(['show', '-r', url]);
    expect(r.code).toBe(2);
    expectOneLine(r);
    expect(r.stderr).toMatch(/uses the transport '(fd|ext|git|ftp)', which modelreg does not allow/);
  });

  it('a configured remote with a refused transport fails at once instead of hanging', () => {
    repo.git(['remote', 'add', 'origin', 'fd::3']);
    const r = repo.modelreg(['register', 'm', '--push'], { date: day(2) });
    expect(r.code).toBe(1);
    expectOneLine(r);
    expect(r.stderr).toContain("transport 'fd' not allowed");
  });
});

describe('a push the remote refuses', () => {
  it('shows the reason the remote hook gave', () => {
    const origin = TestRepo.init({ bare: true });
    const hook = join(origin.dir, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "pre-receive: registrations need approval from #ml-leads" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    repo.git(['remote', 'add', 'origin', origin.dir]);
    const r = repo.modelreg(['register', 'm', '--push'], { date: day(2) });
    expect(r.code).toBe(1);
    expectOneLine(r);
    expect(r.stderr).toContain('remote: pre-receive: registrations need approval from #ml-leads');
    expect(r.stderr).toContain('[remote rejected] m@v0.0.1 -> m@v0.0.1 (pre-receive hook declined)');
  });

  it('shows the reason the remote hook gave for a refused deletion', () => {
    const origin = TestRepo.init({ bare: true });
    repo.git(['remote', 'add', 'origin', origin.dir]);
    expect(repo.modelreg(['register', 'm', '--push'], { date: day(2) }).code).toBe(0);
    const hook = join(origin.dir, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "history is append-only here" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const r = repo.modelreg(['deprecate', 'm', 'v0.0.1', '--delete', '--push']);
    expect(r.code).toBe(1);
    expectOneLine(r);
    expect(r.stderr).toMatch(/^modelreg: deleting m@v0\.0\.1 on origin failed: remote: history is append-only here/);
    expect(origin.git(['tag', '-l'])).toBe('m@v0.0.1\n');
  });
});
