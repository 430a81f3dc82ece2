// Committed symbolic links that lead out of the repository: no read command follows them, and
// none tells whether a file outside exists.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { TestRepo, cleanTemps, rawDate, tempDir } from '../helpers/repo.js';

afterAll(cleanTemps);
const day = (d: number) => rawDate(`2025-03-${String(d).padStart(2, '0')}T12:00:00Z`);

let repo: TestRepo;
let outside: string;
beforeEach(() => {
  repo = TestRepo.init();
  repo.commit('model.pkl', 'v1\n', 'Create model', day(1));
  outside = tempDir('modelreg-outside-');
  writeFileSync(join(outside, 'dvc.yaml'), 'artifacts:\n  leaked:\n    path: model.pkl\n    desc: TOP-SECRET\n');
  writeFileSync(join(outside, 'config.yaml'), 'stages: [secret-stage]\n');
  mkdirSync(join(outside, 'weights'));
  writeFileSync(join(outside, 'weights', 'present.bin'), 'x');
});

function commitLink(path: string, target: string): void {
  mkdirSync(join(repo.dir, path, '..'), { recursive: true });
  symlinkSync(target, join(repo.dir, path));
  repo.git(['add', '--', path]);
  repo.git(['commit', '-q', '-m', `Link ${path}`], day(2));
}

describe('an annotation file that links outside', () => {
  beforeEach(() => commitLink('sub/dvc.yaml', join(outside, 'dvc.yaml')));

  it.each([
    [['check'], /sub\/dvc\.yaml: is a symbolic link \(or lies behind one\) that leads outside the repository; modelreg does not read it/],
    [['describe', 'sub:leaked'], /'sub:leaked' is not annotated .* sub\/dvc\.yaml has errors/],
    [['describe', 'sub:leaked', '--json'], /sub\/dvc\.yaml has errors/],
  ])('%j does not read it', (args, says) => {
    const r = repo.modelreg(args as string[]);
    expect(r.stdout + r.stderr).not.toContain('TOP-SECRET');
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(says as RegExp);
  });
});

describe('a config that links outside', () => {
  beforeEach(() => commitLink('.modelreg.yaml', join(outside, 'config.yaml')));

  it.each([[['stages', '--allowed']], [['doctor']], [['check']]])('%j does not read it', (args) => {
    const r = repo.modelreg(args);
    expect(r.stdout + r.stderr).not.toContain('secret-stage');
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('.modelreg.yaml: is a symbolic link');
  });
});

describe('a model path behind a link', () => {
  it('check answers the same whether the file outside exists or not', () => {
    commitLink('models', join(outside, 'weights'));
    repo.commit('dvc.yaml', 'artifacts:\n  a:\n    path: models/present.bin\n  b:\n    path: models/absent.bin\n', 'Annotate', day(3));
    const r = repo.modelreg(['check', '--format', 'json']);
    const text = r.stdout + r.stderr;
    const about = (name: string) => text.split('\n').filter((l) => l.includes(name)).map((l) => l.replaceAll(name, 'X'));
    expect(about('present.bin')).toEqual(about('absent.bin'));
    expect(about('present.bin').length).toBeGreaterThan(0);
  });

  it('a link that is itself the model path counts as present, without being followed', () => {
    commitLink('model-link.bin', join(outside, 'weights', 'gone.bin'));
    repo.commit('dvc.yaml', 'artifacts:\n  a:\n    path: model-link.bin\n', 'Annotate', day(3));
    const r = repo.modelreg(['check']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});
