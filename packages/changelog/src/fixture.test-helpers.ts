// A small history and registry for the changelog tests (not part of the build).
import { buildRegistry, commitSubject, parseTrailers, type TagInput } from '@modelreg/core';
import type { CommitInput } from './commit-log.js';
import type { ChangelogInput } from './model.js';

export const sha = (n: number) => String(n).repeat(40).slice(0, 40);
const day = (d: number) => Date.parse(`2025-03-${String(d).padStart(2, '0')}T12:00:00Z`) / 1000;

function commit(n: number, parents: number[], message: string, tz = '+0000'): CommitInput {
  return { sha: sha(n), parents: parents.map(sha), author: 'Ann Author', authorEmail: 'ann@example.com', authorTime: day(n), authorTz: tz, message };
}

function tag(name: string, n: number, d: number, tagger = 'Tom Tagger'): TagInput {
  return { name, annotated: true, commit: sha(n), tagger: { name: tagger, email: 'tom@example.com', time: day(d), tz: '+0100' }, message: name };
}

/** Newest first, as git log prints them. */
export const COMMITS: CommitInput[] = [
  commit(7, [6], 'Tune thresholds\n\nModel: churn\nModel-Bump: minor\nModel-Bogus: x\n'),
  commit(6, [5], 'Fix preprocessing\n\nModel: churn\nModel-Bump: patch\nModel-Metric: auc=0.905\n'),
  commit(5, [4], 'Update weights\n'),
  commit(4, [3], 'Better features | faster\n\nModel: churn\nModel-Bump: minor\nModel-Metric: auc=0.91\nModel-Metric: f1=0.7\nModel-Data: s3://data/churn@2025-02\n'),
  commit(3, [2], 'Add segment model\n\nModel: segment\nModel-Metric: auc=0.5\n'),
  commit(2, [1], 'Train churn baseline\n\nModel: churn\nModel-Metric: auc=0.85\nModel-Data: s3://data/churn@2025-01\nSigned-off-by: Ann Author <ann@example.com>\n'),
  commit(1, [], 'Initial commit\n'),
];

export const TAGS: TagInput[] = [
  tag('churn@v1.0.0', 2, 2),
  tag('segment@v0.1.0', 3, 3),
  tag('churn#staging#1', 2, 3),
  tag('churn@v1.1.0', 6, 6),
  tag('churn#staging#2', 6, 6),
  tag('churn#prod#3', 6, 7, 'Pat Promoter'),
  tag('churn#staging!#4', 6, 8),
  tag('segment@deprecated', 3, 9),
];

export function input(extra: Partial<ChangelogInput> = {}): ChangelogInput {
  return {
    registry: buildRegistry(TAGS),
    commits: COMMITS,
    head: sha(7),
    paths: { churn: 'models/churn.pkl' },
    changedPaths: new Map([
      [sha(5), ['models/churn.pkl']],
      [sha(2), ['models/churn.pkl']],
    ]),
    ...extra,
  };
}

/**
 * Commits as `@modelreg/git`'s streamLogRecords hands them over: records of NUL-terminated fields
 * (id, parents, author, e-mail, raw date, subject, trailer lines), each with where its fields end
 * (`logSummaryAt` reads them).
 */
export function summaryRecords(commits: readonly CommitInput[]): { text: string; start: number; ends: number[] }[] {
  return commits.map((c) => {
    const trailerLines = parseTrailers(c.message ?? '', { noDivider: true })
      .map((t) => `${t.key}: ${t.value}\n`)
      .join('');
    const fields = [c.sha, c.parents.join(' '), c.author, c.authorEmail, `${c.authorTime} ${c.authorTz}`, commitSubject(c.message ?? ''), trailerLines];
    const text = fields.map((f) => `${f}\0`).join('');
    const ends: number[] = [];
    for (let i = text.indexOf('\0'); i >= 0; i = text.indexOf('\0', i + 1)) ends.push(i);
    return { text, start: 0, ends };
  });
}
