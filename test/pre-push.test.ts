// The pre-push hook on real pushes to a local bare remote, and `modelreg check` finding the same
// problems after a push that skipped the hook (--no-verify).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { validateCheckReport } from '../packages/core/dist/generated/validators.js';
import { CLI, TestRepo, cleanTemps, installPrePushHook, rawDate } from './helpers/repo.js';

afterAll(cleanTemps);
const day = (d: number) => rawDate(`2025-03-${String(d).padStart(2, '0')}T12:00:00Z`);

const CONFIG = `stages: [dev, staging, prod]
rules:
  staging:
    fields: [desc, meta.owner]
  prod:
    requires: [staging]
`;
const ANNOTATED = `artifacts:\n  m:\n    path: m.pkl\n    desc: churn model\n    meta:\n      owner: ml-team\n`;

let repo: TestRepo;
let remote: string;
let c1: string;

function push(args: string[]): { code: number; lines: string[]; stderr: string } {
  const r = spawnSync('git', ['push', '--porcelain', 'origin', ...args], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('modelreg'));
  return { code: r.status ?? -1, lines, stderr: r.stderr };
}

function remoteTags(): Record<string, string> {
  const out = repo.git(['ls-remote', '--tags', remote]);
  const tags: Record<string, string> = {};
  for (const line of out.split('\n').filter(Boolean)) {
    const [id, ref] = line.split('\t') as [string, string];
    if (!ref.endsWith('^{}')) tags[ref.slice('refs/tags/'.length)] = id;
  }
  return tags;
}

/** An annotated tag with a fixed tagger date. */
function tag(name: string, commit: string, date: string): string {
  repo.git(['tag', '-a', '-m', `event ${name}`, '--', name, commit], date);
  return repo.git(['rev-parse', `refs/tags/${name}`]).trim();
}

beforeEach(() => {
  repo = TestRepo.init();
  remote = join(repo.home, 'remote.git');
  repo.git(['init', '-q', '--bare', '-b', 'main', remote]);
  repo.git(['remote', 'add', 'origin', remote]);
  repo.write('.modelreg.yaml', CONFIG);
  repo.write('m.pkl', 'v1\n');
  repo.git(['add', '--', '.modelreg.yaml', 'm.pkl']);
  c1 = repo.commit('dvc.yaml', ANNOTATED, 'Create model', day(1));
  installPrePushHook(repo);
  expect(push(['main'])).toMatchObject({ code: 0, lines: [] });
});

describe('pre-push refuses, one line per problem, and the remote is untouched', () => {
  it('a near-miss tag name, with the corrected name; accepted once renamed', () => {
    tag('m@1.0.0', c1, day(2));
    const r = push(['--tags']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      `modelreg pre-push: tag 'm@1.0.0' looks like a registry tag but the version must start with "v"; it is not a registry event — did you mean 'm@v1.0.0'? git tag -a 'm@v1.0.0' -m MESSAGE 'm@1.0.0^{}' && git tag -d 'm@1.0.0' [malformed-registry-tag]`,
    ]);
    expect(remoteTags()).toEqual({});
    repo.git(['tag', '-a', 'm@v1.0.0', '-m', 'MESSAGE', 'm@1.0.0^{}'], day(2));
    repo.git(['tag', '-d', 'm@1.0.0']);
    const ok = push(['--tags']);
    expect(ok).toMatchObject({ code: 0, lines: [] });
    expect(Object.keys(remoteTags())).toEqual(['m@v1.0.0']);
  });

  it('a lightweight tag in registry form; accepted once annotated', () => {
    repo.git(['tag', 'm@v1.0.0', c1]);
    const r = push(['refs/tags/m@v1.0.0']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      `modelreg pre-push: tag 'm@v1.0.0' is a lightweight tag in registry form; only annotated tags are registry events (GTO ignores it) — recreate it annotated: git tag -a -f 'm@v1.0.0' -m MESSAGE 'm@v1.0.0' [lightweight-registry-tag]`,
    ]);
    expect(remoteTags()).toEqual({});
    repo.git(['tag', '-a', '-f', 'm@v1.0.0', '-m', 'MESSAGE', 'm@v1.0.0'], day(2));
    expect(push(['refs/tags/m@v1.0.0'])).toMatchObject({ code: 0, lines: [] });
  });

  it('a commit pushed straight to a registry tag name (no local tag), which is lightweight', () => {
    const r = push([`${c1}:refs/tags/dir=m#prod`]);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([expect.stringMatching(/^modelreg pre-push: tag 'dir=m#prod' is a lightweight tag in registry form; .* \[lightweight-registry-tag\]$/)]);
    expect(remoteTags()).toEqual({});
  });

  it('a version registered again on another commit', () => {
    tag('m@v1.0.0', c1, day(2));
    expect(push(['--tags'])).toMatchObject({ code: 0, lines: [] });
    const c2 = repo.commit('m.pkl', 'v2\n', 'Retrain', day(3));
    tag('m@v1.0.0#2', c2, day(4));
    const r = push(['--tags']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      `modelreg pre-push: tag 'm@v1.0.0#2' registers m v1.0.0 on commit ${c2.slice(0, 7)}, but that version is already registered on ${c1.slice(0, 7)} — a version name identifies one commit: register a new version instead (modelreg register NAME --bump-patch) [version-reused]`,
    ]);
    expect(Object.keys(remoteTags())).toEqual(['m@v1.0.0']);
  });

  it('two versions on one commit, pushed together or one after the other', () => {
    tag('m@v1.0.0', c1, day(2));
    tag('m@v1.0.1', c1, day(3));
    const both = push(['m@v1.0.0', 'm@v1.0.1']);
    expect(both.code).toBe(1);
    expect(both.lines).toEqual([
      `modelreg pre-push: m has 2 active versions on commit ${c1.slice(0, 7)} (v1.0.0, v1.0.1); stage tags on it go to the newest — deregister all but one of them [two-versions-on-commit]`,
    ]);
    expect(remoteTags()).toEqual({});
    repo.git(['tag', '-d', 'm@v1.0.1']);
    expect(push(['m@v1.0.0']).code).toBe(0);
    tag('m@v1.0.1', c1, day(3));
    expect(push(['m@v1.0.1']).code).toBe(1);
    expect(Object.keys(remoteTags())).toEqual(['m@v1.0.0']);
  });

  it('prod for a version that was never in staging; accepted after staging', () => {
    tag('m@v1.0.0', c1, day(2));
    tag('m#prod#1', c1, day(3));
    const r = push(['--tags']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      `modelreg pre-push: tag 'm#prod#1' assigns 'prod' to m v1.0.0, which was never in 'staging' before (rules.prod.requires) — assign 'staging' first (modelreg assign m --version v1.0.0 --stage staging), then assign again [stage-requires]`,
    ]);
    expect(remoteTags()).toEqual({});
    repo.git(['tag', '-d', 'm#prod#1']);
    tag('m#staging#1', c1, day(4));
    tag('m#prod#2', c1, day(5));
    expect(push(['--tags'])).toMatchObject({ code: 0, lines: [] });
    expect(Object.keys(remoteTags()).sort()).toEqual(['m#prod#2', 'm#staging#1', 'm@v1.0.0']);
  });

  it('prod whose staging is only local: pushed alone it is refused, with staging or after it accepted', () => {
    tag('m@v1.0.0', c1, day(2));
    tag('m#staging#1', c1, day(3));
    tag('m#prod#2', c1, day(4));
    expect(push(['refs/tags/m@v1.0.0'])).toMatchObject({ code: 0, lines: [] });
    const r = push(['refs/tags/m#prod#2']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      `modelreg pre-push: tag 'm#prod#2' assigns 'prod' to m v1.0.0, but the remote does not have 'm#staging#1', which it requires (rules.prod.requires) — push it in the same push: git push REMOTE 'refs/tags/m#staging#1' … [stage-requires]`,
    ]);
    expect(push(['refs/tags/m#staging#1'])).toMatchObject({ code: 0, lines: [] });
    expect(push(['refs/tags/m#prod#2'])).toMatchObject({ code: 0, lines: [] });
    expect(Object.keys(remoteTags()).sort()).toEqual(['m#prod#2', 'm#staging#1', 'm@v1.0.0']);
  });

  it('a stage the config does not allow, and a required annotation field missing at the version commit', () => {
    const c2 = repo.commit('dvc.yaml', 'artifacts:\n  m:\n    path: m.pkl\n', 'Drop the description', day(2));
    tag('m@v2.0.0', c2, day(3));
    tag('m#staging#1', c2, day(4));
    tag('m#qa#2', c2, day(5));
    const r = push(['--tags']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      `modelreg pre-push: tag 'm#staging#1' assigns 'staging' but m lacks desc, meta.owner at commit ${c2.slice(0, 7)} (rules.staging.fields) — add desc, meta.owner to m's annotation (modelreg annotate m …), commit, register a new version and assign that [stage-fields]`,
      `modelreg pre-push: tag 'm#qa#2' assigns stage 'qa', which .modelreg.yaml does not allow — allowed stages are: dev, staging, prod (or add the stage to 'stages') [stage-not-allowed]`,
    ]);
    expect(remoteTags()).toEqual({});
  });

  it('judged by the config committed at HEAD, not by unstaged edits', () => {
    repo.write('.modelreg.yaml', 'stages: [dev, staging, prod]\n'); // not committed: prod still requires staging
    tag('m@v1.0.0', c1, day(2));
    tag('m#prod#1', c1, day(3));
    const r = push(['--tags']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([expect.stringMatching(/^modelreg pre-push: tag 'm#prod#1' assigns 'prod' to m v1\.0\.0, which was never in 'staging' before .*\[stage-requires\]$/)]);
    expect(remoteTags()).toEqual({});
  });

  it('a broken config, as a problem line', () => {
    repo.commit('.modelreg.yaml', 'stages: [dev, staging\n', 'Break the config', day(2));
    tag('m@v1.0.0', c1, day(3));
    const r = push(['--tags']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      `modelreg pre-push: .modelreg.yaml:2:1: Flow sequence in block collection must be sufficiently indented and end with a ] — fix .modelreg.yaml and commit it: a push is judged by the config committed at HEAD [config-syntax]`,
    ]);
    expect(remoteTags()).toEqual({});
  });

  it('moving (force-pushing) and deleting a registry tag the remote has', () => {
    const first = tag('m@v1.0.0', c1, day(2));
    expect(push(['--tags'])).toMatchObject({ code: 0, lines: [] });
    const c2 = repo.commit('m.pkl', 'v2\n', 'Retrain', day(3));
    repo.git(['tag', '-a', '-f', '-m', 'moved', 'm@v1.0.0', c2], day(4));
    const moved = repo.git(['rev-parse', 'refs/tags/m@v1.0.0']).trim();
    const r = push(['--force', 'refs/tags/m@v1.0.0']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      `modelreg pre-push: moving registry tag 'm@v1.0.0' (${first.slice(0, 7)} → ${moved.slice(0, 7)}), which the remote has: registry history is append-only — restore it (git fetch --force 'origin' 'refs/tags/m@v1.0.0:refs/tags/m@v1.0.0') and register a new version or assign again instead [registry-tag-moved]`,
    ]);
    expect(remoteTags()).toEqual({ 'm@v1.0.0': first });
    const d = push(['--delete', 'refs/tags/m@v1.0.0']);
    expect(d.code).toBe(1);
    expect(d.lines).toEqual([
      `modelreg pre-push: deleting registry tag 'm@v1.0.0', which the remote has: registry history is append-only — keep the tag and record the change as a new event instead: modelreg deprecate m v1.0.0 (deregisters it) [registry-tag-deleted]`,
    ]);
    expect(remoteTags()).toEqual({ 'm@v1.0.0': first });
  });

  it('deleting a stage tag the remote has names the unassignment to make instead', () => {
    tag('m@v1.0.0', c1, day(2));
    tag('m#staging#1', c1, day(3));
    expect(push(['--tags'])).toMatchObject({ code: 0, lines: [] });
    const d = push([':refs/tags/m#staging#1']);
    expect(d.code).toBe(1);
    expect(d.lines).toEqual([
      `modelreg pre-push: deleting registry tag 'm#staging#1', which the remote has: registry history is append-only — keep the tag and record the change as a new event instead: modelreg deprecate m v1.0.0 staging (unassigns it) [registry-tag-deleted]`,
    ]);
    expect(Object.keys(remoteTags()).sort()).toEqual(['m#staging#1', 'm@v1.0.0']);
  });
});

describe('signed stages, verified by git (SSH signatures)', () => {
  /** prod must be signed by lead; SSH keys for lead and intruder, both known to git. */
  function signers(): { lead: string; intruder: string } {
    // The tags go on this commit: a tag is judged by the config committed at its own commit.
    c1 = repo.commit('.modelreg.yaml', 'stages: [staging, prod]\nrules:\n  prod:\n    signers: [lead@example.com]\n', 'Signed prod', day(1));
    const key = (who: string) => {
      const file = join(repo.home, who);
      spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${who}@example.com`, '-f', file], { env: repo.env });
      return file;
    };
    const lead = key('lead');
    const intruder = key('intruder');
    const allowed = [lead, intruder].map((k) => `${k.slice(k.lastIndexOf('/') + 1)}@example.com namespaces="git" ${readFileSync(`${k}.pub`, 'utf8').trim()}`);
    writeFileSync(join(repo.home, 'allowed_signers'), allowed.join('\n') + '\n');
    repo.git(['config', 'gpg.format', 'ssh']);
    repo.git(['config', 'gpg.ssh.allowedSignersFile', join(repo.home, 'allowed_signers')]);
    return { lead, intruder };
  }
  const signedTag = (name: string, key: string) => {
    repo.git(['config', 'user.signingkey', `${key}.pub`]);
    repo.git(['tag', '-f', '-s', name, '-m', 'MESSAGE', c1], day(3));
  };

  it('refuses an unsigned tag and a signer not in signers, accepts an allowed signer', () => {
    const { lead, intruder } = signers();
    tag('m@v1.0.0', c1, day(2));
    tag('m#prod#1', c1, day(3));
    expect(push(['--tags']).lines).toEqual([
      `modelreg pre-push: tag 'm#prod#1' assigns 'prod' but is not signed (rules.prod.signed) — sign it: git tag -f -s 'm#prod#1' -m MESSAGE 'm#prod#1^{}' [stage-signed]`,
    ]);
    repo.git(['config', 'user.signingkey', `${intruder}.pub`]);
    repo.git(['tag', '-f', '-s', 'm#prod#1', '-m', 'MESSAGE', 'm#prod#1^{}'], day(3));
    expect(push(['--tags']).lines).toEqual([
      `modelreg pre-push: tag 'm#prod#1' assigns 'prod' but is signed by intruder@example.com, who is not in rules.prod.signers — have one of lead@example.com sign it (git tag -f -s) [stage-signer]`,
    ]);
    expect(remoteTags()).toEqual({});
    repo.git(['config', 'user.signingkey', `${lead}.pub`]);
    repo.git(['tag', '-f', '-s', 'm#prod#1', '-m', 'MESSAGE', 'm#prod#1^{}'], day(3));
    expect(push(['--tags'])).toMatchObject({ code: 0, lines: [] });
    expect(Object.keys(remoteTags()).sort()).toEqual(['m#prod#1', 'm@v1.0.0']);
  });
  it('verifies a tag pushed under another name by the object pushed, not by the local tag of that name', () => {
    const { lead, intruder } = signers();
    tag('m@v1.0.0', c1, day(2));
    expect(push(['refs/tags/m@v1.0.0'])).toMatchObject({ code: 0, lines: [] });
    signedTag('candidate', lead);
    expect(push(['refs/tags/candidate:refs/tags/m#prod#1'])).toMatchObject({ code: 0, lines: [] });
    // A local m#prod#2 signed by lead must not vouch for another object pushed under its name.
    signedTag('m#prod#2', lead);
    signedTag('forged', intruder);
    const r = push(['refs/tags/forged:refs/tags/m#prod#2']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      `modelreg pre-push: tag 'm#prod#2' assigns 'prod' but is signed by intruder@example.com, who is not in rules.prod.signers — have one of lead@example.com sign it (git tag -f -s) [stage-signer]`,
    ]);
    expect(Object.keys(remoteTags()).sort()).toEqual(['m#prod#1', 'm@v1.0.0']);
  });
});

describe('pre-push lets the rest through silently', () => {
  it('branches, non-registry tags (lightweight too), namespaced registry tags', () => {
    repo.commit('m.pkl', 'v2\n', 'Retrain', day(2));
    repo.git(['tag', 'release-1']);
    repo.git(['tag', '-a', '-m', 'notes', 'docs-2025']);
    tag('dir/sub=clf@v0.1.0', c1, day(3));
    const r = push(['main', '--tags']);
    expect(r).toMatchObject({ code: 0, lines: [] });
    expect(Object.keys(remoteTags()).sort()).toEqual(['dir/sub=clf@v0.1.0', 'docs-2025', 'release-1']);
  });

  it('replacing or deleting a lightweight registry tag that was pushed past the hook', () => {
    repo.git(['tag', 'm@v1.0.0', c1]);
    repo.git(['tag', 'm#prod', c1]);
    expect(push(['--no-verify', '--tags'])).toMatchObject({ code: 0, lines: [] });
    repo.git(['tag', '-a', '-f', 'm@v1.0.0', '-m', 'MESSAGE', 'm@v1.0.0'], day(2));
    expect(push(['--force', 'refs/tags/m@v1.0.0'])).toMatchObject({ code: 0, lines: [] });
    expect(push(['--delete', 'refs/tags/m#prod'])).toMatchObject({ code: 0, lines: [] });
    expect(Object.keys(remoteTags())).toEqual(['m@v1.0.0']);
  });

  it('a push with nothing to do, and a hook run with empty stdin', () => {
    expect(push(['main'])).toMatchObject({ code: 0, lines: [] });
    const r = repo.modelreg(['hook', 'pre-push', 'origin', remote]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('run by hand outside a repository with a registry tag on stdin: one line, exit 1', () => {
    const input = `refs/tags/m@v1.0.0 ${'1'.repeat(40)} refs/tags/m@v1.0.0 ${'0'.repeat(40)}\n`;
    const r = spawnSync(process.execPath, [CLI, 'hook', 'pre-push', 'origin', remote], { cwd: repo.home, env: repo.env, input, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('modelreg: not inside a Git repository — run it in the repository whose push it checks\n');
  });
});

describe('modelreg check finds what was pushed with --no-verify', () => {
  it('reports every history problem of the remote (in a CI clone), and one tag with --ref', () => {
    const c2 = repo.commit('dvc.yaml', 'artifacts:\n  m:\n    path: m.pkl\n', 'Drop the description', day(2));
    tag('m@1.0.0', c1, day(3));
    repo.git(['tag', 'm@v0.9.0', c1]);
    tag('m@v1.0.0', c1, day(3));
    tag('m@v1.0.0#2', c2, day(4));
    tag('m#prod#3', c1, day(5));
    tag('m#staging#4', c2, day(6));
    expect(push(['--no-verify', '--tags'])).toMatchObject({ code: 0, lines: [] });

    const ci = join(repo.home, 'ci');
    repo.git(['clone', '-q', remote, ci]);
    const run = (args: string[]) => repo.modelreg(args, { cwd: ci });
    const json = run(['check', '--format', 'json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { problems: { code: string; ref?: string }[] };
    expect(validateCheckReport(report)).toBe(true);
    const problems = report.problems;
    expect(problems.map((p) => `${p.ref}: ${p.code}`)).toEqual([
      'm@1.0.0: malformed-registry-tag',
      'm@v0.9.0: lightweight-registry-tag',
      'm@v1.0.0#2: version-reused',
      'm#prod#3: stage-requires',
      'm#staging#4: stage-fields',
    ]);
    const text = run(['check']);
    expect(text.code).toBe(1);
    expect(text.stdout.split('\n')).toContain(
      `✖ tag 'm#prod#3' assigns 'prod' to m v1.0.0, which was never in 'staging' before (rules.prod.requires) — assign 'staging' first (modelreg assign m --version v1.0.0 --stage staging), then assign again`,
    );
    expect(text.stdout).toMatch(/: 5 errors, 0 warnings\n$/);

    const one = run(['check', '--ref', 'refs/tags/m#staging#4']);
    expect(one.code).toBe(1);
    expect(one.stdout).toBe(
      `✖ tag 'm#staging#4' assigns 'staging' but m lacks desc, meta.owner at commit ${c2.slice(0, 7)} (rules.staging.fields) — add desc, meta.owner to m's annotation (modelreg annotate m …), commit, register a new version and assign that\n` +
        `1 annotation file, 1 artifact in refs/tags/m#staging#4: 1 error, 0 warnings\n`,
    );
    expect(run(['check', '--ref', 'm@1.0.0']).stdout).toMatch(/^✖ tag 'm@1.0.0' looks like a registry tag/);
    const good = run(['check', '--ref', 'm@v1.0.0']);
    expect(good).toMatchObject({ code: 0, stdout: '✔ 1 annotation file, 1 artifact in refs/tags/m@v1.0.0: no problems\n' });
  });

  it('judges only current stage holders over the whole repository: an assignment older than a rule is a warning', () => {
    tag('m@v1.0.0', c1, day(2));
    tag('m#prod#1', c1, day(3));
    expect(push(['--no-verify', 'main', '--tags'])).toMatchObject({ code: 0, lines: [] }); // past the hook
    const c2 = repo.commit('m.pkl', 'v2\n', 'Retrain', day(6));
    tag('m@v2.0.0', c2, day(7));
    tag('m#staging#2', c2, day(8));
    tag('m#prod#3', c2, day(9));
    expect(push(['main', '--tags'])).toMatchObject({ code: 0, lines: [] });

    const all = repo.modelreg(['check']);
    expect(all).toMatchObject({ code: 0, stderr: '' });
    expect(all.stdout).toBe(
      `⚠ tag 'm#prod#1' assigns 'prod' to m v1.0.0, which was never in 'staging' before (rules.prod.requires) — m#prod#3 holds 'prod' now; tags are immutable, so this older assignment needs no fix (the rule judges new assignments)\n` +
        `1 annotation file, 1 artifact in the working tree: 0 errors, 1 warning\n`,
    );
    // The tag itself, as CI checks one pushed tag, is judged fully.
    const one = repo.modelreg(['check', '--ref', 'm#prod#1']);
    expect(one.code).toBe(1);
    expect(one.stdout).toMatch(/^✖ tag 'm#prod#1' assigns 'prod' to m v1.0.0, which was never in 'staging' before \(rules.prod.requires\) — assign 'staging' first/);
  });

  it('--ref with --staged judges the tag by the staged config; a tag that does not exist is one line', () => {
    tag('m@v1.0.0', c1, day(2));
    tag('m#qa#1', c1, day(3));
    repo.write('.modelreg.yaml', CONFIG.replace('[dev, staging, prod]', '[dev, staging, prod, qa]'));
    repo.git(['add', '--', '.modelreg.yaml']);
    expect(repo.modelreg(['check', '--ref', 'm#qa#1']).stdout).toMatch(/^✖ tag 'm#qa#1' assigns stage 'qa', which .modelreg.yaml does not allow/);
    expect(repo.modelreg(['check', '--ref', 'm#qa#1', '--staged'])).toEqual({
      code: 0,
      stderr: '',
      stdout: '✔ 1 annotation file, 1 artifact in the index (staged files): no problems\n',
    });
    const missing = repo.modelreg(['check', '--ref', 'refs/tags/m#prod#9']);
    expect(missing).toEqual({ code: 1, stdout: '', stderr: `modelreg: tag 'm#prod#9' does not exist in this repository — fetch the tags first (git fetch --tags)\n` });
    expect(repo.modelreg(['check', '--ref', 'm#prod#9', '--staged'])).toEqual(missing);
    expect(repo.modelreg(['check', '--ref', 'm#prod#9', '--rev', 'HEAD'])).toEqual(missing);
    expect(repo.modelreg(['check', '--ref', 'refs/heads/main'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `modelreg: --ref takes a tag (refs/tags/NAME or NAME), not 'refs/heads/main'\n`,
    });
  });

  it('passes a clean history', () => {
    tag('m@v1.0.0', c1, day(2));
    tag('m#staging', c1, day(3));
    tag('m#prod', c1, day(4));
    expect(push(['--tags'])).toMatchObject({ code: 0, lines: [] });
    expect(repo.modelreg(['check'])).toMatchObject({ code: 0, stdout: '✔ 1 annotation file, 1 artifact in the working tree: no problems\n' });
  });
});
