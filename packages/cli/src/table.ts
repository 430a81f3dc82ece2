// Tables laid out as GTO prints them (python-tabulate's `fancy_outline` and `plain`):
// a column is as wide as its widest cell or its header + 2, whichever is more. Nothing is truncated.

export type TableStyle = 'grid' | 'plain';

export function renderTable(headers: string[], rows: string[][], style: TableStyle): string {
  const widths = headers.map((h, i) => Math.max(h.length + 2, ...rows.map((r) => (r[i] ?? '').length)));
  const pad = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number));
  if (style === 'plain') {
    return [headers, ...rows].map((r) => pad(r).join('  ').trimEnd()).join('\n') + '\n';
  }
  const rule = (l: string, m: string, r: string, fill: string) => l + widths.map((w) => fill.repeat(w + 2)).join(m) + r;
  const line = (cells: string[]) => '│ ' + pad(cells).join(' │ ') + ' │';
  const out = [rule('╒', '╤', '╕', '═'), line(headers), rule('╞', '╪', '╡', '═')];
  for (const row of rows) out.push(line(row));
  out.push(rule('╘', '╧', '╛', '═'));
  return out.join('\n') + '\n';
}
