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
