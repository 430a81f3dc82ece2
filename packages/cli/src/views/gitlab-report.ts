// `modelreg check --format gitlab`: a GitLab Code Quality report (the `codequality` artifact), the
// subset of the Code Climate issue format GitLab reads: description, check_name, fingerprint,
// severity, location.path and location.lines.begin.
import type { Diagnostic } from '@modelreg/core';
import { fingerprint, messageLine } from './fingerprint.js';

export interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  categories: string[];
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

/** Problems about a tag have no file: they are placed on the tag's ref. */
export const problemPath = (d: Diagnostic) => d.file ?? (d.ref !== undefined ? `refs/tags/${d.ref}` : '.');

export function gitlabReport(problems: Diagnostic[]): CodeQualityIssue[] {
  return problems.map((d) => ({
    type: 'issue',
    check_name: `modelreg/${d.code}`,
    description: messageLine(d),
    categories: ['Bug Risk'],
    fingerprint: fingerprint(d),
    severity: d.severity === 'error' ? 'critical' : 'minor',
    location: { path: problemPath(d), lines: { begin: d.line ?? 1 } },
  }));
}
