// `modelreg check`: every annotation file and the config, validated, plus the integrity rules,
// plus the history rules of the tags (all, or `--ref` one). The same checks the hooks run; exit 1 on any error.
import { ModelregError } from '@modelreg/core';
import type { CommandResult, Io } from '../io.js';
import { fileSource, readAnnotations, type SourceOptions } from '../annotation-source.js';
import { historyProblems, readPushedTag } from './check-history.js';
import { openHandle } from '../repo.js';
import { toJson } from '../views/gto-json.js';
import { githubReport, jsonReport, textReport, type ReportFormat } from '../views/report.js';
import { gitlabReport } from '../views/gitlab-report.js';
import { sarifReport } from '../views/sarif-report.js';

export interface CheckOptions extends SourceOptions {
  repo?: string;
  format?: string;
  /** One pushed tag (`refs/tags/X` or `X`): its history rules, and the annotation files at its commit unless `staged`/`rev` name others. */
  ref?: string;
}

const FORMATS: readonly ReportFormat[] = ['text', 'json', 'github', 'gitlab', 'sarif'];

export async function check(io: Io, opts: CheckOptions): Promise<CommandResult> {
  const format = (opts.format ?? 'text') as ReportFormat;
  if (!FORMATS.includes(format)) {
    throw new ModelregError('usage', `unknown format '${opts.format}'`, { hint: `use one of: ${FORMATS.join(', ')}`, exitCode: 2 });
  }
  const handle = await openHandle(io, opts.repo);
  const pushed = opts.ref === undefined ? undefined : await readPushedTag(handle, opts.ref);
  const atTag = pushed !== undefined && opts.rev === undefined && !opts.staged;
  const { source, where } = await fileSource(handle, atTag ? { rev: `refs/tags/${pushed.name}` } : opts);
  const { diagnostics, files, annotations, config } = await readAnnotations(handle, source, where);
  diagnostics.push(...(await historyProblems(handle, config, pushed, pushed !== undefined && !atTag)));
  const exitCode = diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  if (format === 'json') return { stdout: toJson(jsonReport(diagnostics)), exitCode };
  if (format === 'github') return { stdout: githubReport(diagnostics), exitCode };
  if (format === 'gitlab') return { stdout: toJson(gitlabReport(diagnostics)), exitCode };
  if (format === 'sarif') return { stdout: toJson(sarifReport(diagnostics)), exitCode };
  const summary = `${files.length} annotation file${files.length === 1 ? '' : 's'}, ${annotations.length} artifact${annotations.length === 1 ? '' : 's'} in ${where}`;
  return { stdout: textReport(diagnostics, summary), exitCode };
}
