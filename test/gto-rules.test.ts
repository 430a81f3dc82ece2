// GTO fidelity (issue 13): each rule on real repositories with real annotated tags and controlled
// tagger dates, checked against GTO 1.10's source (gto/base.py, registry.py, api.py, cli.py) and,
// where one exists, the GTO test named in the test's title.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TestRepo, cleanTemps, installPrePushHook, rawDate } from './helpers/repo.js';

afterAll(cleanTemps);
const day = (d: number, hh = 12) => rawDate(`2025-05-${String(d).padStart(2, '0')}T${String(hh).padStart(2, '0')}:00:00Z`);

/** An annotated tag made by plain git, by `who`, at a fixed tagger date. */
function tag(repo: TestRepo, name: string, commit: string, date: string, opts: { who?: string; message?: string } = {}): void {
  const who = opts.who ?? 'GTO Reference';
  const env = { ...repo.env, GIT_COMMITTER_NAME: who, GIT_COMMITTER_EMAIL: `${who.split(' ')[0]?.toLowerCase()}@example.com`, GIT_COMMITTER_DATE: date };
  const r = spawnSync('git', ['tag', '-a', '-m', opts.message ?? `event ${name}`, '--', name, commit], { cwd: repo.dir, env, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

/** A repository with `n` commits (c[0] oldest). */
function repoWith(n: number): { repo: TestRepo; c: string[] } {
  const repo = TestRepo.init();
  const c = Array.from({ length: n }, (_, i) => repo.commit('model.pkl', `weights ${i + 1}\n`, `Train ${i + 1}`, day(1, i)));
  return { repo, c };
}

function ok(repo: TestRepo, args: string[], date?: string): string {
  const r = repo.modelreg(args, date ? { date } : {});
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

function fails(repo: TestRepo, args: string[], code: number, message: RegExp): void {
  const before = repo.tags();
  const r = repo.modelreg(args, { date: day(20) });
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1); // one line, no stack trace
  expect(r.code).toBe(code);
  expect(repo.tags()).toEqual(before); // nothing written
}

const json = (repo: TestRepo, args: string[]) => JSON.parse(ok(repo, [...args, '--json']));
const short = (sha: string) => sha.slice(0, 7);

describe('rule 1: version listing order', () => {
  it('show NAME lists SemVer-descending, commit-id versions last, whatever --sort (gto/base.py sort_versions)', () => {
    const { repo, c } = repoWith(5);
    tag(repo, 'm@v1.0.0', c[0]!, day(2));
    tag(repo, 'm@v0.9.0', c[1]!, day(3));
    tag(repo, 'm@v2.0.0-rc.1', c[2]!, day(4));
    tag(repo, 'm#dev#1', c[3]!, day(5));
    tag(repo, 'm@v1.1.0', c[4]!, day(6));
    tag(repo, 'm@v1.1.0!', c[4]!, day(7));
    const order = ['v2.0.0-rc.1', 'v1.0.0', 'v0.9.0', short(c[3]!)];
    for (const sort of ['timestamp', 'semver']) {
      expect(ok(repo, ['show', 'm', '--version', '--sort', sort])).toBe(order.join('\n') + '\n');
      expect(json(repo, ['show', 'm', '--sort', sort]).map((v: { version: string }) => v.version)).toEqual([...order.slice(0, 3), c[3]]);
    }
    expect(ok(repo, ['show', 'm', '--version', '-d'])).toBe(['v2.0.0-rc.1', 'v1.1.0', 'v1.0.0', 'v0.9.0', short(c[3]!)].join('\n') + '\n');
    expect(ok(repo, ['show', 'm', '--version', '--ro'])).toBe(order.slice(0, 3).join('\n') + '\n');
    expect(ok(repo, ['show', 'm', '--ref'])).toBe(['m@v2.0.0-rc.1', 'm@v1.0.0', 'm@v0.9.0', 'm#dev#1'].join('\n') + '\n');
    const table = ok(repo, ['show', 'm', '--plain']).split('\n').slice(1, -1);
    expect(table.map((l) => l.split(/\s+/)[1])).toEqual(order);
  });
});

describe('rule 2: assign NAME REF --version V', () => {
  it('registers V at REF, then assigns; refuses a REF that has a version, and --skip-registration (GTO test_assign, test_assign_skip_registration)', () => {
    const { repo, c } = repoWith(3);
    expect(ok(repo, ['assign', 'm', 'HEAD', '--version', 'v0.0.1', '--stage', 'staging'], day(2))).toBe(
      `Created git tag 'm@v0.0.1' that registers version\nTo push the changes upstream, run:\n    git push origin m@v0.0.1\n` +
        `Created git tag 'm#staging#1' that assigns stage to version 'v0.0.1'\nTo push the changes upstream, run:\n    git push origin 'm#staging#1'\n`,
    );
    ok(repo, ['assign', 'm', 'HEAD~1', '--version', 'v0.0.2', '--stage', 'staging'], day(3));
    expect(repo.git(['rev-parse', 'm@v0.0.2^{commit}']).trim()).toBe(c[1]);
    expect(ok(repo, ['show', 'm#staging', '--version'])).toBe('v0.0.2\n');
    expect(ok(repo, ['show', 'm#staging', '--version', '--vs', '-1'])).toBe('v0.0.2\nv0.0.1\n');
    fails(repo, ['assign', 'm', 'HEAD', '--version', 'v0.0.3', '--stage', 'prod'], 1, /Can't register 'v0\.0\.3', since 'v0\.0\.1' is registered already at this ref/);
    fails(repo, ['assign', 'm', 'HEAD~2', '--version', 'v0.0.3', '--stage', 'prod', '--skip-registration'], 2, /either --version or --skip-registration/);
    // --version without REF still assigns that existing version.
    expect(ok(repo, ['assign', 'm', '--version', 'v0.0.1', '--stage', 'prod'], day(4))).toMatch(/^Created git tag 'm#prod#3' that assigns stage to version 'v0\.0\.1'/);
  });
});

describe('rule 3: re-registration', () => {
  it('registers a deregistered version again under its name (NAME@V#N), never a second name on the commit', () => {
    const { repo, c } = repoWith(2);
    ok(repo, ['register', 'm', 'HEAD~1'], day(2));
    ok(repo, ['deprecate', 'm', 'v0.0.1'], day(3));
    fails(repo, ['register', 'm', 'HEAD~1', '--version', 'v0.0.2'], 1, /for this ref you can only register 'v0\.0\.1'/);
    expect(ok(repo, ['register', 'm', 'HEAD~1', '--bump-minor', '--dry-run'])).toBe(`Would register m@v0.0.1#1: ${short(c[0]!)} carried v0.0.1 before: registered again\n`);
    expect(ok(repo, ['register', 'm', 'HEAD~1'], day(4))).toMatch(/^Created git tag 'm@v0\.0\.1#1' that registers version/);
    expect(ok(repo, ['show', 'm', '--ref'])).toBe('m@v0.0.1#1\n');
    expect(ok(repo, ['deprecate', 'm', 'v0.0.1'], day(5))).toMatch(/^Created git tag 'm@v0\.0\.1!#2'/);
    expect(ok(repo, ['register', 'm', 'HEAD~1', '--version', 'v0.0.1'], day(6))).toMatch(/^Created git tag 'm@v0\.0\.1#3'/);
    expect(repo.tags().filter((t) => t.startsWith('m@')).every((t) => repo.git(['rev-parse', `${t}^{commit}`]).trim() === c[0])).toBe(true);
    // assign on that commit after a deregistration registers it again too, rather than naming it anew.
    ok(repo, ['deprecate', 'm', 'v0.0.1'], day(7));
    expect(ok(repo, ['assign', 'm', 'HEAD~1', '--stage', 'prod'], day(8))).toMatch(/^Created git tag 'm@v0\.0\.1#5' that registers version/);
    expect(json(repo, ['show', 'm']).map((v: { version: string; ref: string; stages: { stage: string }[] }) => [v.version, v.ref, v.stages.map((st) => st.stage)])).toEqual([
      ['v0.0.1', 'm@v0.0.1#5', ['prod']],
    ]);
  });

  it('doctor warns about two version names on one commit even when one is deregistered', () => {
    const { repo, c } = repoWith(1);
    tag(repo, 'n@v1.0.0', c[0]!, day(2));
    tag(repo, 'n@v1.0.0!', c[0]!, day(3));
    tag(repo, 'n@v2.0.0', c[0]!, day(4));
    const r = repo.modelreg(['doctor']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^warning: n has 2 version names on commit \w{7} \(v1\.0\.0, v2\.0\.0\).* \[versions-share-commit\]$/m);
  });
});

describe('rule 4: stage selector order', () => {
  it('show NAME#STAGE lists holders SemVer-descending whatever --sort, --vs or assignment times', () => {
    const { repo, c } = repoWith(3);
    tag(repo, 'm@v1.0.0', c[0]!, day(2));
    tag(repo, 'm@v2.0.0', c[1]!, day(3));
    tag(repo, 'm@v1.5.0', c[2]!, day(4));
    tag(repo, 'm#prod#1', c[1]!, day(5));
    tag(repo, 'm#prod#2', c[0]!, day(6));
    tag(repo, 'm#prod#3', c[2]!, day(7));
    expect(ok(repo, ['show', 'm#prod', '--version', '--vs', '-1'])).toBe('v2.0.0\nv1.5.0\nv1.0.0\n');
    expect(ok(repo, ['show', 'm#prod', '--version', '--vs', '-1', '--sort', 'semver'])).toBe('v2.0.0\nv1.5.0\nv1.0.0\n');
    // --vs 2 picks the two newest assignments (v1.5.0, v1.0.0), listed in version order.
    expect(ok(repo, ['show', 'm#prod', '--version', '--vs', '2'])).toBe('v1.5.0\nv1.0.0\n');
    // With --sort semver the two highest hold it.
    expect(ok(repo, ['show', 'm#prod', '--version', '--vs', '2', '--sort', 'semver'])).toBe('v2.0.0\nv1.5.0\n');
    expect(json(repo, ['show', 'm#prod', '--vs', '-1']).map((v: { version: string }) => v.version)).toEqual(['v2.0.0', 'v1.5.0', 'v1.0.0']);
  });
});

describe('rule 5: --av before --vs', () => {
  it('keeps each version’s N oldest active stages, then fills stages (gto/base.py Artifact.get_vstages)', () => {
    const { repo, c } = repoWith(2);
    tag(repo, 'm@v1.0.0', c[0]!, day(2));
    tag(repo, 'm#dev#1', c[0]!, day(3));
    tag(repo, 'm#staging#2', c[0]!, day(4));
    tag(repo, 'm#prod#3', c[0]!, day(5));
    tag(repo, 'm@v2.0.0', c[1]!, day(6));
    tag(repo, 'm#dev#4', c[1]!, day(7));
    // No limits: v2.0.0 took dev, v1.0.0 keeps prod and staging (newest first).
    expect(ok(repo, ['show', 'm', '--stage'])).toBe('dev\nprod, staging\n');
    // --av 1: v1.0.0 keeps only dev (its oldest), which v2.0.0 holds by a newer assignment.
    expect(ok(repo, ['show', 'm', '--stage', '--av', '1'])).toBe('dev\n\n');
    expect(ok(repo, ['show', 'm', '--stage', '--av', '1', '--vs', '-1'])).toBe('dev\ndev\n');
    expect(ok(repo, ['show', 'm#prod', '--version', '--av', '1'])).toBe('');
    expect(ok(repo, ['show', 'm#prod', '--version', '--av', '3'])).toBe('v1.0.0\n');
    expect(json(repo, ['show', '--av', '1']).m.stage).toEqual({ dev: 'v2.0.0', prod: null, staging: null });
    expect(json(repo, ['show', 'm', '--av', '2']).map((v: { stages: { stage: string }[] }) => v.stages.map((s) => s.stage))).toEqual([['dev'], ['staging']]);
    // --vs -1: every holder in the registry cell, newest assignment first.
    expect(json(repo, ['show', '--vs', '-1']).m.stage).toEqual({ dev: 'v2.0.0, v1.0.0', prod: 'v1.0.0', staging: 'v1.0.0' });
    expect(ok(repo, ['show', '--vs', '-1', '--plain']).split('\n')[1]).toMatch(/^m\s+v2\.0\.0\s+v2\.0\.0, v1\.0\.0\s+v1\.0\.0\s+v1\.0\.0$/);
  });
});

describe('rule 6: stage list', () => {
  it("stages prints the config's list (even unused), in its order (GTO test_stages)", () => {
    const { repo, c } = repoWith(1);
    tag(repo, 'm@v1.0.0', c[0]!, day(2));
    tag(repo, 'm#prod#1', c[0]!, day(3));
    repo.commit('.gto', 'stages: [prod, dev, qa]\n', 'Add .gto', day(4));
    expect(ok(repo, ['stages'])).toBe('prod\ndev\nqa\n');
    expect(ok(repo, ['stages', '--used'])).toBe('prod\n');
    expect(ok(repo, ['show', '--plain']).split('\n')[0]).toMatch(/^name\s+latest\s+#prod\s+#dev\s+#qa$/);
    expect(json(repo, ['show']).m.stage).toEqual({ prod: 'v1.0.0', dev: null, qa: null });
  });

  it('without a config: stages held by an active version of any artifact, deprecated ones included, as columns too', () => {
    const { repo, c } = repoWith(2);
    tag(repo, 'a@v1.0.0', c[0]!, day(2));
    tag(repo, 'a#prod#1', c[0]!, day(3));
    tag(repo, 'a@deprecated', c[0]!, day(4));
    tag(repo, 'b@v1.0.0', c[1]!, day(2));
    tag(repo, 'b#dev#1', c[1]!, day(3));
    tag(repo, 'c@v1.0.0', c[1]!, day(2));
    tag(repo, 'c#qa#1', c[1]!, day(3));
    tag(repo, 'c@v1.0.0!', c[1]!, day(4));
    expect(ok(repo, ['stages'])).toBe('dev\nprod\n');
    expect(ok(repo, ['show', '--plain'])).toBe('name    latest    #dev    #prod\nb       v1.0.0    v1.0.0  -\nc       -         -       -\n');
    expect(json(repo, ['show']).b.stage).toEqual({ dev: 'v1.0.0', prod: null });
  });
});

describe('rule 7: bumps as python-semver', () => {
  it('bumps the part, zeroes the lower ones, drops prerelease and build (GTO test_bump_semver)', () => {
    const { repo } = repoWith(2);
    ok(repo, ['register', 'm', 'HEAD~1', '--version', 'v1.0.0-rc.1'], day(2));
    expect(ok(repo, ['register', 'm', '--bump-patch', '--dry-run'])).toMatch(/^Would register m@v1\.0\.1:/);
    expect(ok(repo, ['register', 'm', '--bump-minor', '--dry-run'])).toMatch(/^Would register m@v1\.1\.0:/);
    expect(ok(repo, ['register', 'm', '--bump-major', '--dry-run'])).toMatch(/^Would register m@v2\.0\.0:/);

    const other = repoWith(2).repo;
    ok(other, ['register', 'n', 'HEAD~1', '--version', 'v2.0.0-rc.1'], day(2));
    expect(ok(other, ['register', 'n'], day(3))).toMatch(/^Created git tag 'n@v2\.0\.1' that registers version/);
  });
});

describe('rule 8: authoring fields in JSON', () => {
  it("a version's fields come from its newest registration, activated_at from its first; a stage's all from its newest assignment", () => {
    const { repo, c } = repoWith(1);
    tag(repo, 'm@v1.0.0', c[0]!, day(2), { who: 'Alice A', message: 'first' });
    tag(repo, 'm@v1.0.0!', c[0]!, day(3), { who: 'Alice A' });
    tag(repo, 'm@v1.0.0#1', c[0]!, day(4), { who: 'Bob B', message: 'again' });
    tag(repo, 'm#prod#2', c[0]!, day(5), { who: 'Alice A', message: 'first promo' });
    tag(repo, 'm#prod!#3', c[0]!, day(6), { who: 'Alice A' });
    tag(repo, 'm#prod#4', c[0]!, day(7), { who: 'Bob B', message: 'second promo' });
    const [v] = json(repo, ['show', 'm']);
    expect(v).toMatchObject({
      activated_at: '2025-05-02T12:00:00+00:00',
      created_at: '2025-05-04T12:00:00+00:00',
      author: 'Bob B',
      author_email: 'bob@example.com',
      message: 'again',
      ref: 'm@v1.0.0#1',
    });
    expect(v.stages[0]).toMatchObject({
      stage: 'prod',
      is_active: true,
      activated_at: '2025-05-07T12:00:00+00:00',
      created_at: '2025-05-07T12:00:00+00:00',
      author: 'Bob B',
      message: 'second promo',
      ref: 'm#prod#4',
    });
    expect(ok(repo, ['show', 'm', '--plain']).split('\n')[1]).toMatch(/^m\s+v1\.0\.0\s+prod\s+2025-05-04 12:00:00\+00:00\s+m@v1\.0\.0#1$/);
  });
});

describe('rule 9: line options', () => {
  it('show --name lists artifact names sorted, *annotated-only among them; show NAME --stage one line per version', () => {
    const { repo, c } = repoWith(2);
    tag(repo, 'z@v1.0.0', c[0]!, day(2));
    tag(repo, 'a@v1.0.0', c[0]!, day(3));
    tag(repo, 'a@v2.0.0', c[1]!, day(4));
    tag(repo, 'a#prod#1', c[0]!, day(5));
    tag(repo, 'a#dev#2', c[0]!, day(6));
    repo.commit('artifacts.yaml', 'm:\n  type: model\n  path: model.pkl\n', 'Annotate m', day(7));
    expect(ok(repo, ['show', '--name'])).toBe('a\n*m\nz\n');
    expect(ok(repo, ['show', 'a', '--stage'])).toBe('\ndev, prod\n');
    const both = repo.modelreg(['show', '--name', '--json']);
    expect([both.code, both.stdout]).toEqual([2, '']);
    expect(both.stderr).toMatch(/one output format at a time/);
    expect(repo.modelreg(['show', 'a', '--name']).code).toBe(2);
  });
});

describe('rule 10: JSON flags', () => {
  it('registered is true for any artifact with a registry tag; discovered exactly for versions with no (de)registration tag', () => {
    const { repo, c } = repoWith(2);
    tag(repo, 's#prod#1', c[0]!, day(2));
    tag(repo, 's@v1.0.0', c[1]!, day(3));
    tag(repo, 'only#dev#1', c[0]!, day(2));
    tag(repo, 's@v0.5.0!', c[1]!, day(4)); // orphan: unregistered, not discovered
    repo.commit('artifacts.yaml', 'x:\n  type: model\n  path: model.pkl\n', 'Annotate x', day(5));
    const registry = json(repo, ['show']);
    expect([registry.s.registered, registry.only.registered, registry.x.registered]).toEqual([true, true, false]);
    const versions = json(repo, ['show', 's', '-d']).map((v: { version: string; discovered: boolean }) => [v.version, v.discovered]);
    expect(versions).toEqual([
      ['v1.0.0', false],
      ['v0.5.0', false],
      [c[0], true],
    ]);
  });
});

describe('rule 11: orphan deregistrations', () => {
  it('NAME@vX! with no registration is an event: history, check-ref, show -d, and a doctor warning', () => {
    const { repo, c } = repoWith(2);
    tag(repo, 'o@v2.0.0', c[1]!, day(2));
    tag(repo, 'o@v1.0.0!', c[0]!, day(3));
    expect(ok(repo, ['history', 'o', '--plain']).split('\n')[1]).toMatch(/^2025-05-03 12:00:00\+00:00\s+o\s+deregistration\s+v1\.0\.0\s+-\s+\w{7}\s+o@v1\.0\.0!$/);
    expect(ok(repo, ['check-ref', 'o@v1.0.0!'])).toBe('✅  Version "v1.0.0" of artifact "o" was deregistered\n');
    expect(json(repo, ['check-ref', 'o@v1.0.0!'])).toMatchObject({ event: 'deregistration', version: 'v1.0.0' });
    const [, orphan] = json(repo, ['show', 'o', '-d']);
    expect(orphan).toMatchObject({ version: 'v1.0.0', is_active: false, registrations: [], discovered: false });
    expect(orphan.deregistrations.map((e: { tag: string }) => e.tag)).toEqual(['o@v1.0.0!']);
    expect(ok(repo, ['show', 'o', '--version'])).toBe('v2.0.0\n');
    expect(ok(repo, ['show', 'o', '--version', '-d'])).toBe('v2.0.0\nv1.0.0\n');
    const doctor = repo.modelreg(['doctor']);
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toMatch(/^warning: .*o@v1\.0\.0!.*\[deregistration-without-registration\]$/m);
  });
});

describe('rule 12: stages: [] allows no stage', () => {
  it('assign fails with the allowed-stages error; a null stages allows any (GTO test_prohibit_config_assign_incorrect_stage)', () => {
    const { repo } = repoWith(1);
    repo.commit('.gto', 'types: []\nstages: []\n', 'Prohibit', day(2));
    fails(repo, ['assign', 'm', '--stage', 'dev'], 1, /stage 'dev' is not allowed — allowed stages are: none/);
    expect(ok(repo, ['stages'])).toBe('');
    repo.commit('.gto', 'stages:\n', 'Any stage', day(3));
    expect(ok(repo, ['assign', 'm', '--stage', 'dev'], day(4))).toMatch(/that assigns stage to version 'v0\.0\.1'/);
  });
});

describe('rule 13: artifacts.yaml discovery', () => {
  it("an artifact in artifacts.yaml at HEAD has a discovered version named by HEAD when HEAD carries none of it", () => {
    const { repo, c } = repoWith(1);
    tag(repo, 'nn@v1.0.0', c[0]!, day(2));
    const head = repo.commit('artifacts.yaml', 'features:\n  type: dataset\n  path: model.pkl\nnn:\n  type: model\n  path: model.pkl\n', 'Annotate', day(3));
    const [features] = json(repo, ['show', 'features']);
    expect(features).toMatchObject({
      artifact: 'features',
      version: head,
      commit_hexsha: head,
      registrations: [],
      stages: [],
      is_active: true,
      discovered: true,
      created_at: '2025-05-03T12:00:00+00:00',
      activated_at: '2025-05-03T12:00:00+00:00',
      message: 'Annotate\n',
      ref: head,
    });
    expect(features.enrichments[0]).toMatchObject({ commit_hexsha: head, version: head });
    expect(json(repo, ['show', 'nn']).map((v: { version: string }) => v.version)).toEqual(['v1.0.0', head]);
    expect(ok(repo, ['show', 'nn', '--version'])).toBe(`v1.0.0\n${short(head)}\n`);
    ok(repo, ['register', 'nn'], day(4));
    expect(ok(repo, ['show', 'nn', '--version'])).toBe('v1.0.1\nv1.0.0\n');
  });
});

describe('rule 14: registry view order', () => {
  it('show rows are sorted by name with *annotated-only ones among them; --json keys in the order GTO reads tags', () => {
    const { repo, c } = repoWith(1);
    tag(repo, 'b@v1.0.0', c[0]!, day(2));
    tag(repo, 'z@v1.0.0', c[0]!, day(3));
    tag(repo, 'Team/A@v1.0.0', c[0]!, day(4));
    tag(repo, 'z@deprecated', c[0]!, day(5));
    tag(repo, 'stageonly#dev#1', c[0]!, day(1));
    repo.commit('artifacts.yaml', 'c:\n  type: model\n  path: model.pkl\n', 'Annotate c', day(6));
    expect(ok(repo, ['show', '--plain', '-d']).split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['name', 'Team/A', 'b', '*c', 'stageonly', 'z', '']);
    // GTO reads deprecations first, then (de)registrations, then stage tags; annotated-only last.
    expect(Object.keys(json(repo, ['show', '-d']))).toEqual(['z', 'b', 'Team/A', 'stageonly', 'c']);
  });
});

describe('rule 15: one judgement per tag, everywhere', () => {
  it('an assignment made before .gto restricted stages is history: check, doctor and a push to a new remote agree', () => {
    const { repo, c } = repoWith(1);
    tag(repo, 'churn@v1.0.0', c[0]!, day(2));
    tag(repo, 'churn#not-allowed-stage#1', c[0]!, day(2, 13));
    const restricted = repo.commit('.gto', 'stages: [dev, prod]\n', 'Restrict stages', day(2, 14));
    expect(repo.modelreg(['check'])).toMatchObject({ code: 0 });
    expect(repo.modelreg(['doctor']).stdout).toMatch(/No issues found/);
    const remote = join(repo.home, 'new-remote.git');
    repo.git(['init', '-q', '--bare', remote]);
    repo.git(['remote', 'add', 'origin', remote]);
    installPrePushHook(repo);
    const push = spawnSync('git', ['push', '-q', 'origin', 'main', '--tags'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(push.status, push.stderr).toBe(0);

    // A tag on a commit whose .gto forbids its stage is refused by all three.
    tag(repo, 'churn#qa#2', restricted, day(3));
    const check = repo.modelreg(['check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/tag 'churn#qa#2' assigns stage 'qa', which \.gto does not allow/);
    const doctor = repo.modelreg(['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/tag 'churn#qa#2' assigns stage 'qa'.*\[stage-not-allowed\]/);
    expect(doctor.stdout).not.toMatch(/not-allowed-stage/);
    const refused = spawnSync('git', ['push', 'origin', 'refs/tags/churn#qa#2'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/modelreg pre-push: tag 'churn#qa#2' assigns stage 'qa'/);
  });
});
