// The changelog as Markdown that reads well on GitHub and GitLab: one section per model, one
// per version, a table for stage history and one for metrics. Nothing in it depends on the clock.
import type { CommitEntry } from './commit-log.js';
import type { Changelog, ModelEntry, TagEvent, VersionEntry } from './model.js';
import { formatChange } from './metrics.js';

// Control characters (a lone CR from a CRLF message is a line break to Markdown) become spaces.
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/** Backslash-escape what Markdown would otherwise read as markup (and `|`, for table cells). */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>~|&]/g, '\\$&');
}

/** An inline code span that holds any text, backticks included (not for table cells: no `|` escaping). */
export function codeSpan(text: string): string {
  const line = oneLine(text);
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') || (line.startsWith(' ') && line.endsWith(' ') && line.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

function link(text: string, url: string | null): string {
  return url ? `[${text}](${url.replace(/[()\s]/g, (c) => encodeURIComponent(c))})` : text;
}

/** `2025-03-05 12:00:00+00:00` from an ISO 8601 instant. */
function when(iso: string): string {
  return iso.replace('T', ' ');
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function eventLine(label: string, e: TagEvent): string {
  return `- ${label} ${when(e.date)} by ${escapeMarkdown(e.by.name)}: ${link(codeSpan(e.tag), e.tagUrl)}`;
}

function commitLines(c: CommitEntry): string[] {
  const lines = [`- ${link(codeSpan(c.shortSha), c.url)} ${escapeMarkdown(c.subject)} — ${escapeMarkdown(c.author.name)}, ${day(c.date)}`];
  for (const t of c.trailers) lines.push(`  - ${codeSpan(`${t.key}: ${t.value}`)}`);
  return lines;
}

function table(header: string[], align: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function versionSection(model: ModelEntry, v: VersionEntry): string[] {
  const out = [`### ${escapeMarkdown(v.version)}${v.deprecated ? ' (deprecated)' : ''}`, ''];
  out.push(eventLine('Registered', v.registration) + ` on commit ${link(codeSpan(v.shortCommit), v.commitUrl)}`);
  if (v.deprecation) out.push(eventLine('Deprecated', v.deprecation));
  if (v.currentStages.length) out.push(`- Stages: ${v.currentStages.map((s) => `**${escapeMarkdown(s)}**`).join(', ')}`);
  out.push(`- Previous version: ${v.previous ? escapeMarkdown(v.previous) : 'none'}`);
  if (v.bump) out.push(`- Bump: ${v.bump}`);
  if (v.data.length) out.push(`- Data: ${v.data.map(codeSpan).join(', ')}`);
  out.push('');
  if (v.stages.length) {
    out.push('**Stage history**', '');
    out.push(
      ...table(
        ['stage', 'event', 'by', 'date', 'tag'],
        ['---', '---', '---', '---', '---'],
        v.stages.map((e) => [
          escapeMarkdown(e.stage),
          e.action === 'assign' ? 'assigned' : 'unassigned',
          escapeMarkdown(e.by.name),
          when(e.date),
          link(codeSpan(e.tag), e.tagUrl),
        ]),
      ),
      '',
    );
  }
  if (v.metrics.length) {
    out.push('**Metrics**', '');
    out.push(
      ...table(
        ['metric', escapeMarkdown(v.version), v.previous ? escapeMarkdown(v.previous) : 'previous', 'change'],
        ['---', '---:', '---:', '---:'],
        v.metrics.map((m) => [escapeMarkdown(m.key), escapeMarkdown(m.value), m.previous === null ? '–' : escapeMarkdown(m.previous), formatChange(m) || '–']),
      ),
      '',
    );
  }
  out.push('**Commits**', '');
  if (v.commits.length) out.push(...v.commits.flatMap(commitLines));
  else out.push(noCommits(model));
  out.push('');
  return out;
}

function noCommits(model: ModelEntry): string {
  return `No commits with ${codeSpan(`Model: ${model.name}`)}${model.path !== null ? ` or changes to ${codeSpan(model.path)}` : ''}.`;
}

function modelSection(model: ModelEntry): string[] {
  const out = [`## ${escapeMarkdown(model.name)}${model.deprecated ? ' (deprecated)' : ''}`, ''];
  const facts: string[] = [];
  if (model.path !== null) facts.push(`- Path: ${codeSpan(model.path)}`);
  if (model.deprecation) facts.push(eventLine('Deprecated', model.deprecation));
  if (facts.length) out.push(...facts, '');
  const u = model.unreleased;
  if (u.commits.length) {
    out.push('### Unreleased', '');
    if (u.nextVersion) out.push(`Next version: **${escapeMarkdown(u.nextVersion)}** (${u.bump ? `Model-Bump: ${u.bump}` : 'patch: no Model-Bump trailer'})`, '');
    out.push(...u.commits.flatMap(commitLines), '');
  }
  if (model.versions.length === 0 && u.commits.length === 0) out.push('No versions.', '');
  for (const v of model.versions) out.push(...versionSection(model, v));
  return out;
}

export function renderMarkdown(changelog: Changelog): string {
  const out = ['# Changelog', ''];
  if (changelog.models.length === 0) out.push('No models in this repository.', '');
  for (const model of changelog.models) out.push(...modelSection(model));
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}
