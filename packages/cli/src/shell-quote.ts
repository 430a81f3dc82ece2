// Quote a word for a POSIX shell the way Python's shlex.quote does (GTO ≥ 1.10 push hints).
export function shellQuote(word: string): string {
  if (word === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}
