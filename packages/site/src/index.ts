// @modelreg/site: the registry page. Registries in, files out (path → content), nothing read or
// written here: the same registries always give the same bytes (sorted, no clock unless given).
import { displayVersion, formatInstant, mergeStageLists, summary, type Registry, type SummaryRow } from '@modelreg/core';
import { formatChange, type Changelog, type MetricEntry, type ModelEntry, type StageEvent } from '@modelreg/changelog';
import { SITE_JS, STYLE_CSS } from './assets.js';
import { esc, page, shortDate, slug } from './html.js';

export { esc, slug } from './html.js';

/** What the page shows of an artifact's annotation (its model card). */
export interface SiteAnnotation {
  type?: string;
  path?: string;
  desc?: string;
  labels?: string[];
  /** Any shape, as DVC accepts it: a mapping's entries are listed, anything else shown as written. */
  meta?: unknown;
}

export interface SiteRegistry {
  /** Short name, shown in the repo column. */
  name: string;
  registry: Registry;
  /** Versions, stage history, commits and metrics of each model. */
  changelog: Changelog;
  /** Annotations by artifact name. */
  annotations: ReadonlyMap<string, SiteAnnotation>;
  /** The config's `stages`, when it lists them: the registry's stage columns, in that order. */
  configStages?: readonly string[];
}

export interface SiteOptions {
  title?: string;
  /** Printed in the footer when given: a build time makes every build differ, so it is opt-in. */
  generatedAt?: string;
}

interface Row {
  repo: SiteRegistry;
  row: SummaryRow;
  annotation: SiteAnnotation | undefined;
  href: string;
}

const modelPath = (repo: string, name: string) => `models/${slug(repo)}/${slug(name)}.html`;

/** Every file of the site, keyed by its path relative to the output directory, in sorted order. */
export function renderSite(registries: readonly SiteRegistry[], opts: SiteOptions = {}): Map<string, string> {
  const title = opts.title ?? 'Model registry';
  const footer = `Made by modelreg from ${registries.length === 1 ? 'one registry' : `${registries.length} registries`}${opts.generatedAt ? ` on ${esc(opts.generatedAt)}` : ''}.`;
  const summaries = registries.map((repo) => ({
    repo,
    configured: repo.configStages !== undefined,
    ...summary(repo.registry, { all: true, ...(repo.configStages ? { configStages: repo.configStages } : {}) }),
  }));
  const stages = mergeStageLists(summaries);
  const rows: Row[] = summaries.flatMap(({ repo, rows }) =>
    [...rows]
      .sort((a, b) => (a.artifact.name < b.artifact.name ? -1 : a.artifact.name > b.artifact.name ? 1 : 0))
      .map((row) => ({ repo, row, annotation: repo.annotations.get(row.artifact.name), href: modelPath(repo.name, row.artifact.name) })),
  );
  const files = new Map<string, string>();
  files.set('index.html', page(title, '', matrix(title, registries.length, stages, rows), footer));
  for (const r of rows) {
    const entry = r.repo.changelog.models.find((m) => m.name === r.row.artifact.name);
    files.set(r.href, page(`${r.row.artifact.name} · ${title}`, '../../', modelPage(r, entry), footer));
  }
  files.set('site.js', SITE_JS);
  files.set('style.css', STYLE_CSS);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function holderCells(row: SummaryRow, stages: string[]): string {
  return stages
    .map((s) => {
      const holder = row.stages.get(s)?.[0];
      return holder ? `<td class="holder held" data-stage="${esc(s)}">${esc(displayVersion(holder.version))}</td>` : `<td class="holder" data-stage="${esc(s)}">–</td>`;
    })
    .join('');
}

/** The models × stages matrix, with the filter box and the deprecated toggle. */
function matrix(title: string, registryCount: number, stages: string[], rows: Row[]): string {
  const body = rows
    .map(({ repo, row, annotation, href }) => {
      const held = stages.filter((s) => row.stages.has(s));
      // Words the filter matches: the name, then `repo:`, `label:` and `stage:` ones (so `stage:prod` is exact enough).
      const words = [row.artifact.name, `repo:${repo.name}`, ...(annotation?.labels ?? []).map((l) => `label:${l}`), ...held.map((s) => `stage:${s}`)];
      const search = words.map((w) => w.toLowerCase().replace(/\s+/g, '_')).join(' ');
      const cls = row.artifact.deprecated ? ' class="deprecated"' : '';
      const desc = annotation?.desc ? `<div class="desc">${esc(annotation.desc)}</div>` : '';
      const labels = (annotation?.labels ?? []).map((l) => `<span class="badge">${esc(l)}</span>`).join('');
      return `<tr${cls} data-search="${esc(search)}"><td>${esc(repo.name)}</td><td><a href="${esc(href)}">${esc(row.artifact.name)}</a>${row.artifact.deprecated ? ' <span class="badge deprecated">deprecated</span>' : ''}${desc}${labels ? `<div>${labels}</div>` : ''}</td><td class="holder">${esc(row.latest?.version ?? '–')}</td>${holderCells(row, stages)}</tr>`;
    })
    .join('\n');
  const count = rows.filter((r) => !r.row.artifact.deprecated).length;
  return `<header><h1>${esc(title)}</h1><p class="muted">${count} model${count === 1 ? '' : 's'} in ${registryCount} ${registryCount === 1 ? 'registry' : 'registries'}</p></header>
<div class="controls"><input id="filter" type="search" placeholder="Filter by name, label or stage (e.g. stage:prod label:nlp)" aria-label="Filter models by name, label or stage">
<label><input type="checkbox" id="show-deprecated"> show deprecated</label></div>
<table id="matrix"><thead><tr><th>repo</th><th>model</th><th>latest</th>${stages.map((s) => `<th>#${esc(s)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody></table>
<p id="empty" class="muted" hidden>No model matches the filter.</p>`;
}

/** A model card value: text, a list, or a nested card. */
function cardValue(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => `<div>${cardValue(v)}</div>`).join('');
  if (value !== null && typeof value === 'object') return card(Object.entries(value as Record<string, unknown>));
  return esc(String(value));
}

function card(entries: [string, unknown][]): string {
  return `<dl class="card">${entries.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${cardValue(v)}</dd>`).join('')}</dl>`;
}

function annotationCard(a: SiteAnnotation | undefined): string {
  if (!a) return '<p class="muted">Not annotated (no dvc.yaml or artifacts.yaml entry).</p>';
  const entries: [string, unknown][] = [];
  if (a.desc !== undefined) entries.push(['description', a.desc]);
  if (a.type !== undefined) entries.push(['type', a.type]);
  if (a.path !== undefined) entries.push(['path', a.path]);
  if (a.labels && a.labels.length > 0) entries.push(['labels', a.labels.join(', ')]);
  const meta = a.meta;
  if (meta !== null && typeof meta === 'object' && !Array.isArray(meta)) {
    for (const [k, v] of Object.entries(meta).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) entries.push([k, v]);
  } else if (meta !== undefined && meta !== null) entries.push(['meta', meta]);
  return entries.length === 0 ? '<p class="muted">The annotation has no fields.</p>' : card(entries);
}

const who = (e: { by: { name: string; email: string } }) => `<span title="${esc(e.by.email)}">${esc(e.by.name)}</span>`;

function timeline(entry: ModelEntry | undefined): string {
  // Newest first; each date parsed once, not in every comparison (and no event copied).
  const events: { event: StageEvent; version: string; at: number }[] = [];
  for (const v of entry?.versions ?? []) for (const event of v.stages) events.push({ event, version: v.version, at: Date.parse(event.date) });
  events.sort((a, b) => b.at - a.at || (a.event.tag < b.event.tag ? 1 : -1));
  if (events.length === 0) return '<p class="muted">No stage was ever assigned.</p>';
  return `<table class="timeline"><thead><tr><th>when</th><th>who</th><th>what</th><th>version</th><th>tag</th></tr></thead><tbody>
${events.map(({ event: e, version }) => `<tr><td>${esc(shortDate(e.date))}</td><td>${who(e)}</td><td>${e.action === 'assign' ? 'assigned' : 'unassigned'} <strong>${esc(e.stage)}</strong></td><td>${esc(version)}</td><td><code>${esc(e.tag)}</code></td></tr>`).join('\n')}
</tbody></table>`;
}

function metricCell(m: MetricEntry): string {
  const change = formatChange(m);
  const cls = m.change === null || m.change === 0 ? '' : m.change > 0 ? 'up' : 'down';
  return `<code>${esc(m.key)}=${esc(m.value)}</code>${change ? ` <span class="${cls}">(${esc(change)})</span>` : ''}`;
}

function versionsAndChangelog(entry: ModelEntry | undefined, held: Map<string, string[]>): string {
  if (!entry || entry.versions.length === 0) return '<h2>Versions</h2><p class="muted">No registered version.</p>';
  const versions = `<h2>Versions</h2><table class="versions"><thead><tr><th>version</th><th>registered</th><th>by</th><th>commit</th><th>stages</th><th>metrics</th></tr></thead><tbody>
${entry.versions
  .map(
    (v) =>
      `<tr${v.deprecated ? ' class="deprecated"' : ''}><td>${esc(v.version)}${v.deprecated ? ' <span class="badge deprecated">deregistered</span>' : ''}</td><td>${esc(shortDate(v.registration.date))}</td><td>${who(v.registration)}</td><td><code>${esc(v.shortCommit)}</code></td><td>${(held.get(v.version) ?? []).map((s) => `<span class="badge">${esc(s)}</span>`).join('')}</td><td>${v.metrics.map(metricCell).join('<br>')}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
  const log = entry.versions
    .map((v) => {
      const commits = v.commits.length === 0 ? '<p class="muted">No commit names this model.</p>' : `<ul class="commits">${v.commits.map((c) => `<li><code>${esc(c.shortSha)}</code> ${esc(c.subject)} <span class="muted">— ${esc(c.author.name)}, ${esc(shortDate(c.date))}</span></li>`).join('')}</ul>`;
      const data = v.data.length > 0 ? `<p>Data: ${v.data.map((d) => `<code>${esc(d)}</code>`).join(', ')}</p>` : '';
      return `<h3>${esc(v.version)} <span class="muted">${esc(shortDate(v.registration.date))}${v.previous ? ` · since ${esc(v.previous)}` : ''}</span></h3>${commits}${data}`;
    })
    .join('\n');
  return `${versions}\n<h2>Changelog</h2>\n${log}`;
}

function modelPage({ repo, row, annotation }: Row, entry: ModelEntry | undefined): string {
  const held = new Map<string, string[]>();
  for (const [stage, holders] of [...row.stages].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const h of holders.slice(0, 1)) held.set(h.version, [...(held.get(h.version) ?? []), stage]);
  }
  const first = [...row.artifact.versions.values()].flatMap((v) => (v.created ? [v.created] : [])).sort((a, b) => a.time - b.time)[0];
  return `<p><a href="../../index.html">← all models</a></p>
<header><h1>${esc(row.artifact.name)}${row.artifact.deprecated ? ' <span class="badge deprecated">deprecated</span>' : ''}</h1>
<p class="muted">in <strong>${esc(repo.name)}</strong> · latest <strong>${esc(row.latest?.version ?? '–')}</strong>${first ? ` · since ${esc(formatInstant(first, ' '))}` : ''}</p></header>
<h2>Model card</h2>
${annotationCard(annotation)}
<h2>Stage timeline</h2>
${timeline(entry)}
${versionsAndChangelog(entry, held)}`;
}
