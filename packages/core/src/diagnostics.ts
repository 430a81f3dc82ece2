// Problems are data: collected, never thrown, and printed by the caller.

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable machine-readable code, e.g. `lightweight-registry-tag`. */
  code: string;
  severity: Severity;
  /** The tag (or other ref) the problem is about. */
  ref?: string;
  /** The file the problem is in (repository-relative), e.g. `models/dvc.yaml`. */
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
  /** 1-based column in `file`, as an editor counts it. */
  column?: number;
  /** The artifact the problem is about (`dir/sub:name` for one in a sub-directory's dvc.yaml). */
  artifact?: string;
  /** Where in the file, as a dotted path with list indexes: `artifacts.churn.labels[1]`. */
  field?: string;
  message: string;
  /** What to do about it. */
  hint?: string;
}

/**
 * A problem that keeps a file from being read as YAML at all (binary, too large, broken, a
 * duplicate key…, the `file-` and `yaml-` errors): the file holds no entries as read.
 */
export function isUnreadableFile(d: Diagnostic): boolean {
  return d.severity === 'error' && /^(?:file|yaml)-/.test(d.code);
}

/**
 * One line naming where the problem is and what it is:
 * `dvc.yaml:7:11 artifacts.churn.labels[1]: must match the name rule …, got "-bad"`.
 * The location prefix appears only when known; a diagnostic about a ref is its message alone.
 */
export function formatDiagnostic(d: Diagnostic): string {
  let where = '';
  if (d.file !== undefined) {
    where = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  }
  if (d.field !== undefined && d.field !== '') where = where ? `${where} ${d.field}` : d.field;
  return where ? `${where}: ${d.message}` : d.message;
}
