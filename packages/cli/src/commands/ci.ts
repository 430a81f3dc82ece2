// `modelreg ci github` (the GitHub Action's entry point) and `modelreg ci gitlab check|event` (the
// GitLab CI template's jobs): fetch the tags CI checkouts lack, run `modelreg check`, and report
// the registry event of a pushed tag as step outputs, a job summary or dotenv variables.
import { ModelregError, tagNameOfRef } from '@modelreg/core';
import { GitError, fetchTags, readRemoteUrl } from '@modelreg/git';
import type { CommandResult, Io } from '../io.js';
import { writeOutputFile } from '../output-file.js';
import { openHandle, type RepoHandle } from '../repo.js';
import { eventOutputs, findEvent } from '../ci/event.js';
import { dotenvText, githubOutputText } from '../ci/outputs.js';
import { check } from './check.js';
import { describe as describeEvent } from './check-ref.js';
import { show } from './show.js';

/** The remote CI cloned from; its tags are the registry. Local runs without one read local tags. */
async function fetchRegistryTags(handle: RepoHandle): Promise<void> {
  if ((await readRemoteUrl(handle.git, 'origin')) === null) return;
  try {
    await fetchTags(handle.git, 'origin');
  } catch (e) {
    if (!(e instanceof GitError)) throw e;
    throw new ModelregError('fetch-tags-failed', `cannot fetch the tags of origin: ${e.message}`, {
      hint: 'the job needs read access to the repository (contents: read)',
    });
  }
}

/** An action input (`INPUT_NAME`, as GitHub passes them to an action), 'true' or 'false'. */
function booleanInput(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
  if (raw === '') return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new ModelregError('usage', `input '${name}' must be true or false, not '${raw}'`, { exitCode: 2 });
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

export async function ciGithub(io: Io): Promise<CommandResult> {
  const env = io.env;
  const runCheck = booleanInput(env, 'check', true);
  const writeSummary = booleanInput(env, 'summary', true);
  const format = (env.INPUT_FORMAT ?? '').trim() || 'github';
  const reportFile = (env['INPUT_REPORT-FILE'] ?? '').trim();

  const handle = await openHandle(io, undefined);
  await fetchRegistryTags(handle);

  let stdout = '';
  let exitCode = 0;
  let checkLine = '';
  if (runCheck) {
    // GitHub annotations always; the chosen format too, in the log or in the report file.
    const annotations = await check(io, { format: 'github' });
    stdout += annotations.stdout ?? '';
    exitCode = annotations.exitCode ?? 0;
    const errors = (annotations.stdout ?? '').split('\n').filter((l) => l.startsWith('::error')).length;
    const warnings = (annotations.stdout ?? '').split('\n').filter((l) => l.startsWith('::warning')).length;
    checkLine = errors + warnings === 0 ? '✔ modelreg check: no problems' : `✖ modelreg check: ${count(errors, 'error')}, ${count(warnings, 'warning')}`;
    if (format !== 'github' || reportFile) {
      const report = await check(io, { format });
      if (reportFile) await writeOutputFile(io.cwd, reportFile, report.stdout ?? '', { what: `the report file ${reportFile}` });
      else stdout += report.stdout ?? '';
    }
    stdout += checkLine + '\n';
  }

  const tag = env.GITHUB_REF ? tagNameOfRef(env.GITHUB_REF) : null;
  const event = tag === null ? null : await findEvent(handle, tag);
  const outputs = await eventOutputs(handle, event);
  if (event) stdout += describeEvent(event) + '\n';
  else if (tag !== null) stdout += `modelreg: '${tag}' is not a registry event\n`;
  if (env.GITHUB_OUTPUT) await writeOutputFile(io.cwd, env.GITHUB_OUTPUT, githubOutputText(outputs), { append: true, what: `$GITHUB_OUTPUT (${env.GITHUB_OUTPUT})` });

  // The registry page, for GitHub Pages (the workflow uploads the directory).
  const siteDir = (env.INPUT_SITE ?? '').trim();
  if (siteDir) {
    const { site } = await import('./site.js');
    const page = await site(io, { output: siteDir });
    stdout += page.stdout ?? '';
    exitCode = Math.max(exitCode, page.exitCode ?? 0);
  }

  if (writeSummary && env.GITHUB_STEP_SUMMARY) {
    const registry = await show(io, undefined, { versionsPerStage: 1, assignmentsPerVersion: -1, sort: 'timestamp' });
    const parts = ['## modelreg', ...(event ? [describeEvent(event)] : []), ...(checkLine ? [checkLine] : []), '```text\n' + (registry.stdout ?? '').trimEnd() + '\n```'];
    await writeOutputFile(io.cwd, env.GITHUB_STEP_SUMMARY, parts.join('\n\n') + '\n', { append: true, what: `$GITHUB_STEP_SUMMARY (${env.GITHUB_STEP_SUMMARY})` });
  }
  return { stdout, exitCode };
}

export async function ciGitlabCheck(io: Io, opts: { output?: string }): Promise<CommandResult> {
  const handle = await openHandle(io, undefined);
  await fetchRegistryTags(handle);
  const text = await check(io, { format: 'text' });
  const report = await check(io, { format: 'gitlab' });
  await writeOutputFile(io.cwd, opts.output ?? 'gl-code-quality-report.json', report.stdout ?? '');
  return { stdout: text.stdout ?? '', exitCode: text.exitCode ?? 0 };
}

export async function ciGitlabEvent(io: Io, opts: { output?: string }): Promise<CommandResult> {
  const handle = await openHandle(io, undefined);
  await fetchRegistryTags(handle);
  const tag = io.env.CI_COMMIT_TAG ? tagNameOfRef(io.env.CI_COMMIT_TAG) : null;
  const event = tag === null ? null : await findEvent(handle, tag);
  const text = dotenvText(await eventOutputs(handle, event));
  await writeOutputFile(io.cwd, opts.output ?? 'modelreg.env', text);
  const said = event ? describeEvent(event) + '\n' : tag !== null ? `modelreg: '${tag}' is not a registry event\n` : '';
  return { stdout: said + text };
}
