// Hostile tag objects (issue 15): a tag object kept under another ref name, tag objects without a
// usable tagger, tags of blobs and of missing objects. Each is reported by the commands that judge
// the registry, is never a registry event, and never stops the rest of the registry from reading.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI, TestRepo, cleanTemps, rawDate } from '../helpers/repo.js';

afterAll(cleanTemps);
const day = (d: number) => rawDate(`2025-03-${String(d).padStart(2, '0')}T12:00:00Z`);

let repo: TestRepo;
let remote: string;
let c1: string;

beforeEach(() => {
  repo = TestRepo.init();
  remote = join(repo.home, 'remote.git');
  repo.git(['init', '-q', '--bare', '-b', 'main', remote]);
  repo.git(['remote', 'add', 'origin', remote]);
  repo.write('m.pkl', 'v1\n');
  repo.git(['add', '--', 'm.pkl']);
  c1 = repo.commit('dvc.yaml', 'artifacts:\n  m:\n    path: m.pkl\n', 'Create model', day(1));
  const hook = join(repo.dir, '.git', 'hooks', 'pre-push');
  writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" hook pre-push "$@"\n`);
  chmodSync(hook, 0o755);
});

const tag = (name: string, target: string, date: string) => repo.git(['tag', '-a', '-m', 'MESSAGE', name, target], date);
const objectOf = (name: string) => repo.git(['rev-parse', `refs/tags/${name}`]).trim();

/** A tag object written as given (git's own commands refuse these): its id. */
function rawTagObject(lines: string[]): string {
  const r = spawnSync('git', ['hash-object', '-t', 'tag', '-w', '--stdin', '--literally'], { cwd: repo.dir, env: repo.env, input: lines.join('\n') + '\n', encoding: 'utf8' });
  return r.stdout.trim();
}

function push(refs: string[]): { code: number; lines: string[] } {
  const r = spawnSync('git', ['push', '--porcelain', 'origin', ...refs], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
  return { code: r.status ?? -1, lines: r.stderr.split('\n').filter((l) => l.startsWith('modelreg')) };
}

function remoteTags(): string[] {
  return repo
    .git(['ls-remote', '--tags', '--refs', remote])
    .split('\n')
    .filter(Boolean)
    .map((l) => l.slice(l.indexOf('refs/tags/') + 'refs/tags/'.length))
    .sort();
}

/** `check --format json` problems as `ref: code`. */
function checkProblems(args: string[] = []): { code: number; problems: string[] } {
  const r = repo.modelreg(['check', '--format', 'json', ...args]);
  const report = JSON.parse(r.stdout) as { problems: { code: string; ref?: string }[] };
  return { code: r.code, problems: report.problems.map((p) => `${p.ref}: ${p.code}`) };
}

/** The tag of the version that holds m's prod stage ('' when none does). */
function prodHolder(): string {
  return repo.modelreg(['show', 'm#prod', '--ref']).stdout.trim();
}

describe('a tag object under another name than its own is no registry event', () => {
  /** prod must be signed by lead (SSH keys, verified by git). */
  function signedProd(): (name: string, target: string, date: string) => void {
    repo.commit('.modelreg.yaml', 'stages: [staging, prod]\nrules:\n  prod:\n    signers: [lead@example.com]\n', 'Signed prod', day(2));
    const key = join(repo.home, 'lead');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'lead@example.com', '-f', key], { env: repo.env });
    writeFileSync(join(repo.home, 'allowed_signers'), `lead@example.com namespaces="git" ${readFileSync(`${key}.pub`, 'utf8').trim()}\n`);
    repo.git(['config', 'gpg.format', 'ssh']);
    repo.git(['config', 'gpg.ssh.allowedSignersFile', join(repo.home, 'allowed_signers')]);
    repo.git(['config', 'user.signingkey', `${key}.pub`]);
    return (name, target, date) => repo.git(['tag', '-s', '-m', 'MESSAGE', name, target], date);
  }

  it("a lead's signed staging tag re-pointed as m#prod#2: not an event; check, check --ref, doctor and pre-push report it", () => {
    const signed = signedProd();
    tag('m@v1.0.0', c1, day(3));
    signed('m#staging#1', c1, day(4));
    expect(push(['main', '--tags'])).toMatchObject({ code: 0, lines: [] });
    repo.git(['update-ref', 'refs/tags/m#prod#2', objectOf('m#staging#1')]);

    expect(prodHolder()).toBe('');
    expect(repo.modelreg(['history', 'm']).stdout).not.toContain('m#prod#2');
    expect(checkProblems()).toEqual({ code: 1, problems: ['m#prod#2: tag-name-mismatch'] });
    const one = repo.modelreg(['check', '--ref', 'refs/tags/m#prod#2']);
    expect(one.code).toBe(1);
    expect(one.stdout.split('\n')[0]).toBe(
      `✖ tag 'm#prod#2' holds a tag object made as 'm#staging#1' (its signature, if any, covers that name only); it is not a registry event — delete the copy (git tag -d 'm#prod#2') and create the event under its own name with modelreg; 'm#staging#1' itself is unaffected`,
    );
    expect(repo.modelreg(['doctor']).stdout).toContain(`error: tag 'm#prod#2' holds a tag object made as 'm#staging#1'`);
    expect(repo.modelreg(['check-ref', 'm#prod#2']).stderr).toMatch(/^modelreg: 'm#prod#2' is not a registry event: tag 'm#prod#2' holds a tag object made as 'm#staging#1'/);

    const r = push(['refs/tags/m#prod#2']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([expect.stringMatching(/^modelreg pre-push: tag 'm#prod#2' holds a tag object made as 'm#staging#1' .* \[tag-name-mismatch\]$/)]);
    // The same object pushed straight under the remote name is refused just the same.
    expect(push(['refs/tags/m#staging#1:refs/tags/m#prod#3']).code).toBe(1);
    expect(remoteTags()).toEqual(['m#staging#1', 'm@v1.0.0']);
  });

  it('an old signed prod tag re-pointed as m#prod#9 does not roll prod back', () => {
    const signed = signedProd();
    tag('m@v1.0.0', c1, day(3));
    signed('m#prod#1', c1, day(4));
    const c2 = repo.commit('m.pkl', 'v2\n', 'Retrain', day(5));
    tag('m@v2.0.0', c2, day(6));
    signed('m#prod#2', c2, day(7));
    expect(prodHolder()).toBe('m@v2.0.0');
    // git stamps no date on a ref: m#prod#9 would sort last by its counter, were it read as an event.
    repo.git(['update-ref', 'refs/tags/m#prod#9', objectOf('m#prod#1')]);
    expect(prodHolder()).toBe('m@v2.0.0');
    expect(checkProblems()).toEqual({ code: 1, problems: ['m#prod#9: tag-name-mismatch'] });
  });

  it("a tag object made as other@v9.9.9 under the ref m@v0.6.0 is not read as m's v0.6.0", () => {
    tag('m@v1.0.0', c1, day(3));
    tag('other@v9.9.9', c1, day(4));
    repo.git(['update-ref', 'refs/tags/m@v0.6.0', objectOf('other@v9.9.9')]);
    repo.git(['tag', '-d', 'other@v9.9.9']);
    const versions = JSON.parse(repo.modelreg(['show', 'm', '--json']).stdout) as { version: string }[];
    expect(versions.map((v) => v.version)).toEqual(['v1.0.0']);
    expect(repo.modelreg(['show']).stdout).not.toContain('other');
    expect(checkProblems()).toEqual({ code: 1, problems: ['m@v0.6.0: tag-name-mismatch'] });
    expect(repo.modelreg(['doctor']).stdout).toContain(`error: tag 'm@v0.6.0' holds a tag object made as 'other@v9.9.9'`);
  });
});

describe('tag objects without a usable tagger are annotated tags with a bad tagger, not lightweight ones', () => {
  it('no tagger line and a garbled one: reported as bad-tagger, never as lightweight; the rest reads', () => {
    tag('m@v1.0.0', c1, day(3));
    repo.git(['update-ref', 'refs/tags/m@v2.0.0', rawTagObject([`object ${c1}`, 'type commit', 'tag m@v2.0.0', '', 'no tagger'])]);
    repo.git(['update-ref', 'refs/tags/m#prod#1', rawTagObject([`object ${c1}`, 'type commit', 'tag m#prod#1', 'tagger nobody knows when', '', 'garbled'])]);
    expect(checkProblems()).toEqual({ code: 1, problems: ['m#prod#1: bad-tagger', 'm@v2.0.0: bad-tagger'] });
    const doctor = repo.modelreg(['doctor']).stdout;
    expect(doctor).toContain(
      `error: tag 'm@v2.0.0' is an annotated tag with no readable tagger line (no time to order it by); it is not a registry event — recreate it with modelreg, or: git tag -a -f 'm@v2.0.0' -m MESSAGE 'm@v2.0.0^{}' [bad-tagger]`,
    );
    expect(doctor).not.toContain('lightweight');
    expect(repo.modelreg(['show', 'm', '--ref']).stdout).toBe('m@v1.0.0\n');
    const r = push(['refs/tags/m@v2.0.0']);
    expect(r.lines).toEqual([expect.stringMatching(/^modelreg pre-push: tag 'm@v2.0.0' is an annotated tag with no readable tagger line.*\[bad-tagger\]$/)]);
  });
});

describe('a tag of a blob or of a missing object does not stop the reads', () => {
  /** Every read command still answers with the intact version; `check` names the broken tag. */
  function readsStillWork(broken: string, code: string): void {
    for (const args of [['show'], ['show', 'm', '-d'], ['show', 'm', '--json'], ['history'], ['changelog'], ['describe', 'm'], ['check-ref', 'm@v1.0.0']]) {
      const r = repo.modelreg(args);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
      expect(r.stdout, args.join(' ')).toMatch(/v1\.[01]\.0|was registered|path: m\.pkl/);
    }
    expect(checkProblems().problems).toContain(`${broken}: ${code}`);
    expect(checkProblems(['--ref', broken])).toEqual({ code: 1, problems: [`${broken}: ${code}`] });
    expect(repo.modelreg(['doctor']).stdout).toContain(`[${code}]`);
  }

  it('an annotated tag of a blob', () => {
    tag('m@v1.0.0', c1, day(3));
    const blob = spawnSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, env: repo.env, input: 'weights\n', encoding: 'utf8' }).stdout.trim();
    tag('m@v0.1.0', blob, day(2));
    readsStillWork('m@v0.1.0', 'tag-not-on-commit');
  });

  it('a ref to an object the repository does not have, and a tag object of one', () => {
    tag('m@v1.0.0', c1, day(3));
    tag('m@v1.1.0', repo.commit('m.pkl', 'v2\n', 'Retrain', day(4)), day(4));
    const absent = '1234567890123456789012345678901234567890';
    // git refuses to write these refs (update-ref checks the object): a damaged clone has them anyway.
    mkdirSync(join(repo.dir, '.git', 'refs', 'tags'), { recursive: true });
    writeFileSync(join(repo.dir, '.git', 'refs', 'tags', 'm@v0.9.0'), `${absent}\n`);
    writeFileSync(join(repo.dir, '.git', 'refs', 'tags', 'm@v0.8.0'), `${rawTagObject([`object ${absent}`, 'type commit', 'tag m@v0.8.0', 'tagger T <t@x> 1741003200 +0000', '', 'gone'])}\n`);
    readsStillWork('m@v0.9.0', 'tag-object-missing');
    expect(checkProblems().problems).toEqual(['m@v0.8.0: tag-object-missing', 'm@v0.9.0: tag-object-missing']);
    // Tags sorted after the broken ones are read too (git stops at the first broken one).
    expect(repo.modelreg(['show', 'm', '--ref']).stdout).toBe('m@v1.1.0\nm@v1.0.0\n');
    expect(repo.modelreg(['doctor']).stdout).toContain(
      `error: tag 'm@v0.9.0' points at object 1234567, which is missing from this repository (or tags one that is); it was ignored — fetch it again (git fetch --force REMOTE 'refs/tags/m@v0.9.0:refs/tags/m@v0.9.0') or delete it: git tag -d 'm@v0.9.0' [tag-object-missing]`,
    );
  });
});
