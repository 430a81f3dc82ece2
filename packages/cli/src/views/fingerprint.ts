// A problem's identity across runs, for CI systems that track problems over time (GitLab Code
// Quality, GitHub code scanning): what and where, but not the line, so moving a block keeps it.
import { createHash } from 'node:crypto';
import type { Diagnostic } from '@modelreg/core';

export function fingerprint(d: Diagnostic): string {
  const parts = [d.code, d.file ?? '', d.ref ?? '', d.artifact ?? '', d.field ?? '', d.message];
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

/** The message as one line: `field: message — hint`. */
export function messageLine(d: Diagnostic): string {
  return `${d.field ? `${d.field}: ` : ''}${d.message}${d.hint ? ` — ${d.hint}` : ''}`;
}
