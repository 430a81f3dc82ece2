// User-facing failures carry a stable code and a hint; the CLI renders them as one line.

export class ModelregError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  /** 1 for a refused operation, 2 for a usage error. */
  readonly exitCode: 1 | 2;

  constructor(code: string, message: string, opts: { hint?: string; exitCode?: 1 | 2 } = {}) {
    super(message);
    this.name = 'ModelregError';
    this.code = code;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? 1;
  }
}

export function isModelregError(e: unknown): e is ModelregError {
  return e instanceof ModelregError;
}

/** What the file system refused, in words, for the error codes a user can fix; null otherwise. */
const FILE_SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of its path is a file, not a directory',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EEXIST: 'it already exists',
  EMFILE: 'too many open files',
  EBUSY: 'it is in use by another program',
  ENAMETOOLONG: 'its name is too long',
};

export function fileSystemReason(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? (FILE_SYSTEM_REASONS[code] ?? null) : null;
}

// Characters a terminal would act on instead of showing: C0/C1 controls, DEL, line separators,
// and the bidirectional overrides that make text read in another order than it is (U+202E).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` as one visible line: each such character written as an escape (`\n`, `\u{202e}`). */
export function escapeControls(text: string): string {
  return text.replace(UNPRINTABLE, (c) => SHORT_ESCAPES[c] ?? `\\u{${c.codePointAt(0)!.toString(16).padStart(4, '0')}}`);
}
