// Human-readable views of the registry, laid out as GTO's tables.
import { displayVersion, formatInstant, type RegistryEvent, type SummaryLine, type VersionRow } from '@modelreg/core';
import { renderTable, type TableStyle } from '../table.js';

/** Tables of several registries: a `repo` column first. */
export const withRepo = (repo: string, rows: string[][]) => rows.map((row) => [repo, ...row]);

export const summaryHeaders = (stages: string[]) => ['name', 'latest', ...stages.map((s) => `#${s}`)];

export function summaryRows(stages: string[], lines: SummaryLine[], unregistered: string[] = []): string[][] {
  const sorted = [...lines].sort((a, b) => (a.name < b.name ? -1 : 1));
  const annotatedOnly = [...unregistered].sort().map((name) => [`*${name}`, '-', ...stages.map(() => '-')]);
  return [
    ...sorted.map((l) => [
      l.name,
      l.latest !== null ? displayVersion(l.latest) : '-',
      ...stages.map((s) => {
        const holder = l.holders[s];
        return holder !== undefined ? displayVersion(holder) : '-';
      }),
    ]),
    ...annotatedOnly,
  ];
}

export function summaryTable(stages: string[], lines: SummaryLine[], style: TableStyle, unregistered: string[] = []): string {
  return renderTable(summaryHeaders(stages), summaryRows(stages, lines, unregistered), style);
}

export const VERSIONS_HEADERS = ['artifact', 'version', 'stage', 'created_at', 'ref'];

export function versionsRows(rows: VersionRow[]): string[][] {
  return rows.map(({ version: v, stages }) => [
    v.artifact,
    displayVersion(v.version),
    stages.map((s) => s.stage).join(', '),
    formatInstant(v.created, ' '),
    v.registered ? v.created.tag : '',
  ]);
}

export function versionsTable(rows: VersionRow[], style: TableStyle): string {
  return renderTable(VERSIONS_HEADERS, versionsRows(rows), style);
}

export const HISTORY_HEADERS = ['timestamp', 'artifact', 'event', 'version', 'stage', 'commit', 'ref'];

export function historyRow(e: RegistryEvent): string[] {
  return [
    formatInstant(e, ' '),
    e.artifact,
    e.kind,
    e.version !== undefined ? displayVersion(e.version) : '-',
    e.stage ?? '-',
    e.commit.slice(0, 7),
    e.tag,
  ];
}

export function historyTable(events: RegistryEvent[], style: TableStyle): string {
  return renderTable(HISTORY_HEADERS, events.map(historyRow), style);
}
