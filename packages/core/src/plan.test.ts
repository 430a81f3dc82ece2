import { describe, expect, it } from 'vitest';
import type { RegistryConfig } from './config.js';
import { ModelregError } from './errors.js';
import { COMMIT_A, COMMIT_B, COMMIT_C, COMMIT_D, at, gtoTranscriptTags, tag } from './fixtures.test-helpers.js';
import {
  type PlanContext,
  type PlannedTag,
  nextCounter,
  nextVersion,
  planAssign,
  planDelete,
  planDeprecate,
  planRegister,
} from './plan.js';
import { type TagInput, buildRegistry } from './registry.js';

function ctxOf(tags: TagInput[], config: RegistryConfig = {}, extraTagNames: string[] = []): PlanContext {
  return { registry: buildRegistry(tags), tagNames: new Set([...tags.map((t) => t.name), ...extraTagNames]), config };
}

/** The ModelregError `fn` throws (fails the test when it does not throw one). */
function refusal(fn: () => unknown): ModelregError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ModelregError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

const brief = (p: PlannedTag) => [p.name, p.commit, p.message];

describe('replaying the GTO transcript (§1–§3, §9) gives the same tags and messages', () => {
  it('plans every step as GTO did', () => {
    const tags: TagInput[] = [];
    const ctx = (config: RegistryConfig = {}) => ctxOf(tags, config);
    const apply = (minute: number, planned: PlannedTag | PlannedTag[]) => {
      for (const p of [planned].flat()) tags.push(tag(p.name, { commit: p.commit, at: at(minute), message: p.message }));
      return [planned].flat().map(brief);
    };

    // §1 register
    expect(apply(3, planRegister(ctx(), { artifact: 'model', commit: COMMIT_A }))).toEqual([
      ['model@v0.0.1', COMMIT_A, 'Registering artifact model version v0.0.1'],
    ]);
    expect(apply(5, planRegister(ctx(), { artifact: 'model', commit: COMMIT_B, bump: 'minor', message: 'Release v0.1.0' }))).toEqual([
      ['model@v0.1.0', COMMIT_B, 'Release v0.1.0'],
    ]);
    const second = refusal(() => planRegister(ctx(), { artifact: 'model', commit: COMMIT_B, version: 'v1.0.0' }));
    expect([second.code, second.message]).toEqual([
      'already-registered',
      "'model' is already registered in this commit with version 'v0.1.0'",
    ]);
    expect(apply(7, planRegister(ctx(), { artifact: 'churn', commit: COMMIT_B, version: 'v3.0.0' }))).toEqual([
      ['churn@v3.0.0', COMMIT_B, 'Registering artifact churn version v3.0.0'],
    ]);
    const unparsable = refusal(() => planRegister(ctx(), { artifact: 'churn', commit: COMMIT_A, version: '3.1.0' }));
    expect([unparsable.code, unparsable.message]).toEqual(['invalid-version', "supplied version '3.1.0' cannot be parsed"]);
    expect(unparsable.hint).toContain("'v3.1.0'");
    expect(refusal(() => planRegister(ctx(), { artifact: 'bad name', commit: COMMIT_A })).code).toBe('invalid-name');
    expect(apply(10, planRegister(ctx(), { artifact: 'Team/Model_A-1', commit: COMMIT_A }))).toEqual([
      ['Team/Model_A-1@v0.0.1', COMMIT_A, 'Registering artifact Team/Model_A-1 version v0.0.1'],
    ]);
    expect(apply(11, planRegister(ctx(), { artifact: 'path/to:clf', commit: COMMIT_A }))).toEqual([
      ['path/to=clf@v0.0.1', COMMIT_A, 'Registering artifact path/to:clf version v0.0.1'],
    ]);

    // §2 assign
    expect(apply(12, planAssign(ctx(), { artifact: 'model', stage: 'dev', commit: COMMIT_B }))).toEqual([
      ['model#dev#1', COMMIT_B, 'Assigning stage dev to artifact model version v0.1.0'],
    ]);
    expect(apply(13, planAssign(ctx(), { artifact: 'model', stage: 'prod', version: 'v0.0.1' }))).toEqual([
      ['model#prod#2', COMMIT_A, 'Assigning stage prod to artifact model version v0.0.1'],
    ]);
    expect(apply(15, planAssign(ctx(), { artifact: 'model', stage: 'staging', commit: COMMIT_C }))).toEqual([
      ['model@v0.1.1', COMMIT_C, 'Registering artifact model version v0.1.1'],
      ['model#staging#3', COMMIT_C, 'Assigning stage staging to artifact model version v0.1.1'],
    ]);
    expect(apply(16, planAssign(ctx(), { artifact: 'churn', stage: 'prod', version: 'v3.0.0', notation: 'true' }))).toEqual([
      ['churn#prod', COMMIT_B, 'Assigning stage prod to artifact churn version v3.0.0'],
    ]);
    expect(apply(17, planAssign(ctx(), { artifact: 'churn', stage: 'dev', version: 'v3.0.0', notation: 'true' }))).toEqual([
      ['churn#dev', COMMIT_B, 'Assigning stage dev to artifact churn version v3.0.0'],
    ]);
    expect(
      apply(18, planAssign(ctx(), { artifact: 'model', stage: 'prod', version: 'v0.1.0', message: 'Promote v0.1.0 to prod' })),
    ).toEqual([['model#prod#4', COMMIT_B, 'Promote v0.1.0 to prod']]);
    const again = refusal(() => planAssign(ctx(), { artifact: 'model', stage: 'prod', version: 'v0.1.0' }));
    expect([again.code, again.message]).toEqual(['already-in-stage', "version 'v0.1.0' is already in stage 'prod'"]);
    expect(again.hint).toMatch(/--force/);

    // §3 deprecate
    expect(apply(20, planDeprecate(ctx(), { artifact: 'model', version: 'v0.1.1', stage: 'staging' }))).toEqual([
      ['model#staging!#5', COMMIT_C, "Unassigning stage 'staging' to artifact 'model' version 'v0.1.1'"],
    ]);
    expect(apply(21, planDeprecate(ctx(), { artifact: 'model', version: 'v0.0.1' }))).toEqual([
      ['model@v0.0.1!', COMMIT_A, 'Deregistering artifact model version v0.0.1'],
    ]);
    expect(apply(22, planDeprecate(ctx(), { artifact: 'churn' }))).toEqual([
      ['churn@deprecated', COMMIT_B, "Deprecating artifact 'churn'"],
    ]);
    apply(23, planRegister(ctx(), { artifact: 'segment', commit: COMMIT_C, version: 'v0.4.1' }));
    expect(apply(23, planAssign(ctx(), { artifact: 'segment', stage: 'dev', commit: COMMIT_C }))).toEqual([
      ['segment#dev#1', COMMIT_C, 'Assigning stage dev to artifact segment version v0.4.1'],
    ]);
    expect(planDelete(ctx(), { artifact: 'segment', version: 'v0.4.1', stage: 'dev' })).toEqual(['segment#dev#1']);
    tags.splice(
      tags.findIndex((t) => t.name === 'segment#dev#1'),
      1,
    );

    // §9: stages allowed by .gto
    const qa = refusal(() => planAssign(ctx({ stages: ['dev', 'prod'], file: '.gto' }), { artifact: 'model', stage: 'qa', version: 'v0.1.1' }));
    expect(qa.code).toBe('stage-not-allowed');
    expect(qa.hint).toBe('allowed stages are: dev, prod (from .gto)');

    // §10: the resulting tags
    const summary = (list: TagInput[]) =>
      list.map((t) => [t.name, t.commit, t.message, t.tagger?.time]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(summary(tags)).toEqual(summary(gtoTranscriptTags()));
  });
});

describe('planRegister', () => {
  it('registers v0.0.1 first, then bumps the greatest version ever registered (deregistered ones too)', () => {
    expect(planRegister(ctxOf([]), { artifact: 'm', commit: COMMIT_A }).name).toBe('m@v0.0.1');
    const tags = [
      tag('m@v1.2.0', { commit: COMMIT_A, at: at(1) }),
      tag('m@v0.9.0', { commit: COMMIT_B, at: at(2) }),
      tag('m@v1.2.0!', { commit: COMMIT_A, at: at(3) }),
    ];
    expect(planRegister(ctxOf(tags), { artifact: 'm', commit: COMMIT_C }).name).toBe('m@v1.2.1');
    expect(planRegister(ctxOf(tags), { artifact: 'm', commit: COMMIT_C, bump: 'minor' }).name).toBe('m@v1.3.0');
    expect(planRegister(ctxOf(tags), { artifact: 'm', commit: COMMIT_C, bump: 'major' }).name).toBe('m@v2.0.0');
  });

  it('nextVersion bumps a prerelease as GTO (python-semver) does and ignores unregistered versions', () => {
    const r = buildRegistry([tag('m@v2.0.0-rc.1', { commit: COMMIT_A }), tag('m#dev#1', { commit: COMMIT_B })]);
    expect(nextVersion(r.artifacts.get('m'), 'patch')).toBe('v2.0.1');
    expect(nextVersion(r.artifacts.get('m'), 'minor')).toBe('v2.1.0');
    expect(nextVersion(r.artifacts.get('m'), 'major')).toBe('v3.0.0');
    expect(nextVersion(undefined)).toBe('v0.0.1');
    expect(nextVersion(undefined, 'minor')).toBe('v0.1.0');
    expect(nextVersion(undefined, 'major')).toBe('v1.0.0');
  });

  it('a deregistered commit is registered again with its own version, never a second name', () => {
    const tags = [tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }), tag('m@v1.0.0!', { commit: COMMIT_A, at: at(2) })];
    expect(planRegister(ctxOf(tags), { artifact: 'm', commit: COMMIT_A }).name).toBe('m@v1.0.0#1');
    expect(planRegister(ctxOf(tags), { artifact: 'm', commit: COMMIT_A, notation: 'false' }).name).toBe('m@v1.0.0#1');
    expect(refusal(() => planRegister(ctxOf(tags), { artifact: 'm', commit: COMMIT_A, version: 'v1.0.1' })).code).toBe('version-at-ref');
    expect(refusal(() => planRegister(ctxOf(tags), { artifact: 'm', commit: COMMIT_A, notation: 'true' })).code).toBe('tag-exists');
  });

  it('refuses a version name already used, even when deregistered or on the same commit', () => {
    const tags = [
      tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }),
      tag('m@v2.0.0', { commit: COMMIT_B, at: at(2) }),
      tag('m@v2.0.0!', { commit: COMMIT_B, at: at(3) }),
    ];
    for (const version of ['v1.0.0', 'v2.0.0']) {
      const e = refusal(() => planRegister(ctxOf(tags), { artifact: 'm', commit: COMMIT_C, version }));
      expect(e.code).toBe('version-exists');
      expect(e.hint).toContain("'v2.0.1'");
    }
    // On its own commit, a deregistered version is registered again under its name (GTO).
    expect(planRegister(ctxOf(tags), { artifact: 'm', commit: COMMIT_B, version: 'v2.0.0' }).name).toBe('m@v2.0.0#1');
  });

  it('refuses a version that ranks the same as a registered one (only build metadata differs)', () => {
    const tags = [tag('m@v1.0.0+build.5', { commit: COMMIT_A, at: at(1) })];
    for (const version of ['v1.0.0', 'v1.0.0+other']) {
      const e = refusal(() => planRegister(ctxOf(tags), { artifact: 'm', commit: COMMIT_B, version }));
      expect(e.code).toBe('version-exists');
      expect(e.message).toContain("ranks the same as 'v1.0.0+build.5'");
    }
    expect(planRegister(ctxOf(tags), { artifact: 'm', commit: COMMIT_B, version: 'v1.0.0-rc.1+build.5' }).name).toBe('m@v1.0.0-rc.1+build.5');
  });

  it.each(['3.1.0', 'v1.0', 'v01.0.0', 'latest', ''])('refuses the version %j with invalid-version', (version) => {
    expect(refusal(() => planRegister(ctxOf([]), { artifact: 'm', commit: COMMIT_A, version })).code).toBe('invalid-version');
  });

  it.each(['bad name', '-m', 'm-', 'a:b:c', 'dir:', 'modèl', 'm@v1', 'm#x', ''])('refuses the name %j with invalid-name', (artifact) => {
    expect(refusal(() => planRegister(ctxOf([]), { artifact, commit: COMMIT_A })).code).toBe('invalid-name');
  });

  it.each(['a//b', 'Team//m', '../x:m', 'a/../b:m', 'x/.y:m', 'a.lock/b:m', 'a/.:m', '.:m', '-x:m', '--help:m'])(
    'refuses %j, which passes the name rule but not git, with invalid-ref-name',
    (artifact) => {
      const e = refusal(() => planRegister(ctxOf([]), { artifact, commit: COMMIT_A }));
      expect(e.code).toBe('invalid-ref-name');
    },
  );

  it('refuses a name already taken by another tag (e.g. a lightweight one)', () => {
    const e = refusal(() => planRegister(ctxOf([], {}, ['m@v0.0.1']), { artifact: 'm', commit: COMMIT_A }));
    expect(e.code).toBe('tag-exists');
  });

  it("notation 'false' writes a counted registration", () => {
    const tags = [tag('m@v1.0.0', { commit: COMMIT_A }), tag('m#prod#4', { commit: COMMIT_A })];
    expect(planRegister(ctxOf(tags), { artifact: 'm', commit: COMMIT_B, notation: 'false' }).name).toBe('m@v1.0.1#5');
    expect(planRegister(ctxOf(tags), { artifact: 'm', commit: COMMIT_B }).name).toBe('m@v1.0.1');
  });

  it('returns the event it plans', () => {
    const p = planRegister(ctxOf([]), { artifact: 'a/b:c', commit: COMMIT_A, version: 'v1.0.0-rc.1+b.2' });
    expect(p).toEqual({
      name: 'a/b=c@v1.0.0-rc.1+b.2',
      commit: COMMIT_A,
      message: 'Registering artifact a/b:c version v1.0.0-rc.1+b.2',
      event: { kind: 'registration', artifact: 'a/b:c', version: 'v1.0.0-rc.1+b.2' },
      version: 'v1.0.0-rc.1+b.2',
    });
  });
});

describe('nextCounter', () => {
  it('is 1 + the highest counter among all tags of the artifact, whatever their kind', () => {
    const names = ['m@v1.0.0#3', 'm#prod!#7', 'm@deprecated#2', 'm#dev', 'm@v2.0.0', 'm-x#prod#50', 'mm#prod#60', 'x=m#prod#70', 'm@1.0.0#90'];
    expect(nextCounter(names, 'm')).toBe(8);
    expect(nextCounter(names, 'x:m')).toBe(71);
    expect(nextCounter([], 'm')).toBe(1);
    expect(nextCounter(['m#dev', 'm@v1.0.0'], 'm')).toBe(1);
  });

  it('counts lightweight and foreign tags that are only in tagNames', () => {
    const tags = [tag('m@v1.0.0', { commit: COMMIT_A }), tag('m#prod#1', { commit: COMMIT_A })];
    const plan = planAssign(ctxOf(tags, {}, ['m#qa#12']), { artifact: 'm', stage: 'dev', version: 'v1.0.0' });
    expect(plan.map((p) => p.name)).toEqual(['m#dev#13']);
  });
});

describe('planAssign', () => {
  const base = [tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }), tag('m@v2.0.0', { commit: COMMIT_B, at: at(2) })];

  it('uses the counted notation by default and the simple one on request', () => {
    expect(planAssign(ctxOf(base), { artifact: 'm', stage: 'prod', version: 'v1.0.0' }).map(brief)).toEqual([
      ['m#prod#1', COMMIT_A, 'Assigning stage prod to artifact m version v1.0.0'],
    ]);
    expect(planAssign(ctxOf(base), { artifact: 'm', stage: 'prod', version: 'v1.0.0', notation: 'false' })[0]?.name).toBe('m#prod#1');
    expect(planAssign(ctxOf(base), { artifact: 'm', stage: 'prod', version: 'v1.0.0', notation: 'true' })[0]?.name).toBe('m#prod');
  });

  it('a simple name that already exists is refused with a hint to count', () => {
    const tags = [...base, tag('m#prod', { commit: COMMIT_B, at: at(3) })];
    const e = refusal(() => planAssign(ctxOf(tags), { artifact: 'm', stage: 'prod', version: 'v1.0.0', notation: 'true' }));
    expect(e.code).toBe('tag-exists');
    expect(e.hint).toMatch(/--simple false/);
  });

  it('assigns the version registered at a commit', () => {
    const plan = planAssign(ctxOf(base), { artifact: 'm', stage: 'prod', commit: COMMIT_B });
    expect(plan.map((p) => [p.name, p.version])).toEqual([['m#prod#1', 'v2.0.0']]);
  });

  it('registers the commit first (next patch) when it has no version', () => {
    const plan = planAssign(ctxOf(base), { artifact: 'm', stage: 'prod', commit: COMMIT_C });
    expect(plan.map(brief)).toEqual([
      ['m@v2.0.1', COMMIT_C, 'Registering artifact m version v2.0.1'],
      ['m#prod#1', COMMIT_C, 'Assigning stage prod to artifact m version v2.0.1'],
    ]);
    expect(planAssign(ctxOf([]), { artifact: 'new', stage: 'dev', commit: COMMIT_A }).map((p) => p.name)).toEqual([
      'new@v0.0.1',
      'new#dev#1',
    ]);
  });

  it('--skip-registration assigns the bare commit', () => {
    const plan = planAssign(ctxOf(base), { artifact: 'm', stage: 'prod', commit: COMMIT_C, skipRegistration: true });
    expect(plan.map((p) => [p.name, p.commit, p.version, p.message])).toEqual([
      ['m#prod#1', COMMIT_C, COMMIT_C, `Assigning stage prod to artifact m version ${COMMIT_C}`],
    ]);
  });

  it('refuses a stage the config does not allow; a missing list allows any, an empty one none (as GTO)', () => {
    const e = refusal(() => planAssign(ctxOf(base, { stages: ['dev', 'prod'] }), { artifact: 'm', stage: 'qa', version: 'v1.0.0' }));
    expect([e.code, e.message]).toEqual(['stage-not-allowed', "stage 'qa' is not allowed"]);
    expect(planAssign(ctxOf(base, { stages: ['dev', 'prod'] }), { artifact: 'm', stage: 'prod', version: 'v1.0.0' })).toHaveLength(1);
    expect(refusal(() => planAssign(ctxOf(base, { stages: [] }), { artifact: 'm', stage: 'qa', version: 'v1.0.0' })).hint).toBe('allowed stages are: none (from the config)');
    expect(planAssign(ctxOf(base, {}), { artifact: 'm', stage: 'qa', version: 'v1.0.0' })).toHaveLength(1);
  });

  it('refuses to assign the current holder again unless forced', () => {
    const tags = [...base, tag('m#prod#1', { commit: COMMIT_A, at: at(3) })];
    expect(refusal(() => planAssign(ctxOf(tags), { artifact: 'm', stage: 'prod', version: 'v1.0.0' })).code).toBe('already-in-stage');
    expect(refusal(() => planAssign(ctxOf(tags), { artifact: 'm', stage: 'prod', commit: COMMIT_A })).code).toBe('already-in-stage');
    expect(planAssign(ctxOf(tags), { artifact: 'm', stage: 'prod', version: 'v1.0.0', force: true }).map((p) => p.name)).toEqual([
      'm#prod#2',
    ]);
  });

  it('a version that held the stage before the current holder may be assigned again', () => {
    const tags = [...base, tag('m#prod#1', { commit: COMMIT_A, at: at(3) }), tag('m#prod#2', { commit: COMMIT_B, at: at(4) })];
    expect(planAssign(ctxOf(tags), { artifact: 'm', stage: 'prod', version: 'v1.0.0' }).map((p) => p.name)).toEqual(['m#prod#3']);
  });

  it('refuses unknown, deregistered and malformed versions, bad names and bad stages', () => {
    const tags = [...base, tag('m@v2.0.0!', { commit: COMMIT_B, at: at(3) })];
    expect(refusal(() => planAssign(ctxOf(tags), { artifact: 'm', stage: 'prod', version: 'v9.0.0' })).code).toBe('version-not-found');
    expect(refusal(() => planAssign(ctxOf(tags), { artifact: 'nope', stage: 'prod', version: 'v1.0.0' })).code).toBe('version-not-found');
    expect(refusal(() => planAssign(ctxOf(tags), { artifact: 'm', stage: 'prod', version: 'v2.0.0' })).code).toBe('version-deregistered');
    expect(refusal(() => planAssign(ctxOf(tags), { artifact: 'm', stage: 'prod', version: '1.0.0' })).code).toBe('invalid-version');
    expect(refusal(() => planAssign(ctxOf(tags), { artifact: 'm', stage: '-prod', version: 'v1.0.0' })).code).toBe('invalid-stage');
    expect(refusal(() => planAssign(ctxOf(tags), { artifact: 'm', stage: 'pr od', version: 'v1.0.0' })).code).toBe('invalid-stage');
    expect(refusal(() => planAssign(ctxOf(tags), { artifact: 'bad name', stage: 'prod', version: 'v1.0.0' })).code).toBe('invalid-name');
    expect(refusal(() => planAssign(ctxOf(tags), { artifact: 'm', stage: 'a//b', version: 'v1.0.0' })).code).toBe('invalid-ref-name');
  });
});

describe('planDeprecate', () => {
  const base = [
    tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }),
    tag('m@v2.0.0', { commit: COMMIT_B, at: at(2) }),
    tag('m#prod#1', { commit: COMMIT_A, at: at(3) }),
  ];

  it('unassign writes NAME#STAGE!#N by default, NAME#STAGE! with simple notation', () => {
    expect(brief(planDeprecate(ctxOf(base), { artifact: 'm', version: 'v1.0.0', stage: 'prod' }))).toEqual([
      'm#prod!#2',
      COMMIT_A,
      "Unassigning stage 'prod' to artifact 'm' version 'v1.0.0'",
    ]);
    expect(planDeprecate(ctxOf(base), { artifact: 'm', version: 'v1.0.0', stage: 'prod', notation: 'true' }).name).toBe('m#prod!');
  });

  it('refuses to unassign a stage the version is not in, unless forced', () => {
    const e = refusal(() => planDeprecate(ctxOf(base), { artifact: 'm', version: 'v2.0.0', stage: 'prod' }));
    expect(e.code).toBe('not-in-stage');
    const unassigned = [...base, tag('m#prod!#2', { commit: COMMIT_A, at: at(4) })];
    expect(refusal(() => planDeprecate(ctxOf(unassigned), { artifact: 'm', version: 'v1.0.0', stage: 'prod' })).code).toBe('not-in-stage');
    expect(planDeprecate(ctxOf(base), { artifact: 'm', version: 'v2.0.0', stage: 'prod', force: true }).name).toBe('m#prod!#2');
  });

  it('deregister writes NAME@V!, and the counted form when the simple name exists', () => {
    expect(brief(planDeprecate(ctxOf(base), { artifact: 'm', version: 'v2.0.0' }))).toEqual([
      'm@v2.0.0!',
      COMMIT_B,
      'Deregistering artifact m version v2.0.0',
    ]);
    const reregistered = [
      ...base,
      tag('m@v2.0.0!', { commit: COMMIT_B, at: at(4) }),
      tag('m@v2.0.0#2', { commit: COMMIT_B, at: at(5) }),
    ];
    expect(planDeprecate(ctxOf(reregistered), { artifact: 'm', version: 'v2.0.0' }).name).toBe('m@v2.0.0!#3');
    expect(planDeprecate(ctxOf(base), { artifact: 'm', version: 'v2.0.0', notation: 'false' }).name).toBe('m@v2.0.0!#2');
  });

  it('refuses to deregister a deregistered or unregistered version', () => {
    const tags = [...base, tag('m@v2.0.0!', { commit: COMMIT_B, at: at(4) }), tag('m#dev#2', { commit: COMMIT_D, at: at(5) })];
    const e = refusal(() => planDeprecate(ctxOf(tags), { artifact: 'm', version: 'v2.0.0' }));
    expect([e.code, e.message]).toEqual(['not-registered', "version 'v2.0.0' of 'm' is already deregistered"]);
    expect(refusal(() => planDeprecate(ctxOf(tags), { artifact: 'm', version: COMMIT_D })).code).toBe('not-registered');
  });

  it('deprecate writes NAME@deprecated on the commit of the newest event', () => {
    expect(brief(planDeprecate(ctxOf(base), { artifact: 'm' }))).toEqual(['m@deprecated', COMMIT_A, "Deprecating artifact 'm'"]);
    expect(planDeprecate(ctxOf(base), { artifact: 'm', message: 'bye' }).message).toBe('bye');
  });

  it('refuses to deprecate twice unless forced, then counts', () => {
    const tags = [...base, tag('m@deprecated', { commit: COMMIT_A, at: at(4) })];
    expect(refusal(() => planDeprecate(ctxOf(tags), { artifact: 'm' })).code).toBe('already-deprecated');
    expect(planDeprecate(ctxOf(tags), { artifact: 'm', force: true }).name).toBe('m@deprecated#2');
  });

  it('refuses unknown artifacts and versions', () => {
    expect(refusal(() => planDeprecate(ctxOf(base), { artifact: 'nope' })).code).toBe('artifact-not-found');
    expect(refusal(() => planDeprecate(ctxOf(base), { artifact: 'bad name' })).code).toBe('invalid-name');
    expect(refusal(() => planDeprecate(ctxOf(base), { artifact: 'm', version: 'v9.9.9' })).code).toBe('version-not-found');
    expect(refusal(() => planDeprecate(ctxOf(base), { artifact: 'm', version: '9.9.9' })).code).toBe('invalid-version');
    expect(refusal(() => planDeprecate(ctxOf(base), { artifact: 'm', version: 'v1.0.0', stage: '-x' })).code).toBe('invalid-stage');
  });
});

describe('planDelete', () => {
  const tags = [
    tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }),
    tag('m#dev#1', { commit: COMMIT_A, at: at(2) }),
    tag('m#prod#2', { commit: COMMIT_A, at: at(3) }),
    tag('m#prod!#3', { commit: COMMIT_A, at: at(4) }),
    tag('m@v2.0.0', { commit: COMMIT_B, at: at(5) }),
  ];

  it('a stage of a version: its assignments and unassignments', () => {
    expect(planDelete(ctxOf(tags), { artifact: 'm', version: 'v1.0.0', stage: 'prod' })).toEqual(['m#prod#2', 'm#prod!#3']);
  });

  it('a version: its stage tags and its (de)registrations', () => {
    expect(planDelete(ctxOf(tags), { artifact: 'm', version: 'v1.0.0' })).toEqual(['m#dev#1', 'm#prod#2', 'm#prod!#3', 'm@v1.0.0']);
  });

  it('an artifact: all its tags', () => {
    expect(planDelete(ctxOf(tags), { artifact: 'm' }).sort()).toEqual(tags.map((t) => t.name).sort());
  });

  it('refuses when nothing matches', () => {
    expect(refusal(() => planDelete(ctxOf(tags), { artifact: 'm', version: 'v2.0.0', stage: 'prod' })).code).toBe('nothing-to-delete');
    expect(refusal(() => planDelete(ctxOf(tags), { artifact: 'm', version: 'v3.0.0' })).code).toBe('version-not-found');
    expect(refusal(() => planDelete(ctxOf(tags), { artifact: 'x' })).code).toBe('artifact-not-found');
  });
});
