// Problems are data: collected, never thrown, and printed by the caller.

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable machine-readable code, e.g. `lightweight-registry-tag`. */
  code: string;
  severity: Severity;
  /** The tag (or other ref) the problem is about. */
  ref?: string;
  message: string;
  /** What to do about it. */
  hint?: string;
}
