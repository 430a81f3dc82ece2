// Human-readable views of the registry, laid out as GTO's tables.
import { formatInstant, versionAuthor, type RegistryEvent, type SummaryRow, type VersionRow } from '@modelreg/core';
import { renderTable, type TableStyle } from '../table.js';
import { holdersCell } from './gto-json.js';

const SHA_RE = /^[0-9a-f]{40}$/;
/** Unregistered versions are named by their commit: show it short, as GTO does. */
export const displayVersion = (v: string) => (SHA_RE.test(v) ? v.slice(0, 7) : v);

/** Rows of `show`, sorted by name as GTO sorts them; annotated-only artifacts (`*name`) among them. */
export function summaryLines(stages: string[], rows: SummaryRow[], unregistered: string[] = []): string[][] {
  const lines = [
    ...rows.map((r) => ({
      key: r.artifact.name,
      cells: [r.artifact.name, r.latest ? displayVersion(r.latest.version) : '-', ...stages.map((s) => holdersCell(r, s, displayVersion) || '-')],
    })),
    ...unregistered.map((name) => ({ key: name, cells: [`*${name}`, '-', ...stages.map(() => '-')] })),
  ];
  return lines.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((l) => l.cells);
}

export function summaryTable(stages: string[], rows: SummaryRow[], style: TableStyle, unregistered: string[] = []): string {
  return renderTable(['name', 'latest', ...stages.map((s) => `#${s}`)], summaryLines(stages, rows, unregistered), style);
}

export function versionsTable(rows: VersionRow[], style: TableStyle): string {
  return renderTable(
    ['artifact', 'version', 'stage', 'created_at', 'ref'],
    rows.map(({ version: v, stages }) => {
      const author = versionAuthor(v);
      return [v.artifact, displayVersion(v.version), stages.map((s) => s.stage).join(', '), formatInstant(author, ' '), displayVersion(author.ref)];
    }),
    style,
  );
}

export function historyTable(events: RegistryEvent[], style: TableStyle): string {
  return renderTable(
    ['timestamp', 'artifact', 'event', 'version', 'stage', 'commit', 'ref'],
    events.map((e) => [
      formatInstant(e, ' '),
      e.artifact,
      e.kind,
      e.version !== undefined ? displayVersion(e.version) : '-',
      e.stage ?? '-',
      e.commit.slice(0, 7),
      e.tag,
    ]),
    style,
  );
}
