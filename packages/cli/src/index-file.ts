// The files modelreg keeps in a repository's git directory (<common dir>/modelreg/, never
// committed): a JSON header line, then named parts, each ending in a newline (the last may hold
// lines of its own). The header holds the fields its reader checks (format, modelreg's version…)
// and, under each part's name, that part's digest: a part is believed only when it matches it.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '@modelreg/git';

const NL = 10;
const NEWLINE = Buffer.from('\n');

/** An index file as read: its header, and each part that is what the header's digest says. */
export interface IndexFile {
  header: Record<string, unknown>;
  /** The part `name`'s bytes; null when they do not match its digest. */
  part(name: string): Buffer | null;
}

/** Where the index file of `kind` kept for `key` lives: <common dir>/modelreg/KIND-DIGEST.json. */
export function indexFilePath(commonDir: string, kind: string, key: string): string {
  return join(commonDir, 'modelreg', `${kind}-${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`);
}

/**
 * `bytes` (null: no file) as an index file of the parts `names`, in order, whose header holds
 * `expected` (its format, modelreg's version…); null when it is not one.
 */
export function parseIndexFile(bytes: Buffer | null, names: string[], expected: Record<string, unknown>): IndexFile | null {
  if (!bytes || bytes[bytes.length - 1] !== NL) return null;
  let end = bytes.indexOf(NL);
  const header = parseJson(bytes.toString('utf8', 0, end));
  if (typeof header !== 'object' || header === null) return null;
  if (Object.entries(expected).some(([field, value]) => (header as Record<string, unknown>)[field] !== value)) return null;
  const spans = new Map<string, [number, number]>();
  for (const [i, name] of names.entries()) {
    const from = end + 1;
    end = i === names.length - 1 ? bytes.length - 1 : bytes.indexOf(NL, from);
    if (end < from) return null;
    spans.set(name, [from, end]);
  }
  const fields = header as Record<string, unknown>;
  return {
    header: fields,
    part(name) {
      const span = spans.get(name);
      const part = span && bytes.subarray(span[0], span[1]);
      return part && digestOf(part) === fields[name] ? part : null;
    },
  };
}

/**
 * Write `fields` and `parts` as an index file, replaced whole (temp file + rename): readers see
 * the old file or the new one. One that cannot be written costs the next run its work, nothing else.
 */
export async function writeIndexFile(file: string, fields: Record<string, unknown>, parts: [name: string, bytes: Buffer][]): Promise<void> {
  const header = JSON.stringify({ ...fields, ...Object.fromEntries(parts.map(([name, bytes]) => [name, digestOf(bytes)])) });
  // Written piece by piece: the registry index's parts are megabytes, not worth copying into one.
  const pieces = [Buffer.from(`${header}\n`), ...parts.flatMap(([, bytes]) => [bytes, NEWLINE])];
  try {
    mkdirSync(dirname(file), { recursive: true });
    await writeFileAtomic(file, pieces);
  } catch {
    // not written: the next run computes it again
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function digestOf(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex');
}
