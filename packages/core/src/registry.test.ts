import { describe, expect, it } from 'vitest';
import { COMMIT_A, COMMIT_B, COMMIT_C, at, gtoTranscriptTags, tag } from './fixtures.test-helpers.js';
import { type Registry, type TagInput, buildRegistry, compareEvents, registryCollector } from './registry.js';

function artifact(registry: Registry, name: string) {
  const a = registry.artifacts.get(name);
  if (!a) throw new Error(`no artifact ${name}`);
  return a;
}

function version(registry: Registry, name: string, v: string) {
  const mv = artifact(registry, name).versions.get(v);
  if (!mv) throw new Error(`no version ${name} ${v}`);
  return mv;
}

const refs = (events: { tag: string }[]) => events.map((e) => e.tag);
const codes = (registry: Registry) => registry.diagnostics.map((d) => d.code);

describe('buildRegistry: events', () => {
  it('builds events with the tag data', () => {
    const r = buildRegistry([tag('path/to=clf@v0.0.1#2', { commit: COMMIT_B, at: '2024-01-01T05:16:00+03:00', message: 'hello' })]);
    expect(r.diagnostics).toEqual([]);
    expect(r.events).toEqual([
      {
        kind: 'registration',
        artifact: 'path/to:clf',
        version: 'v0.0.1',
        counter: 2,
        tag: 'path/to=clf@v0.0.1#2',
        commit: COMMIT_B,
        time: 1704075360,
        tz: '+0300',
        author: 'GTO Reference',
        authorEmail: 'gto-ref@example.com',
        message: 'hello',
        priority: 3,
      },
    ]);
    expect([...r.artifacts.keys()]).toEqual(['path/to:clf']);
  });

  it('orders events by absolute instant: 05:16+03:00 is earlier than 03:00+00:00', () => {
    const r = buildRegistry([
      tag('m#prod#2', { at: '2024-01-01T05:16:00+03:00' }),
      tag('m#prod#1', { at: '2024-01-01T03:00:00+00:00' }),
      tag('m@v1.0.0', { at: '2024-01-01T01:00:00-02:00' }),
    ]);
    expect(refs(r.events)).toEqual(['m#prod#2', 'm@v1.0.0', 'm#prod#1']);
  });

  it('orders same-second events by priority (registration before assignment), then counter', () => {
    const same = at(15);
    const tags = [
      tag('m#prod!#3', { commit: COMMIT_A, at: same }),
      tag('m#prod#9', { commit: COMMIT_A, at: same }),
      tag('m#dev#10', { commit: COMMIT_A, at: same }),
      tag('m@v1.0.0', { commit: COMMIT_A, at: same }),
      tag('m@deprecated', { commit: COMMIT_A, at: same }),
      tag('m@v0.9.0!', { commit: COMMIT_B, at: same }),
      tag('m@v0.9.0', { commit: COMMIT_B, at: at(1) }),
    ];
    const expected = ['m@v0.9.0', 'm@deprecated', 'm@v1.0.0', 'm@v0.9.0!', 'm#prod#9', 'm#dev#10', 'm#prod!#3'];
    expect(refs(buildRegistry(tags).events)).toEqual(expected);
    expect(refs(buildRegistry([...tags].reverse()).events)).toEqual(expected);
  });

  it('compareEvents falls back to the tag name so the order never depends on input order', () => {
    const r = buildRegistry([tag('b#prod', { at: at(1) }), tag('a#prod', { at: at(1) })]);
    expect(refs(r.events)).toEqual(['a#prod', 'b#prod']);
    expect(compareEvents(r.events[0]!, r.events[1]!)).toBeLessThan(0);
  });

  it('lists artifacts in the order of their first event', () => {
    const r = buildRegistry(gtoTranscriptTags());
    expect([...r.artifacts.keys()]).toEqual(['model', 'churn', 'Team/Model_A-1', 'path/to:clf', 'segment']);
  });

  it('keeps the highest counter of every artifact', () => {
    const r = buildRegistry(gtoTranscriptTags());
    expect(artifact(r, 'model').maxCounter).toBe(5);
    expect(artifact(r, 'churn').maxCounter).toBe(0);
  });

  it('gives every stage event the version registered at its commit', () => {
    const r = buildRegistry(gtoTranscriptTags());
    const byTag = new Map(r.events.map((e) => [e.tag, e.version]));
    expect(byTag.get('model#dev#1')).toBe('v0.1.0');
    expect(byTag.get('model#prod#2')).toBe('v0.0.1');
    expect(byTag.get('model#staging#3')).toBe('v0.1.1');
    expect(byTag.get('model#staging!#5')).toBe('v0.1.1');
    expect(byTag.get('churn@deprecated')).toBeUndefined();
  });
});

describe('buildRegistry: versions', () => {
  it('a version is active while its newest (de)registration registers', () => {
    const r = buildRegistry([
      tag('m@v1.0.0', { at: at(1) }),
      tag('m@v1.0.0!', { at: at(2) }),
      tag('m@v2.0.0', { commit: COMMIT_B, at: at(3) }),
      tag('m@v2.0.0!', { commit: COMMIT_B, at: at(4) }),
      tag('m@v2.0.0#5', { commit: COMMIT_B, at: at(5) }),
    ]);
    expect(version(r, 'm', 'v1.0.0')).toMatchObject({ registered: true, active: false });
    const v2 = version(r, 'm', 'v2.0.0');
    expect(v2).toMatchObject({ registered: true, active: true, commit: COMMIT_B });
    expect(refs(v2.registrations)).toEqual(['m@v2.0.0', 'm@v2.0.0#5']);
    expect(refs(v2.deregistrations)).toEqual(['m@v2.0.0!']);
    expect(v2.created?.tag).toBe('m@v2.0.0');
    expect(v2.activated?.tag).toBe('m@v2.0.0#5');
  });

  it('a same-second registration and deregistration leave the version deregistered', () => {
    const r = buildRegistry([tag('m@v1.0.0!', { at: at(1) }), tag('m@v1.0.0', { at: at(1) })]);
    expect(version(r, 'm', 'v1.0.0').active).toBe(false);
  });

  it('a stage tag created BEFORE the registration on the same commit still belongs to that version', () => {
    const r = buildRegistry([
      tag('m#prod#1', { commit: COMMIT_A, at: at(1) }),
      tag('m@v1.0.0', { commit: COMMIT_A, at: at(5) }),
    ]);
    const a = artifact(r, 'm');
    expect([...a.versions.keys()]).toEqual(['v1.0.0']);
    expect(version(r, 'm', 'v1.0.0').stages.get('prod')).toMatchObject({ active: true, version: 'v1.0.0' });
    expect(r.events.find((e) => e.tag === 'm#prod#1')?.version).toBe('v1.0.0');
  });

  it('a stage tag on an unregistered commit makes an unregistered version named by the commit', () => {
    const r = buildRegistry([tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }), tag('m#dev#2', { commit: COMMIT_C, at: at(2) })]);
    const unregistered = version(r, 'm', COMMIT_C);
    expect(unregistered).toMatchObject({ registered: false, active: true, commit: COMMIT_C, registrations: [] });
    expect(unregistered.created?.tag).toBe('m#dev#2');
    expect(unregistered.stages.get('dev')?.active).toBe(true);
    expect(r.events.find((e) => e.tag === 'm#dev#2')?.version).toBe(COMMIT_C);
  });

  it('records assignments and unassignments per version and stage', () => {
    const r = buildRegistry(gtoTranscriptTags());
    const staging = version(r, 'model', 'v0.1.1').stages.get('staging');
    expect(staging).toMatchObject({ active: false, commit: COMMIT_C });
    expect(refs(staging?.assignments ?? [])).toEqual(['model#staging#3']);
    expect(refs(staging?.unassignments ?? [])).toEqual(['model#staging!#5']);
    const prod = version(r, 'model', 'v0.1.0').stages.get('prod');
    expect(prod).toMatchObject({ active: true });
    expect(prod?.lastAssignment?.tag).toBe('model#prod#4');
  });
});

describe('buildRegistry: deprecation', () => {
  it('lasts until a newer event re-activates the artifact', () => {
    const base: TagInput[] = [tag('m@v1.0.0', { at: at(1) }), tag('m@deprecated', { at: at(2) })];
    expect(artifact(buildRegistry(base), 'm').deprecated).toBe(true);
    const reactivated = [...base, tag('m@v1.1.0', { commit: COMMIT_B, at: at(3) })];
    expect(artifact(buildRegistry(reactivated), 'm').deprecated).toBe(false);
    const stageReactivates = [...base, tag('m#prod#1', { at: at(3) })];
    expect(artifact(buildRegistry(stageReactivates), 'm').deprecated).toBe(false);
    const again = [...reactivated, tag('m@deprecated#2', { commit: COMMIT_B, at: at(4) })];
    expect(artifact(buildRegistry(again), 'm').deprecated).toBe(true);
  });

  it('a deprecation in the same second as a registration sorts first (GTO priority), so it does not stick', () => {
    const r = buildRegistry([tag('m@deprecated', { at: at(1) }), tag('m@v1.0.0', { at: at(1) })]);
    expect(artifact(r, 'm').deprecated).toBe(false);
  });
});

describe('buildRegistry: diagnostics, and the rest still loads', () => {
  const good = [tag('ok@v1.0.0', { commit: COMMIT_A, at: at(1) }), tag('ok#prod#1', { commit: COMMIT_A, at: at(2) })];

  function expectGoodLoaded(r: Registry) {
    expect(version(r, 'ok', 'v1.0.0').active).toBe(true);
    expect(version(r, 'ok', 'v1.0.0').stages.get('prod')?.active).toBe(true);
  }

  it('X@created: a warning, not an event', () => {
    const r = buildRegistry([tag('m@created', { at: at(0) }), ...good]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'created-tag', severity: 'warning', ref: 'm@created' })]);
    expect(r.artifacts.has('m')).toBe(false);
    expectGoodLoaded(r);
  });

  it('a lightweight tag in registry form is ignored with a warning', () => {
    const r = buildRegistry([...good, tag('ok@v9.0.0', { commit: COMMIT_B, annotated: false }), tag('light@v1.0.0', { annotated: false })]);
    expect(codes(r)).toEqual(['lightweight-registry-tag', 'lightweight-registry-tag']);
    expect(r.diagnostics[0]?.ref).toBe('ok@v9.0.0');
    expect(r.diagnostics[0]?.hint).toMatch(/git tag -a/);
    expect(artifact(r, 'ok').versions.has('v9.0.0')).toBe(false);
    expect(r.artifacts.has('light')).toBe(false);
    expectGoodLoaded(r);
  });

  it('a lightweight tag still counts for the artifact counter', () => {
    const r = buildRegistry([...good, tag('ok#prod#7', { annotated: false })]);
    expect(artifact(r, 'ok').maxCounter).toBe(7);
  });

  it("a tag object under another ref name than its own is an error, not an event (a signature covers only its own name)", () => {
    const copy = { ...tag('m#prod#2'), ownName: 'm#staging#1' };
    const r = buildRegistry([tag('m@v1.0.0'), { ...tag('m#staging#1'), ownName: 'm#staging#1' }, copy, ...good]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'tag-name-mismatch', severity: 'error', ref: 'm#prod#2', message: expect.stringContaining("made as 'm#staging#1'") }),
    ]);
    expect(refs(artifact(r, 'm').events)).toEqual(['m@v1.0.0', 'm#staging#1']);
    expect(artifact(r, 'm').maxCounter).toBe(2);
    expectGoodLoaded(r);
  });

  it('an annotated tag without a tagger is a bad tagger, not a lightweight tag', () => {
    const r = buildRegistry([{ ...tag('m@v1.0.0'), tagger: null }, ...good]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'bad-tagger', severity: 'error', ref: 'm@v1.0.0' })]);
    expect(r.artifacts.has('m')).toBe(false);
    expectGoodLoaded(r);
  });

  it('a tag of a missing object is an error naming the object, and the rest loads', () => {
    const missing = { name: 'm@v1.0.0', annotated: false, object: 'f'.repeat(40), missing: true, commit: null, tagger: null, message: '' };
    const r = buildRegistry([missing, ...good]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'tag-object-missing', severity: 'error', ref: 'm@v1.0.0', message: expect.stringContaining('object fffffff') })]);
    expectGoodLoaded(r);
  });

  it('a registry tag not on a commit is an error and is ignored', () => {
    const r = buildRegistry([tag('m@v1.0.0', { commit: null }), ...good]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'tag-not-on-commit', severity: 'error', ref: 'm@v1.0.0' })]);
    expect(r.artifacts.has('m')).toBe(false);
    expectGoodLoaded(r);
  });

  it('a version registered on two commits keeps the first registration', () => {
    const r = buildRegistry([
      tag('m@v1.0.0#2', { commit: COMMIT_B, at: at(5) }),
      tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }),
      ...good,
    ]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'version-reused', severity: 'error', ref: 'm@v1.0.0#2' })]);
    expect(version(r, 'm', 'v1.0.0').commit).toBe(COMMIT_A);
    expect(refs(r.events)).not.toContain('m@v1.0.0#2');
    expect(refs(artifact(r, 'm').events)).toEqual(['m@v1.0.0']);
    expectGoodLoaded(r);
  });

  it('two active versions on one commit: an error, stage tags go to the newest', () => {
    const r = buildRegistry([
      tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }),
      tag('m@v2.0.0', { commit: COMMIT_A, at: at(2) }),
      tag('m#prod#1', { commit: COMMIT_A, at: at(3) }),
      ...good,
    ]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'two-versions-on-commit', severity: 'error' })]);
    expect(r.diagnostics[0]?.message).toContain('v1.0.0, v2.0.0');
    expect(version(r, 'm', 'v2.0.0').stages.get('prod')?.active).toBe(true);
    expect(version(r, 'm', 'v1.0.0').stages.size).toBe(0);
    expectGoodLoaded(r);
  });

  it('two versions on one commit, one deregistered: a warning, stage tags go to the active one', () => {
    const r = buildRegistry([
      tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }),
      tag('m@v2.0.0', { commit: COMMIT_A, at: at(2) }),
      tag('m@v2.0.0!', { commit: COMMIT_A, at: at(3) }),
      tag('m#prod#1', { commit: COMMIT_A, at: at(4) }),
    ]);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.ref])).toEqual([['versions-share-commit', 'warning', 'm@v1.0.0, m@v2.0.0']]);
    expect(version(r, 'm', 'v1.0.0').stages.get('prod')?.active).toBe(true);
  });

  it('a stage tag goes to the active version on its commit even when an older, deregistered one was registered first', () => {
    const r = buildRegistry([
      tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }),
      tag('m@v2.0.0', { commit: COMMIT_A, at: at(2) }),
      tag('m@v1.0.0!', { commit: COMMIT_A, at: at(3) }),
      tag('m#prod#1', { commit: COMMIT_A, at: at(4) }),
    ]);
    expect(codes(r)).toEqual(['versions-share-commit']);
    expect(version(r, 'm', 'v2.0.0').stages.get('prod')?.active).toBe(true);
    expect(version(r, 'm', 'v1.0.0').stages.size).toBe(0);
  });

  it('a deregistration of a version never registered is an event with a warning: an inactive, unregistered version', () => {
    const r = buildRegistry([tag('m@v3.0.0!', { at: at(1) }), ...good]);
    expect(codes(r)).toEqual(['deregistration-without-registration']);
    const orphan = version(r, 'm', 'v3.0.0');
    expect([orphan.registered, orphan.active, orphan.deregistrations.map((e) => e.tag)]).toEqual([false, false, ['m@v3.0.0!']]);
    expect(r.events.map((e) => e.tag)).toContain('m@v3.0.0!');
    expectGoodLoaded(r);
  });

  it('near-misses of the grammar are reported with a suggestion; unrelated tags are not', () => {
    const r = buildRegistry([
      tag('model@1.0.0'),
      tag('model#prod#-1'),
      tag('v1.0.0'),
      tag('release-2024', { annotated: false }),
      ...good,
    ]);
    expect(r.diagnostics.map((d) => [d.code, d.ref, d.hint?.split('?')[0]])).toEqual([
      ['malformed-registry-tag', 'model@1.0.0', "did you mean 'model@v1.0.0'"],
      ['malformed-registry-tag', 'model#prod#-1', "did you mean 'model#prod'"],
    ]);
    expect(r.artifacts.has('model')).toBe(false);
    expectGoodLoaded(r);
  });

  it('the GTO transcript registry has no diagnostics', () => {
    expect(buildRegistry(gtoTranscriptTags()).diagnostics).toEqual([]);
  });

  it('does not mutate its input', () => {
    const tags = gtoTranscriptTags();
    const copy = structuredClone(tags);
    buildRegistry(tags);
    expect(tags).toEqual(copy);
  });
});

describe('registryCollector: take', () => {
  // Every kind of event and trouble, over several artifacts (one of them namespaced).
  const mixed = (): TagInput[] => [
    ...gtoTranscriptTags(),
    tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }),
    tag('m@v2.0.0', { commit: COMMIT_A, at: at(2) }),
    tag('m#prod#1', { commit: COMMIT_A, at: at(3) }),
    tag('m@v1.0.0#2', { commit: COMMIT_B, at: at(4) }),
    tag('m@v3.0.0!', { at: at(5) }),
    tag('m#prod!#2', { commit: COMMIT_A, at: at(6) }),
    tag('n@v1.0.0', { commit: COMMIT_A, at: at(1) }),
    tag('n@v2.0.0', { commit: COMMIT_A, at: at(2) }),
    tag('n@v2.0.0!', { commit: COMMIT_A, at: at(3) }),
    tag('n#dev#1', { commit: COMMIT_C, at: at(4) }),
    tag('n@deprecated', { at: at(7) }),
    tag('ns/a=o@v0.1.0', { commit: COMMIT_B, at: at(2) }),
    tag('ns/a=o#staging#1', { commit: COMMIT_B, at: at(3) }),
    tag('p@v1.0.0', { annotated: false }),
    tag('model@1.0.0'),
  ];

  it('an artifact taken once its tags are in is the one finish() builds, whatever order the tags came in', () => {
    const whole = buildRegistry(mixed());
    expect(whole.artifacts.size).toBeGreaterThan(4);
    for (const order of [mixed(), mixed().reverse()]) {
      const collector = registryCollector();
      for (const t of order) collector.add(t);
      for (const [name, artifact] of whole.artifacts) expect(collector.take(name)).toEqual(artifact);
      expect(collector.finish().artifacts.size).toBe(0);
    }
  });

  it('an artifact whose tags were all ignored is taken as null, as finish() leaves it out', () => {
    const collector = registryCollector();
    expect(collector.add(tag('p@v1.0.0', { annotated: false }))).toBe('p');
    expect(collector.add(tag('v1.0.0'))).toBeUndefined();
    expect(collector.take('p')).toBeNull();
    expect(collector.take('nothing')).toBeNull();
    expect(collector.finish().artifacts.size).toBe(0);
  });

  it('finish() reports in one pass’s order: version events in registry order, then each artifact settling', () => {
    const r = buildRegistry([
      tag('b@v1.0.0', { commit: COMMIT_A, at: at(1) }),
      tag('b@v2.0.0', { commit: COMMIT_A, at: at(2) }),
      tag('a@v9.0.0!', { at: at(5) }),
      tag('b@v1.0.0#2', { commit: COMMIT_B, at: at(3) }),
      tag('a@v8.0.0!', { at: at(1) }),
    ]);
    expect(r.diagnostics.map((d) => [d.code, d.ref])).toEqual([
      ['deregistration-without-registration', 'a@v8.0.0!'],
      ['version-reused', 'b@v1.0.0#2'],
      ['deregistration-without-registration', 'a@v9.0.0!'],
      ['two-versions-on-commit', 'b@v1.0.0, b@v2.0.0'],
      ['versions-share-commit', 'a@v8.0.0!, a@v9.0.0!'],
    ]);
  });
});
