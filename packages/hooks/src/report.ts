// How a hook reports: one line per problem naming where, what, the fix and the rule, then (for
// errors) one line saying what to do next. Nothing at all when all is well.
import { formatDiagnostic, type Diagnostic } from '@modelreg/core';
import type { HookResult } from './context.js';

/** `modelreg pre-commit: dvc.yaml:3:11 artifacts.churn.path: 'm.pkl' does not exist in the index — commit it, track it with `dvc add`, or fix the path [path-missing]` */
export function problemLine(hook: string, d: Diagnostic): string {
  const warning = d.severity === 'warning' ? 'warning: ' : '';
  return `modelreg ${hook}: ${warning}${formatDiagnostic(d)}${d.hint ? ` — ${d.hint}` : ''} [${d.code}]`;
}

/** Exit 1 when any problem is an error; warnings are printed and let the hook pass. */
export function hookResult(hook: string, problems: readonly Diagnostic[], next?: string): HookResult {
  if (problems.length === 0) return { exitCode: 0 };
  const errors = problems.filter((d) => d.severity === 'error').length;
  const lines = problems.map((d) => problemLine(hook, d));
  if (errors > 0 && next) lines.push(`modelreg ${hook}: ${errors} error${errors === 1 ? '' : 's'}; ${next}`);
  return { stderr: lines.join('\n') + '\n', exitCode: errors > 0 ? 1 : 0 };
}
