// `modelreg check` reports: the same problems as text, JSON (schemas/check-report.schema.json),
// GitHub Actions annotations.
import { formatDiagnostic, type Diagnostic } from '@modelreg/core';

export type ReportFormat = 'text' | 'json' | 'github' | 'gitlab' | 'sarif';

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

export function textReport(problems: Diagnostic[], summary: string): string {
  const lines = problems.map((d) => `${d.severity === 'error' ? '✖' : '⚠'} ${formatDiagnostic(d)}${d.hint ? ` — ${d.hint}` : ''}`);
  const errors = problems.filter((d) => d.severity === 'error').length;
  const warnings = problems.length - errors;
  lines.push(problems.length === 0 ? `✔ ${summary}: no problems` : `${summary}: ${count(errors, 'error')}, ${count(warnings, 'warning')}`);
  return lines.join('\n') + '\n';
}

export function jsonReport(problems: Diagnostic[]) {
  const errors = problems.filter((d) => d.severity === 'error').length;
  return {
    ok: errors === 0,
    errors,
    warnings: problems.length - errors,
    problems: problems.map((d) => ({
      severity: d.severity,
      code: d.code,
      ...(d.file !== undefined ? { file: d.file } : {}),
      ...(d.line !== undefined ? { line: d.line } : {}),
      ...(d.column !== undefined ? { column: d.column } : {}),
      ...(d.artifact !== undefined ? { artifact: d.artifact } : {}),
      ...(d.field !== undefined ? { field: d.field } : {}),
      ...(d.ref !== undefined ? { ref: d.ref } : {}),
      message: d.message,
      ...(d.hint !== undefined ? { hint: d.hint } : {}),
    })),
  };
}

// GitHub's workflow-command escaping: data escapes %, CR, LF; properties also ':' and ','.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubReport(problems: Diagnostic[]): string {
  return problems
    .map((d) => {
      const props = [
        d.file !== undefined ? `file=${escapeProperty(d.file)}` : '',
        d.line !== undefined ? `line=${d.line}` : '',
        d.column !== undefined ? `col=${d.column}` : '',
        `title=${escapeProperty(`modelreg ${d.code}`)}`,
      ].filter(Boolean);
      const field = d.field ? `${d.field}: ` : '';
      return `::${d.severity} ${props.join(',')}::${escapeData(field + d.message + (d.hint ? ` — ${d.hint}` : ''))}`;
    })
    .map((l) => l + '\n')
    .join('');
}
