import { describe, expect, it } from 'vitest';
import { buildRegistry, type TagInput } from '@modelreg/core';
import { CommitLog, commitTrailers, parsedCommitTrailers, type CommitInput } from './commit-log.js';
import { buildChangelog } from './model.js';
import { commitSubject, parseTrailers } from '@modelreg/core';
import { logSummaryAt } from '@modelreg/git';
import { COMMITS, TAGS, input, sha, summaryRecords } from './fixture.test-helpers.js';

const subjects = (commits: { subject: string }[]) => commits.map((c) => c.subject);

describe('buildChangelog', () => {
  const changelog = buildChangelog(input());
  const churn = changelog.models.find((m) => m.name === 'churn');

  it('lists every model by name, versions highest first', () => {
    expect(changelog.models.map((m) => m.name)).toEqual(['churn', 'segment']);
    expect(churn?.versions.map((v) => [v.version, v.previous])).toEqual([
      ['v1.1.0', 'v1.0.0'],
      ['v1.0.0', null],
    ]);
  });

  it("takes the commits since the previous version that name the model or touch its path", () => {
    expect(subjects(churn?.versions[0]?.commits ?? [])).toEqual(['Fix preprocessing', 'Update weights', 'Better features | faster']);
    expect(subjects(churn?.versions[1]?.commits ?? [])).toEqual(['Train churn baseline']);
    // Without a path, only the trailers count.
    const noPaths = buildChangelog(input({ paths: {} })).models[0];
    expect(subjects(noPaths?.versions[0]?.commits ?? [])).toEqual(['Fix preprocessing', 'Better features | faster']);
  });

  it('takes each version’s commits by the path it had in its range, and a directory output above the path too', () => {
    // churn was models/old.pkl at v1.0.0: commit 1 touched it then; commit 5 touched today's path.
    const renamed = input({
      pathsAt: new Map([['churn', new Map([['v1.0.0', 'models/old.pkl']])]]),
      changedPaths: new Map([
        [sha(5), ['models/churn.pkl']],
        [sha(1), ['models/old.pkl']],
        [sha(3), ['models/old.pkl']],
      ]),
    });
    const versions = buildChangelog(renamed).models[0]?.versions ?? [];
    expect(subjects(versions[1]?.commits ?? [])).toEqual(['Train churn baseline', 'Initial commit']);
    // In v1.1.0's range the path was renamed: commits touching either the old or the new path count.
    expect(subjects(versions[0]?.commits ?? [])).toEqual(['Fix preprocessing', 'Update weights', 'Better features | faster', 'Add segment model']);
    const dir = buildChangelog(input({ paths: { churn: 'models/churn/weights.bin' }, changedPaths: new Map([[sha(5), ['models/churn']]]) })).models[0];
    expect(subjects(dir?.versions[0]?.commits ?? [])).toEqual(['Fix preprocessing', 'Update weights', 'Better features | faster']);
  });

  it('keeps the Model trailers of each commit, in order', () => {
    expect(churn?.versions[1]?.commits[0]).toEqual({
      sha: sha(2),
      shortSha: '2222222',
      subject: 'Train churn baseline',
      author: { name: 'Ann Author', email: 'ann@example.com' },
      date: '2025-03-02T12:00:00+00:00',
      url: null,
      trailers: [
        { key: 'Model', value: 'churn' },
        { key: 'Model-Metric', value: 'auc=0.85' },
        { key: 'Model-Data', value: 's3://data/churn@2025-01' },
      ],
    });
  });

  it('compares metrics with the previous version (the newest value within a version wins)', () => {
    expect(churn?.versions[0]?.metrics).toEqual([
      { key: 'auc', value: '0.905', previous: '0.85', change: 0.055 },
      { key: 'f1', value: '0.7', previous: null, change: null },
    ]);
    expect(churn?.versions[1]?.metrics).toEqual([{ key: 'auc', value: '0.85', previous: null, change: null }]);
  });

  it('collects datasets and the highest bump', () => {
    expect(churn?.versions[0]).toMatchObject({ data: ['s3://data/churn@2025-02'], bump: 'minor' });
    expect(churn?.versions[1]).toMatchObject({ data: ['s3://data/churn@2025-01'], bump: null });
  });

  it('gives the registration, the stage history and the stages held now', () => {
    const v = churn?.versions[0];
    expect(v?.registration).toEqual({ by: { name: 'Tom Tagger', email: 'tom@example.com' }, date: '2025-03-06T13:00:00+01:00', tag: 'churn@v1.1.0', tagUrl: null });
    expect(v?.stages.map((e) => [e.stage, e.action, e.by.name, e.tag])).toEqual([
      ['staging', 'assign', 'Tom Tagger', 'churn#staging#2'],
      ['prod', 'assign', 'Pat Promoter', 'churn#prod#3'],
      ['staging', 'unassign', 'Tom Tagger', 'churn#staging!#4'],
    ]);
    expect(v?.currentStages).toEqual(['prod']);
    // Unassigning v1.1.0 from staging gave staging back to v1.0.0.
    expect(churn?.versions[1]?.currentStages).toEqual(['staging']);
  });

  it('tells deprecated models and deregistered versions', () => {
    const segment = changelog.models[1];
    expect(segment).toMatchObject({ deprecated: true, deprecation: { tag: 'segment@deprecated' } });
    expect(churn).toMatchObject({ deprecated: false, deprecation: null });
    const tags = [...TAGS, { ...(TAGS[0] as (typeof TAGS)[0]), name: 'churn@v1.0.0!', tagger: { name: 'Dee', email: 'd@x', time: 1741700000, tz: '+0000' } }];
    const v100 = buildChangelog(input({ registry: buildRegistry(tags) })).models[0]?.versions[1];
    expect(v100).toMatchObject({ version: 'v1.0.0', deprecated: true, deprecation: { tag: 'churn@v1.0.0!', by: { name: 'Dee' } } });
  });

  it('lists unreleased commits that carry Model: NAME, with the version --bump auto would give', () => {
    expect(churn?.unreleased).toMatchObject({ bump: 'minor', nextVersion: 'v1.2.0' });
    expect(subjects(churn?.unreleased.commits ?? [])).toEqual(['Tune thresholds']);
    // A later commit that only touches the path is not "unreleased".
    const commits = [{ ...(COMMITS[6] as (typeof COMMITS)[0]), sha: sha(8), parents: [sha(7)], message: 'Touch weights\n' }, ...COMMITS];
    const changed = new Map([[sha(8), ['models/churn.pkl']]]);
    const later = buildChangelog(input({ commits, head: sha(8), changedPaths: changed })).models[0];
    expect(subjects(later?.unreleased.commits ?? [])).toEqual(['Tune thresholds']);
    expect(buildChangelog(input({ head: null })).models[0]?.unreleased).toEqual({ commits: [], bump: null, nextVersion: null });
  });

  it('shows a model that only trailers name so far', () => {
    const commits = [{ ...(COMMITS[0] as (typeof COMMITS)[0]), sha: sha(9), parents: [sha(7)], message: 'Start fraud\n\nModel: fraud\nModel-Bump: major\n' }, ...COMMITS];
    const fraud = buildChangelog(input({ commits, head: sha(9), name: 'fraud' })).models;
    expect(fraud).toHaveLength(1);
    expect(fraud[0]).toMatchObject({ name: 'fraud', versions: [], unreleased: { bump: 'major', nextVersion: 'v1.0.0' } });
  });

  it('selects one model and a range of versions', () => {
    const one = buildChangelog(input({ name: 'churn', from: 'v1.1.0' }));
    expect(one.models.map((m) => m.name)).toEqual(['churn']);
    expect(one.models[0]?.versions.map((v) => v.version)).toEqual(['v1.1.0']);
    // The first version shown is still compared with the one before it.
    expect(one.models[0]?.versions[0]?.metrics[0]?.previous).toBe('0.85');
    const to = buildChangelog(input({ name: 'churn', to: 'v1.0.0' })).models[0];
    expect(to?.versions.map((v) => v.version)).toEqual(['v1.0.0']);
    expect(to?.unreleased.commits).toEqual([]);
    // For all models, a range leaves out those with nothing in it.
    const ranged = buildChangelog(input({ from: 'v1.0.0', to: 'v1.0.0' })).models;
    expect(ranged.map((m) => [m.name, m.versions.map((v) => v.version)])).toEqual([['churn', ['v1.0.0']]]);
    expect(buildChangelog(input({ to: 'v1.0.0' })).models.map((m) => m.name)).toEqual(['churn', 'segment']);
  });

  it('refuses an unknown model and bad versions with a hint', () => {
    expect(() => buildChangelog(input({ name: 'ghost' }))).toThrow(/cannot find artifact 'ghost'/);
    expect(() => buildChangelog(input({ from: '1.0.0' }))).toThrow(expect.objectContaining({ code: 'invalid-version', hint: expect.stringMatching(/v1\.0\.0/) }));
    expect(() => buildChangelog(input({ name: 'churn', to: 'v9.9.9' }))).toThrow(/--to v9.9.9 is not a registered version of churn/);
    expect(() => buildChangelog(input({ from: 'v1.1.0', to: 'v1.0.0' }))).toThrow(/--from v1.1.0 is after --to v1.0.0/);
  });

  it('reports trailer problems of the commits it lists, naming the commit', () => {
    expect(changelog.diagnostics).toEqual([
      expect.objectContaining({ code: 'trailer-unknown-key', ref: '7777777', message: "commit 7777777: unknown model trailer 'Model-Bogus'" }),
    ]);
    expect(buildChangelog(input({ to: 'v1.1.0' })).diagnostics).toEqual([]);
  });

  it('gives the same result whatever the order of tags', () => {
    const reversed = buildChangelog(input({ registry: buildRegistry([...TAGS].reverse()) }));
    expect(reversed).toEqual(changelog);
  });

  it('follows merges: a side branch belongs to the version that merged it', () => {
    // 3 ← 2 ← 1, side branch 4 off 1, merge 5 = (3, 4); v1 at 2, v2 at 5.
    const c = (n: number, parents: number[], message: string) => ({
      sha: sha(n),
      parents: parents.map(sha),
      author: 'A',
      authorEmail: 'a@x',
      authorTime: 1741000000 + n,
      authorTz: '+0000',
      message,
    });
    const commits = [c(5, [3, 4], 'Merge side\n'), c(4, [1], 'Side fix\n\nModel: m\n'), c(3, [2], 'Main fix\n\nModel: m\n'), c(2, [1], 'First\n\nModel: m\n'), c(1, [], 'Root\n')];
    const t = (name: string, n: number) => ({ name, annotated: true, commit: sha(n), tagger: { name: 'T', email: 't@x', time: 1741000000 + n, tz: '+0000' }, message: '' });
    const m = buildChangelog({ registry: buildRegistry([t('m@v1.0.0', 2), t('m@v2.0.0', 5)]), commits, head: sha(5) }).models[0];
    expect(m?.versions.map((v) => subjects(v.commits))).toEqual([['Side fix', 'Main fix'], ['First']]);
  });
});

describe('commitTrailers', () => {
  it('parses messages that may hold a model trailer, and skips the others', () => {
    expect(commitTrailers('Fix\n\nModel: churn\nSigned-off-by: A <a@x>\n')).toEqual([
      { key: 'Model', value: 'churn' },
      { key: 'Signed-off-by', value: 'A <a@x>' },
    ]);
    expect(commitTrailers('Fix\n\nmodel-bump\t: minor\n')).toEqual([{ key: 'model-bump', value: 'minor' }]);
    // "model" in the text but no trailer line for it: nothing to parse.
    expect(commitTrailers('Retrain the churn model\n\nSigned-off-by: A <a@x>\n')).toEqual([]);
  });
});

describe('commits given with subjects and git-parsed trailers', () => {
  it('give the same changelog as raw messages, whether added at once or as they stream in', () => {
    const summaries = COMMITS.map(({ message, ...c }) => ({ ...c, subject: commitSubject(message ?? '') }));
    const trailers = COMMITS.map((c) => parsedCommitTrailers(parseTrailers(c.message ?? '', { noDivider: true })));
    const streamed = new CommitLog();
    summaries.forEach((c, i) => streamed.add(c, trailers[i] ?? []));
    const expected = buildChangelog(input());
    expect(buildChangelog(input({ commits: CommitLog.of(summaries, trailers) }))).toEqual(expected);
    expect(buildChangelog(input({ commits: streamed }))).toEqual(expected);
  });

  it('keep no trailers of a commit without a model trailer', () => {
    expect(parsedCommitTrailers([{ key: 'Signed-off-by', value: 'Ann' }])).toEqual([]);
    const all = [
      { key: 'Signed-off-by', value: 'Ann' },
      { key: 'model-bump', value: 'minor' },
    ];
    expect(parsedCommitTrailers(all)).toBe(all);
  });
});

describe('a log fed as records of git\'s output', () => {
  // COMMITS with a side branch off 5 merged into 7: the side commit (8, version v1.1.5) changes
  // the model's path without a trailer, the merge (9, v1.2.0) carries one. git prints the side
  // commit before 7, so 8's and 9's parents are not the next commit.
  const side = { ...(COMMITS[2] as CommitInput), sha: sha(8), parents: [sha(5)], message: 'Side weights\n' };
  const merge = { ...(COMMITS[0] as CommitInput), sha: sha(9), parents: [sha(7), sha(8)], message: 'Merge side\n\nModel: churn\nModel-Metric: auc=0.95\n' };
  const commits = [merge, side, ...COMMITS];
  const extra = (log: CommitLog | CommitInput[]) =>
    input({
      commits: log,
      head: sha(9),
      registry: buildRegistry([...TAGS, { ...(TAGS[0] as TagInput), name: 'churn@v1.1.5', commit: sha(8) }, { ...(TAGS[0] as TagInput), name: 'churn@v1.2.0', commit: sha(9) }]),
      changedPaths: new Map([
        [sha(8), ['models/churn.pkl']],
        [sha(5), ['models/churn.pkl']],
        [sha(2), ['models/churn.pkl']],
      ]),
    });

  it('gives the changelog of the same commits given as objects, whatever pieces of text they lie in', () => {
    const expected = buildChangelog(extra(commits));
    // v1.2.0 is the merge without what v1.1.5 (the side commit) holds: not 5 and before.
    expect(expected.models[0]?.versions.map((v) => [v.version, subjects(v.commits)])).toEqual([
      ['v1.2.0', ['Merge side', 'Tune thresholds', 'Fix preprocessing']],
      ['v1.1.5', ['Side weights']],
      ['v1.1.0', ['Fix preprocessing', 'Update weights', 'Better features | faster']],
      ['v1.0.0', ['Train churn baseline']],
    ]);
    expect(expected.diagnostics.map((d) => d.ref)).toEqual([sha(7).slice(0, 7)]);
    const records = summaryRecords(commits);
    // One text for all records, and one text per record (as pieces of git's output).
    const whole = records.map((r) => r.text).join('');
    const log = new CommitLog(logSummaryAt);
    let at = 0;
    for (const r of records) {
      log.addRecord(whole, at, r.ends.map((e) => e + at));
      at += r.text.length;
    }
    const pieces = new CommitLog(logSummaryAt);
    for (const r of records) pieces.addRecord(r.text, r.start, r.ends);
    for (const fed of [log, pieces]) {
      expect(fed.size).toBe(commits.length);
      expect(commits.map((c, i) => fed.sha(i) === c.sha && fed.position.get(c.sha) === i)).not.toContain(false);
      expect(buildChangelog(extra(fed))).toEqual(expected);
    }
  });

  it('makes objects only of commits that may carry a model trailer', () => {
    const made: string[] = [];
    const log = new CommitLog((text, start, ends) => {
      const c = logSummaryAt(text, start, ends);
      made.push(c.subject ?? '');
      return c;
    });
    for (const r of summaryRecords(commits)) log.addRecord(r.text, r.start, r.ends);
    expect(made).toEqual(['Merge side', 'Tune thresholds', 'Fix preprocessing', 'Better features | faster', 'Add segment model', 'Train churn baseline']);
    // The side commit touches the model's path: shown, it is made then.
    buildChangelog(extra(log));
    expect(made.slice(6)).toContain('Side weights');
  });
});
