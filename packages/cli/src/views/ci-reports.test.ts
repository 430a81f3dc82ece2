import type { Diagnostic } from '@modelreg/core';
import { describe, expect, it } from 'vitest';
import { gitlabReport } from './gitlab-report.js';
import { sarifReport } from './sarif-report.js';

const missing: Diagnostic = { code: 'path-missing', severity: 'error', file: 'models/dvc.yaml', line: 3, column: 11, artifact: 'models:churn', field: 'artifacts.churn.path', message: "'churn.pkl' does not exist", hint: 'commit the file' };
const tag: Diagnostic = { code: 'lightweight-registry-tag', severity: 'warning', ref: 'churn@v1.0.0', message: 'is a lightweight tag' };

describe('gitlabReport', () => {
  it('maps severity, names the check, places tag problems on the ref', () => {
    const [a, b] = gitlabReport([missing, tag]);
    expect(a).toMatchObject({
      type: 'issue',
      check_name: 'modelreg/path-missing',
      description: "artifacts.churn.path: 'churn.pkl' does not exist — commit the file",
      severity: 'critical',
      location: { path: 'models/dvc.yaml', lines: { begin: 3 } },
    });
    expect(b).toMatchObject({ severity: 'minor', location: { path: 'refs/tags/churn@v1.0.0', lines: { begin: 1 } } });
  });

  it('keeps a fingerprint when the problem moves to another line, and tells problems apart', () => {
    const [a] = gitlabReport([missing]);
    const [moved] = gitlabReport([{ ...missing, line: 30 }]);
    const [other] = gitlabReport([{ ...missing, artifact: 'models:iris' }]);
    expect(moved?.fingerprint).toBe(a?.fingerprint);
    expect(other?.fingerprint).not.toBe(a?.fingerprint);
  });
});

describe('sarifReport', () => {
  it('one rule per code, results pointing at them, URI-escaped paths', () => {
    const log = sarifReport([missing, tag, { ...missing, file: 'my models/dvc.yaml' }]);
    const run = log.runs[0];
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(['lightweight-registry-tag', 'path-missing']);
    expect(run?.results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['path-missing', 1, 'error'],
      ['lightweight-registry-tag', 0, 'warning'],
      ['path-missing', 1, 'error'],
    ]);
    expect(run?.results[0]?.locations[0]?.physicalLocation.region).toEqual({ startLine: 3, startColumn: 11 });
    expect(run?.results[2]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('my%20models/dvc.yaml');
  });
});
