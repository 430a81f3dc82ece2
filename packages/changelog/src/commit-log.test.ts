import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logSummaryAt, streamLogRecords } from '@modelreg/git';
import { CommitLog } from './commit-log.js';

// A real repository, read as `modelreg changelog` reads it: records of git's output, with the
// trailers as git parses them. No system or user config, fixed identities.
const dir = mkdtempSync(join(tmpdir(), 'modelreg-commit-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env: NodeJS.ProcessEnv = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_'))), GIT_CONFIG_NOSYSTEM: '1', HOME: dir };
Object.assign(env, { GIT_AUTHOR_NAME: 'Ann Author', GIT_AUTHOR_EMAIL: 'ann@example.com', GIT_COMMITTER_NAME: 'Ann Author', GIT_COMMITTER_EMAIL: 'ann@example.com' });
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' }).trim();

git('init', '-q', '-b', 'main');
const commit = (message: string, ...options: string[]) => git('commit', '-q', '--allow-empty', ...options, '-m', message);
commit('Initial commit');
commit('Sign off\n\nSigned-off-by: Ann Author <ann@example.com>\nModeling: x');
commit('Tune\n\nSigned-off-by: Ann Author <ann@example.com>\nmodel: churn\nMODEL-Metric: auc=0.9\nModel-Data: s3://a\n  continued');
// Kept as written: CRLF line ends, a trailing space, a comment line.
commit('Retrain\r\n\r\nModel: churn \r\n# kept\n', '--cleanup=verbatim');
// A `Model:` line in the body, not among the trailers.
commit('Notes\n\nModel: churn is faster now.\n\nSigned-off-by: Ann Author <ann@example.com>');

describe('CommitLog fed the records of a real git log', () => {
  it('makes a commit only of a record whose trailers, as git parsed them, may hold a model trailer', async () => {
    const made: string[] = [];
    const log = new CommitLog((text, start, ends) => {
      const c = logSummaryAt(text, start, ends);
      made.push(c.subject);
      return c;
    });
    await streamLogRecords({ cwd: dir, env }, { head: true }, (text, start, ends) => log.addRecord(text, start, ends));
    const shas = git('rev-list', 'HEAD').split('\n');
    expect(shas.map((_, i) => log.sha(i))).toEqual(shas);
    // Neither no trailers, nor a `Modeling:` line, nor a `Model:` line git does not take for a trailer.
    expect(made).toEqual(['Retrain', 'Tune']);
    expect(log.about.get('churn')).toEqual([1, 2]);
    expect(log.facts.map((f) => f.models)).toEqual([[], ['churn'], ['churn'], [], []]);
    expect(log.entry(1)).toMatchObject({ subject: 'Retrain', trailers: [{ key: 'Model', value: 'churn' }] });
    // In any case, after another trailer, continuation lines unfolded.
    expect(log.entry(2).trailers).toEqual([
      { key: 'model', value: 'churn' },
      { key: 'MODEL-Metric', value: 'auc=0.9' },
      { key: 'Model-Data', value: 's3://a continued' },
    ]);
    expect(log.facts[2]).toMatchObject({ metrics: [{ key: 'auc', value: '0.9' }], data: ['s3://a continued'], diagnostics: [] });
    // The others are made when asked for (their entries are not in the changelog).
    expect(log.entry(3)).toMatchObject({ sha: shas[3], subject: 'Sign off', trailers: [] });
    expect(made).toEqual(['Retrain', 'Tune', 'Sign off']);
  });
});
