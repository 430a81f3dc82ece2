// Human-readable views of the registry, laid out as GTO's tables.
import { displayVersion, formatInstant, versionAuthor, type RegistryEvent, type SummaryLine, type VersionRow } from '@modelreg/core';
import { renderTable, type TableStyle } from '../table.js';
import { holdersCell } from './gto-json.js';

/** Tables of several registries: a `repo` column first. */
export const withRepo = (repo: string, rows: string[][]) => rows.map((row) => [repo, ...row]);

export const summaryHeaders = (stages: string[]) => ['name', 'latest', ...stages.map((s) => `#${s}`)];

/** Rows of `show`, sorted by name as GTO sorts them; annotated-only artifacts (`*name`) among them. */
export function summaryRows(stages: string[], lines: SummaryLine[], unregistered: string[] = []): string[][] {
  const rows = [
    ...lines.map((l) => ({
      key: l.name,
      cells: [l.name, l.latest !== null ? displayVersion(l.latest) : '-', ...stages.map((s) => holdersCell(l, s, displayVersion) || '-')],
    })),
    ...unregistered.map((name) => ({ key: name, cells: [`*${name}`, '-', ...stages.map(() => '-')] })),
  ];
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((l) => l.cells);
}

export function summaryTable(stages: string[], lines: SummaryLine[], style: TableStyle, unregistered: string[] = []): string {
  return renderTable(summaryHeaders(stages), summaryRows(stages, lines, unregistered), style);
}

export const VERSIONS_HEADERS = ['artifact', 'version', 'stage', 'created_at', 'ref'];

export function versionsRows(rows: VersionRow[]): string[][] {
  return rows.map(({ version: v, stages }) => {
    const author = versionAuthor(v);
    return [v.artifact, displayVersion(v.version), stages.map((s) => s.stage).join(', '), formatInstant(author, ' '), displayVersion(author.ref)];
  });
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
