import { describe, expect, it } from 'vitest';
import { COMMIT_A, COMMIT_B, COMMIT_C, COMMIT_D, at, gtoTranscriptTags, tag } from './fixtures.test-helpers.js';
import {
  type ViewOptions,
  history,
  isDiscovered,
  latestVersion,
  registryStages,
  listedArtifacts,
  listedVersions,
  selectVersions,
  stageHolders,
  summary,
  summaryLines,
  summaryOf,
  artifactSummary,
  usedStages,
  versionActivated,
  versionAuthor,
  versionRows,
  withHeadVersion,
} from './queries.js';
import { type Registry, type TagInput, buildRegistry } from './registry.js';
import { formatInstant } from './time.js';

function artifactOf(registry: Registry, name: string) {
  const a = registry.artifacts.get(name);
  if (!a) throw new Error(`no artifact ${name}`);
  return a;
}

/** `{stage: [versions holding it]}` of one artifact. */
function holders(tags: TagInput[], name = 'm', opts: ViewOptions = {}): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [stage, list] of stageHolders(artifactOf(buildRegistry(tags), name), opts)) result[stage] = list.map((s) => s.version);
  return result;
}

function latest(tags: TagInput[], name = 'm'): string | undefined {
  return latestVersion(artifactOf(buildRegistry(tags), name))?.version;
}

/** `[[version, stages…]]` rows of `show NAME`. */
function rows(tags: TagInput[] | Registry, name = 'm', opts: ViewOptions = {}): string[][] {
  const registry = Array.isArray(tags) ? buildRegistry(tags) : tags;
  return versionRows(artifactOf(registry, name), opts).map((r) => [r.version.version, ...r.stages.map((s) => s.stage)]);
}

/** Three versions on three commits, registered in minutes 1..3. */
const three: TagInput[] = [
  tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }),
  tag('m@v2.0.0', { commit: COMMIT_B, at: at(2) }),
  tag('m@v3.0.0', { commit: COMMIT_C, at: at(3) }),
];

describe('stage holders', () => {
  it('the last assignment wins', () => {
    const tags = [...three, tag('m#prod#1', { commit: COMMIT_A, at: at(10) }), tag('m#prod#2', { commit: COMMIT_B, at: at(11) })];
    expect(holders(tags)).toEqual({ prod: ['v2.0.0'] });
    expect(holders([...tags, tag('m#prod#3', { commit: COMMIT_A, at: at(12) })])).toEqual({ prod: ['v1.0.0'] });
  });

  it('unassigning the holder falls back to the previous active holder', () => {
    const tags = [...three, tag('m#prod#1', { commit: COMMIT_A, at: at(10) }), tag('m#prod#2', { commit: COMMIT_B, at: at(11) })];
    expect(holders([...tags, tag('m#prod!#3', { commit: COMMIT_B, at: at(12) })])).toEqual({ prod: ['v1.0.0'] });
    // unassigning a version that does not hold the stage changes nothing
    expect(holders([...tags, tag('m#prod!#3', { commit: COMMIT_A, at: at(12) })])).toEqual({ prod: ['v2.0.0'] });
    // unassigning both: nobody holds it
    expect(
      holders([...tags, tag('m#prod!#3', { commit: COMMIT_B, at: at(12) }), tag('m#prod!#4', { commit: COMMIT_A, at: at(13) })]),
    ).toEqual({});
  });

  it('a re-assignment after an unassignment makes the version the holder again', () => {
    const tags = [
      ...three,
      tag('m#prod#1', { commit: COMMIT_A, at: at(10) }),
      tag('m#prod#2', { commit: COMMIT_B, at: at(11) }),
      tag('m#prod!#3', { commit: COMMIT_A, at: at(12) }),
      tag('m#prod#4', { commit: COMMIT_A, at: at(13) }),
    ];
    expect(holders(tags)).toEqual({ prod: ['v1.0.0'] });
  });

  it('deregistering a version removes it from every stage (falling back to the previous holder)', () => {
    const tags = [
      ...three,
      tag('m#prod#1', { commit: COMMIT_A, at: at(10) }),
      tag('m#prod#2', { commit: COMMIT_B, at: at(11) }),
      tag('m#dev#3', { commit: COMMIT_B, at: at(12) }),
      tag('m@v2.0.0!', { commit: COMMIT_B, at: at(13) }),
    ];
    expect(holders(tags)).toEqual({ prod: ['v1.0.0'] });
  });

  it('orders holders by absolute instant, not by wall-clock text or counter', () => {
    const tags = [
      ...three,
      tag('m#prod#2', { commit: COMMIT_B, at: '2024-01-01T05:16:00+03:00' }), // 02:16Z
      tag('m#prod#1', { commit: COMMIT_A, at: '2024-01-01T03:00:00+00:00' }),
    ];
    expect(holders(tags)).toEqual({ prod: ['v1.0.0'] });
  });

  it('same-second assignments: the higher counter wins', () => {
    const a = tag('m#prod#10', { commit: COMMIT_B, at: at(10) }); // "#10" < "#9" as text
    const b = tag('m#prod#9', { commit: COMMIT_A, at: at(10) });
    expect(holders([...three, a, b])).toEqual({ prod: ['v2.0.0'] });
    expect(holders([...three, b, a])).toEqual({ prod: ['v2.0.0'] });
  });

  it('same-second assignment and unassignment: the unassignment comes after (priority over counter)', () => {
    const tags = [...three, tag('m#prod!#3', { commit: COMMIT_A, at: at(10) }), tag('m#prod#4', { commit: COMMIT_A, at: at(10) })];
    expect(holders(tags)).toEqual({});
  });

  it('a stage tag before the registration on its commit counts for that version', () => {
    const tags = [tag('m#prod#1', { commit: COMMIT_A, at: at(1) }), tag('m@v1.0.0', { commit: COMMIT_A, at: at(2) })];
    expect(holders(tags)).toEqual({ prod: ['v1.0.0'] });
    expect(holders(tags, 'm', { registeredOnly: true })).toEqual({ prod: ['v1.0.0'] });
  });

  it('versionsPerStage 1, 2 and -1', () => {
    const tags = [
      ...three,
      tag('m#prod#1', { commit: COMMIT_A, at: at(10) }),
      tag('m#prod#2', { commit: COMMIT_B, at: at(11) }),
      tag('m#prod#3', { commit: COMMIT_C, at: at(12) }),
      tag('m#dev#4', { commit: COMMIT_A, at: at(13) }),
    ];
    expect(holders(tags)).toEqual({ prod: ['v3.0.0'], dev: ['v1.0.0'] });
    expect(holders(tags, 'm', { versionsPerStage: 1 })).toEqual({ prod: ['v3.0.0'], dev: ['v1.0.0'] });
    expect(holders(tags, 'm', { versionsPerStage: 2 })).toEqual({ prod: ['v3.0.0', 'v2.0.0'], dev: ['v1.0.0'] });
    expect(holders(tags, 'm', { versionsPerStage: -1 })).toEqual({ prod: ['v3.0.0', 'v2.0.0', 'v1.0.0'], dev: ['v1.0.0'] });
  });

  it("sort 'semver' orders holders by version instead of by time", () => {
    const tags = [
      ...three,
      tag('m#prod#1', { commit: COMMIT_B, at: at(10) }),
      tag('m#prod#2', { commit: COMMIT_C, at: at(11) }),
      tag('m#prod#3', { commit: COMMIT_A, at: at(12) }),
    ];
    expect(holders(tags, 'm', { versionsPerStage: -1 })).toEqual({ prod: ['v1.0.0', 'v3.0.0', 'v2.0.0'] });
    expect(holders(tags, 'm', { versionsPerStage: -1, sort: 'semver' })).toEqual({ prod: ['v3.0.0', 'v2.0.0', 'v1.0.0'] });
    expect(holders(tags, 'm', { sort: 'semver' })).toEqual({ prod: ['v3.0.0'] });
  });

  it('an unregistered version (stage tag on a commit without version) holds a stage unless registeredOnly', () => {
    const tags = [tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }), tag('m#dev#1', { commit: COMMIT_D, at: at(2) })];
    expect(holders(tags)).toEqual({ dev: [COMMIT_D] });
    expect(holders(tags, 'm', { registeredOnly: true })).toEqual({});
  });
});

describe('latestVersion', () => {
  it('is the highest SemVer among active registered versions, not the newest by time', () => {
    expect(latest([tag('m@v2.0.0', { commit: COMMIT_A, at: at(1) }), tag('m@v1.5.0', { commit: COMMIT_B, at: at(2) })])).toBe('v2.0.0');
    expect(latest([tag('m@v1.10.0', { commit: COMMIT_A, at: at(1) }), tag('m@v1.9.0', { commit: COMMIT_B, at: at(2) })])).toBe('v1.10.0');
    expect(latest([tag('m@v1.0.0', { commit: COMMIT_A, at: at(2) }), tag('m@v1.0.0-rc.1', { commit: COMMIT_B, at: at(1) })])).toBe('v1.0.0');
    expect(latest([tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }), tag('m@v1.1.0-rc.1', { commit: COMMIT_B, at: at(2) })])).toBe(
      'v1.1.0-rc.1',
    );
  });

  it('skips deregistered versions', () => {
    expect(latest([...three, tag('m@v3.0.0!', { commit: COMMIT_C, at: at(4) })])).toBe('v2.0.0');
    expect(
      latest([tag('m@v1.0.0', { at: at(1) }), tag('m@v1.0.0!', { at: at(2) })]),
    ).toBeUndefined();
  });

  it('skips unregistered versions (a commit sha is no version)', () => {
    expect(latest([tag('m#prod#1', { commit: COMMIT_D })])).toBeUndefined();
    expect(latest([tag('m#prod#1', { commit: COMMIT_D }), tag('m@v0.0.1', { commit: COMMIT_A })])).toBe('v0.0.1');
  });
});

describe('listed versions and version rows', () => {
  const tags = [
    tag('m@v2.0.0', { commit: COMMIT_A, at: at(1) }),
    tag('m@v1.0.0', { commit: COMMIT_B, at: at(2) }),
    tag('m@v0.5.0', { commit: COMMIT_C, at: at(3) }),
    tag('m@v0.5.0!', { commit: COMMIT_C, at: at(4) }),
    tag('m#dev#1', { commit: COMMIT_D, at: at(5) }),
  ];

  it('lists SemVer-descending, commit-id versions last, whatever the sort (GTO: sort only picks stage holders)', () => {
    const r = buildRegistry(tags);
    const list = (opts: ViewOptions) => listedVersions(artifactOf(r, 'm'), opts).map((v) => v.version);
    expect(list({})).toEqual(['v2.0.0', 'v1.0.0', COMMIT_D]);
    expect(list({ sort: 'timestamp' })).toEqual(['v2.0.0', 'v1.0.0', COMMIT_D]);
    expect(list({ sort: 'semver' })).toEqual(['v2.0.0', 'v1.0.0', COMMIT_D]);
  });

  it('all includes deregistered versions; registeredOnly drops unregistered ones', () => {
    const r = buildRegistry(tags);
    const list = (opts: ViewOptions) => listedVersions(artifactOf(r, 'm'), opts).map((v) => v.version);
    expect(list({ all: true })).toEqual(['v2.0.0', 'v1.0.0', 'v0.5.0', COMMIT_D]);
    expect(list({ registeredOnly: true })).toEqual(['v2.0.0', 'v1.0.0']);
    expect(list({ all: true, registeredOnly: true, sort: 'semver' })).toEqual(['v2.0.0', 'v1.0.0', 'v0.5.0']);
  });

  it('assignmentsPerVersion keeps the oldest active stages of each version (as GTO), listed most recent first', () => {
    const staged = [
      tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }),
      tag('m#dev#1', { commit: COMMIT_A, at: at(2) }),
      tag('m#staging#2', { commit: COMMIT_A, at: at(3) }),
      tag('m#prod#3', { commit: COMMIT_A, at: at(4) }),
    ];
    expect(rows(staged)).toEqual([['v1.0.0', 'prod', 'staging', 'dev']]);
    expect(rows(staged, 'm', { assignmentsPerVersion: -1 })).toEqual([['v1.0.0', 'prod', 'staging', 'dev']]);
    expect(rows(staged, 'm', { assignmentsPerVersion: 1 })).toEqual([['v1.0.0', 'dev']]);
    expect(rows(staged, 'm', { assignmentsPerVersion: 2 })).toEqual([['v1.0.0', 'staging', 'dev']]);
    expect(rows(staged, 'm', { assignmentsPerVersion: 0 })).toEqual([['v1.0.0']]);
  });

  it('a row shows only the stages the version holds within versionsPerStage', () => {
    const staged = [
      ...three,
      tag('m#prod#1', { commit: COMMIT_A, at: at(10) }),
      tag('m#prod#2', { commit: COMMIT_B, at: at(11) }),
    ];
    expect(rows(staged)).toEqual([['v3.0.0'], ['v2.0.0', 'prod'], ['v1.0.0']]);
    expect(rows(staged, 'm', { versionsPerStage: -1 })).toEqual([['v3.0.0'], ['v2.0.0', 'prod'], ['v1.0.0', 'prod']]);
  });
});

describe('listed artifacts', () => {
  it('hides deprecated artifacts unless all', () => {
    const r = buildRegistry([tag('a@v1.0.0', { at: at(1) }), tag('b@v1.0.0', { at: at(2) }), tag('b@deprecated', { at: at(3) })]);
    expect(listedArtifacts(r).map((a) => a.name)).toEqual(['a']);
    expect(listedArtifacts(r, { all: true }).map((a) => a.name)).toEqual(['a', 'b']);
  });

  it('usedStages: stages someone holds, sorted by name', () => {
    const r = buildRegistry([
      ...three,
      tag('m#prod#1', { commit: COMMIT_A, at: at(10) }),
      tag('m#dev#2', { commit: COMMIT_A, at: at(11) }),
      tag('m#staging#3', { commit: COMMIT_B, at: at(12) }),
      tag('m#staging!#4', { commit: COMMIT_B, at: at(13) }),
      tag('n@v1.0.0', { at: at(14) }),
      tag('n#canary', { at: at(15) }),
    ]);
    expect(usedStages(r.artifacts.values())).toEqual(['canary', 'dev', 'prod']);
  });
});

describe('history', () => {
  const r = buildRegistry([
    tag('m@v1.0.0', { at: at(1) }),
    tag('n@v1.0.0', { at: at(2) }),
    tag('m#prod#1', { at: at(3) }),
  ]);

  it('lists events newest first, or oldest first when ascending', () => {
    expect(history(r).map((e) => e.tag)).toEqual(['m#prod#1', 'n@v1.0.0', 'm@v1.0.0']);
    expect(history(r, undefined, true).map((e) => e.tag)).toEqual(['m@v1.0.0', 'n@v1.0.0', 'm#prod#1']);
    expect(history(r, 'm').map((e) => e.tag)).toEqual(['m#prod#1', 'm@v1.0.0']);
    expect(history(r, 'm', true).map((e) => e.tag)).toEqual(['m@v1.0.0', 'm#prod#1']);
  });

  it('is empty for an unknown artifact and never mutates the registry', () => {
    expect(history(r, 'nope')).toEqual([]);
    history(r).pop();
    expect(r.events.map((e) => e.tag)).toEqual(['m@v1.0.0', 'n@v1.0.0', 'm#prod#1']);
  });
});

describe('the GTO reference transcript (gto-transcript.md §1–§5)', () => {
  const registry = buildRegistry(gtoTranscriptTags());

  /** `{name: [latest, ...stage column cells]}` as `gto show` prints it. */
  function table(opts: ViewOptions = {}) {
    const s = summary(registry, opts);
    return {
      stages: s.stages,
      rows: s.rows.map((row) => [
        row.artifact.name,
        row.latest?.version ?? '-',
        ...s.stages.map((stage) => row.stages.get(stage)?.[0]?.version ?? '-'),
      ]),
    };
  }

  it('gto show', () => {
    expect(table()).toEqual({
      stages: ['dev', 'prod'],
      rows: [
        ['model', 'v0.1.1', 'v0.1.0', 'v0.1.0'],
        ['Team/Model_A-1', 'v0.0.1', '-', '-'],
        ['path/to:clf', 'v0.0.1', '-', '-'],
        ['segment', 'v0.4.1', '-', '-'],
      ],
    });
  });

  it('gto show -d (deprecated churn included, first: GTO reads deprecation tags first)', () => {
    expect(table({ all: true })).toEqual({
      stages: ['dev', 'prod'],
      rows: [
        ['churn', 'v3.0.0', 'v3.0.0', 'v3.0.0'],
        ['model', 'v0.1.1', 'v0.1.0', 'v0.1.0'],
        ['Team/Model_A-1', 'v0.0.1', '-', '-'],
        ['path/to:clf', 'v0.0.1', '-', '-'],
        ['segment', 'v0.4.1', '-', '-'],
      ],
    });
  });

  it('gto show model: v0.1.1 without stages, v0.1.0 in prod, dev', () => {
    expect(rows(registry, 'model')).toEqual([['v0.1.1'], ['v0.1.0', 'prod', 'dev']]);
    const [first, second] = versionRows(artifactOf(registry, 'model'));
    expect(versionAuthor(first!.version).ref).toBe('model@v0.1.1');
    expect(formatInstant(versionAuthor(first!.version), ' ')).toBe('2024-01-01 00:15:00+00:00');
    expect(versionAuthor(second!.version).ref).toBe('model@v0.1.0');
    expect(formatInstant(versionAuthor(second!.version), ' ')).toBe('2024-01-01 00:05:00+00:00');
  });

  it('gto show model --vs -1 --av -1', () => {
    expect(rows(registry, 'model', { versionsPerStage: -1, assignmentsPerVersion: -1 })).toEqual([
      ['v0.1.1'],
      ['v0.1.0', 'prod', 'dev'],
    ]);
  });

  it('gto show model -d and --sort semver -d', () => {
    expect(rows(registry, 'model', { all: true })).toEqual([['v0.1.1'], ['v0.1.0', 'prod', 'dev'], ['v0.0.1']]);
    expect(rows(registry, 'model', { all: true, sort: 'semver' })).toEqual([['v0.1.1'], ['v0.1.0', 'dev', 'prod'], ['v0.0.1']]);
  });

  it('gto show model@latest, model#prod, model#prod --vs -1 -d', () => {
    const model = artifactOf(registry, 'model');
    const select = (selector: Parameters<typeof selectVersions>[1], opts: ViewOptions = {}) =>
      selectVersions(model, selector, opts).map((r) => r.version.version);
    expect(select({ latest: true })).toEqual(['v0.1.1']);
    expect(select({ stage: 'prod' })).toEqual(['v0.1.0']);
    expect(select({ stage: 'prod' }, { versionsPerStage: -1, all: true })).toEqual(['v0.1.0']);
    expect(select({ version: 'v0.1.0' })).toEqual(['v0.1.0']);
    expect(select({ stage: 'staging' })).toEqual([]);
  });

  it('gto show path/to:clf and churn -d', () => {
    expect(rows(registry, 'path/to:clf')).toEqual([['v0.0.1']]);
    expect(rows(registry, 'churn', { all: true })).toEqual([['v3.0.0', 'dev', 'prod']]);
  });

  it('gto history model --json: order, events, versions, stages', () => {
    expect(
      history(registry, 'model').map((e) => [formatInstant(e, 'T'), e.kind, e.priority, e.version, e.stage ?? null, e.commit, e.tag]),
    ).toEqual([
      ['2024-01-01T00:21:00+00:00', 'deregistration', 4, 'v0.0.1', null, COMMIT_A, 'model@v0.0.1!'],
      ['2024-01-01T00:20:00+00:00', 'unassignment', 6, 'v0.1.1', 'staging', COMMIT_C, 'model#staging!#5'],
      ['2024-01-01T00:18:00+00:00', 'assignment', 5, 'v0.1.0', 'prod', COMMIT_B, 'model#prod#4'],
      ['2024-01-01T00:15:00+00:00', 'assignment', 5, 'v0.1.1', 'staging', COMMIT_C, 'model#staging#3'],
      ['2024-01-01T00:15:00+00:00', 'registration', 3, 'v0.1.1', null, COMMIT_C, 'model@v0.1.1'],
      ['2024-01-01T00:13:00+00:00', 'assignment', 5, 'v0.0.1', 'prod', COMMIT_A, 'model#prod#2'],
      ['2024-01-01T00:12:00+00:00', 'assignment', 5, 'v0.1.0', 'dev', COMMIT_B, 'model#dev#1'],
      ['2024-01-01T00:05:00+00:00', 'registration', 3, 'v0.1.0', null, COMMIT_B, 'model@v0.1.0'],
      ['2024-01-01T00:03:00+00:00', 'registration', 3, 'v0.0.1', null, COMMIT_A, 'model@v0.0.1'],
    ]);
    expect(history(registry, 'model')[2]?.message).toBe('Promote v0.1.0 to prod');
  });

  it('gto history (all artifacts)', () => {
    expect(history(registry).map((e) => e.tag)).toEqual([
      'segment@v0.4.1',
      'churn@deprecated',
      'model@v0.0.1!',
      'model#staging!#5',
      'model#prod#4',
      'churn#dev',
      'churn#prod',
      'model#staging#3',
      'model@v0.1.1',
      'model#prod#2',
      'model#dev#1',
      'path/to=clf@v0.0.1',
      'Team/Model_A-1@v0.0.1',
      'churn@v3.0.0',
      'model@v0.1.0',
      'model@v0.0.1',
    ]);
  });

  it('§10b: a tag written at 05:16+03:00 after one at 01:17+00:00; a lightweight tag is no artifact', () => {
    const r = buildRegistry([
      tag('light@v1.0.0', { commit: COMMIT_D, annotated: false }),
      tag('m#prod#1', { commit: COMMIT_D, at: '2024-01-01T05:16:00+03:00', message: 'promote' }),
      tag('m@v1.0.0', { commit: COMMIT_D, at: '2024-01-01T01:17:00+00:00', message: 'made by git' }),
    ]);
    const s = summary(r);
    expect(s.stages).toEqual(['prod']);
    expect(s.rows.map((row) => [row.artifact.name, row.latest?.version, row.stages.get('prod')?.[0]?.version])).toEqual([
      ['m', 'v1.0.0', 'v1.0.0'],
    ]);
    expect(history(r).map((e) => [formatInstant(e, ' '), e.kind, e.tag])).toEqual([
      ['2024-01-01 05:16:00+03:00', 'assignment', 'm#prod#1'],
      ['2024-01-01 01:17:00+00:00', 'registration', 'm@v1.0.0'],
    ]);
    expect(r.artifacts.has('light')).toBe(false);
  });
});

describe('GTO rules (issue 13)', () => {
  const info = { author: 'Ann', authorEmail: 'ann@example.com', authorTime: 1_700_000_000, authorTz: '+0100', committer: 'Ann', committerEmail: 'ann@example.com', message: 'Annotate\n' };

  it('--av keeps the N oldest active stages of each version before --vs fills each stage', () => {
    const tags = [
      tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }),
      tag('m#dev#1', { commit: COMMIT_A, at: at(2) }),
      tag('m#prod#2', { commit: COMMIT_A, at: at(3) }),
      tag('m@v2.0.0', { commit: COMMIT_B, at: at(4) }),
      tag('m#dev#3', { commit: COMMIT_B, at: at(5) }),
    ];
    expect(holders(tags)).toEqual({ dev: ['v2.0.0'], prod: ['v1.0.0'] });
    expect(holders(tags, 'm', { assignmentsPerVersion: 1 })).toEqual({ dev: ['v2.0.0'] });
    expect(holders(tags, 'm', { assignmentsPerVersion: 1, versionsPerStage: -1 })).toEqual({ dev: ['v2.0.0', 'v1.0.0'] });
    expect(holders(tags, 'm', { versionsPerStage: 0 })).toEqual({ dev: [], prod: [] });
    expect(holders(tags, 'm', { sort: 'semver', versionsPerStage: -1 })).toEqual({ dev: ['v2.0.0', 'v1.0.0'], prod: ['v1.0.0'] });
  });

  it("the registry's stages: the config's list when set, even empty; else those in use", () => {
    const r = buildRegistry([tag('m@v1.0.0', { at: at(1) }), tag('m#prod#1', { at: at(2) }), tag('m@deprecated', { at: at(3) })]);
    expect(registryStages(r, undefined)).toEqual(['prod']);
    expect(registryStages(r, ['qa', 'dev'])).toEqual(['qa', 'dev']);
    expect(registryStages(r, [])).toEqual([]);
    expect(summary(r, { configStages: ['qa'] }).stages).toEqual(['qa']);
  });

  it('summary rows come in the order GTO reads tags: deprecations, then (de)registrations, then stage tags', () => {
    const r = buildRegistry([
      tag('s#dev#1', { commit: COMMIT_A, at: at(1) }),
      tag('b@v1.0.0', { commit: COMMIT_A, at: at(2) }),
      tag('a@v1.0.0', { commit: COMMIT_A, at: at(3) }),
      tag('a@deprecated', { commit: COMMIT_A, at: at(4) }),
    ]);
    expect(summary(r, { all: true }).rows.map((row) => row.artifact.name)).toEqual(['a', 'b', 's']);
  });

  it('a version is authored by its newest registration, activated by its first', () => {
    const r = buildRegistry([
      tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) }),
      tag('m@v1.0.0!', { commit: COMMIT_A, at: at(2) }),
      tag('m@v1.0.0#1', { commit: COMMIT_A, at: at(3) }),
      tag('m#dev#2', { commit: COMMIT_B, at: at(4) }),
      tag('m#dev!#3', { commit: COMMIT_B, at: at(5) }),
    ]);
    const [v1, stageOnly] = listedVersions(artifactOf(r, 'm'), { all: true });
    expect([versionAuthor(v1!).ref, versionActivated(v1!).ref, isDiscovered(v1!)]).toEqual(['m@v1.0.0#1', 'm@v1.0.0', false]);
    expect([versionAuthor(stageOnly!).ref, versionActivated(stageOnly!).ref, isDiscovered(stageOnly!)]).toEqual(['m#dev!#3', 'm#dev#2', true]);
  });

  it('withHeadVersion adds a version named by HEAD, authored by its commit, unless HEAD carries one', () => {
    const r = buildRegistry([tag('m@v1.0.0', { commit: COMMIT_A, at: at(1) })]);
    const m = withHeadVersion(artifactOf(r, 'm'), 'm', { sha: COMMIT_B, info });
    expect(listedVersions(m).map((v) => v.version)).toEqual(['v1.0.0', COMMIT_B]);
    const discovered = m.versions.get(COMMIT_B)!;
    expect([isDiscovered(discovered), versionAuthor(discovered).ref, versionAuthor(discovered).message, versionActivated(discovered).time]).toEqual([true, COMMIT_B, 'Annotate\n', 1_700_000_000]);
    expect(artifactOf(r, 'm').versions.has(COMMIT_B)).toBe(false); // the registry is left as it was
    expect(withHeadVersion(artifactOf(r, 'm'), 'm', { sha: COMMIT_A, info })).toBe(artifactOf(r, 'm'));
    expect([...withHeadVersion(undefined, 'features', { sha: COMMIT_C, info }).versions.keys()]).toEqual([COMMIT_C]);
  });
});

describe('summaryOf(artifactSummary…): the view of `show` put together artifact by artifact', () => {
  const mixed = [
    ...gtoTranscriptTags(),
    tag('x@v1.0.0', { at: at(1) }),
    tag('x#qa#1', { at: at(2) }),
    tag('x@v1.0.0!#2', { at: at(3) }),
    tag('x@v1.1.0', { commit: COMMIT_C, at: at(4) }),
    tag('x#qa#3', { commit: COMMIT_C, at: at(5) }),
    tag('x#qa!#4', { commit: COMMIT_C, at: at(6) }),
    tag('y#lab#1', { commit: COMMIT_D, at: at(3) }),
    tag('y@deprecated', { at: at(8) }),
  ];
  const views: ViewOptions[] = [{}, { all: true }, { versionsPerStage: -1 }, { versionsPerStage: 0 }, { assignmentsPerVersion: 1 }, { registeredOnly: true }, { sort: 'semver', all: true }];
  for (const opts of views) {
    it(`is what summary() shows, for ${JSON.stringify(opts)}, with and without config stages`, () => {
      const registry = buildRegistry(mixed);
      const parts = [...registry.artifacts.values()].map((a) => artifactSummary(a, opts));
      for (const configStages of [undefined, ['prod', 'unused']]) {
        const whole = summary(registry, { ...opts, ...(configStages ? { configStages } : {}) });
        expect(summaryOf(parts, configStages)).toEqual({ stages: whole.stages, lines: summaryLines(whole.rows) });
        // Shuffled parts (as a cache returns them) give the same view.
        expect(summaryOf([...parts].reverse(), configStages)).toEqual(summaryOf(parts, configStages));
      }
    });
  }
});
