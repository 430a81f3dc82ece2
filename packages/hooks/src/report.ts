// How a hook reports: one line per problem naming where, what, the rule and the fix, then one
// line saying what to do next. Nothing at all when all is well.
import { formatDiagnostic, type Diagnostic } from '@modelreg/core';
import type { HookResult } from './context.js';

/** `dvc.yaml:3:11 artifacts.churn.path: 'm.pkl' does not exist in the index [path-missing] — commit the file or fix the path` */
export function problemLine(d: Diagnostic): string {
  const mark = d.severity === 'error' ? '✖' : '⚠';
  return `${mark} ${formatDiagnostic(d)} [${d.code}]${d.hint ? ` — ${d.hint}` : ''}`;
}

/** Exit 1 when any problem is an error; warnings are printed and let the hook pass. */
export function hookResult(hook: string, problems: readonly Diagnostic[], next: string): HookResult {
  if (problems.length === 0) return { exitCode: 0 };
  const errors = problems.filter((d) => d.severity === 'error').length;
  const lines = problems.map(problemLine);
  if (errors > 0) lines.push(`modelreg ${hook}: ${errors} error${errors === 1 ? '' : 's'}; ${next}`);
  return { stderr: lines.join('\n') + '\n', exitCode: errors > 0 ? 1 : 0 };
}
