// The tag refs of a repository read from its files (`packed-refs` and loose refs under refs/tags),
// as git's files backend stores them: no git process, and no tag object read. Anything this
// reader does not know for certain (a reftable repository, a symbolic or odd ref, names git might
// reject, refs moving during the read) answers null, and the caller asks git instead.
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface TagRefEntry {
  /** Without "refs/tags/". */
  name: string;
  /** What the ref points at (a tag object, or a commit for a lightweight tag). */
  object: string;
}

const TAGS_PREFIX = 'refs/tags/';
const HEX = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const byName = (a: TagRefEntry, b: TagRefEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
// Loose ref names this reader accepts as git does (check_refname_format accepts more; those go to git).
const SAFE_NAME = /^[A-Za-z0-9_.@#=+-]+(?:\/[A-Za-z0-9_.@#=+-]+)*$/;

/** The tag ref files of a repository as read at one moment. */
export interface TagRefFiles {
  /** Digest of what was read (packed-refs whole, and every loose tag ref): equal digests, equal tag refs. */
  digest(): string;
  /** Every tag ref, in git's order (byte order of the full ref name); null when one is not plain. */
  refs(): TagRefEntry[] | null;
}

/**
 * The tag ref files under `commonDir` (the repository's common git directory), or null when they
 * say anything this reader is not sure of. The refs are parsed, and the digest computed, only when
 * asked for: a caller that finds the digest unchanged needs no refs, and one that reads the tags
 * needs no digest.
 */
export async function readTagRefFiles(commonDir: string): Promise<TagRefFiles | null> {
  if (await exists(join(commonDir, 'reftable'))) return null;
  const packedPath = join(commonDir, 'packed-refs');
  for (let attempt = 0; attempt < 2; attempt++) {
    const before = await stamp(packedPath);
    const loose = await readLooseTags(join(commonDir, 'refs', 'tags'), '');
    if (loose === null) return null;
    const packed = await readFile(packedPath).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? Buffer.alloc(0) : null));
    // `git pack-refs` moves loose refs into packed-refs and deletes them: read again if it ran meanwhile.
    if (packed === null || (await stamp(packedPath)) !== before) continue;
    // Names are compared as JS strings: only ASCII ones sort as git sorts their bytes.
    if (!isAscii(packed)) return null;
    return {
      digest() {
        const hash = createHash('sha256').update(packed);
        for (const [name, object] of [...loose].sort()) hash.update(`\0${object} ${name}`);
        return hash.digest('hex');
      },
      refs() {
        const entries = parsePackedTags(packed.toString('latin1'));
        return entries && merge(entries, loose);
      },
    };
  }
  return null;
}

/** The tag lines of a packed-refs file (ASCII), sorted; null for anything but `OID NAME` lines. */
export function parsePackedTags(text: string): TagRefEntry[] | null {
  if (text === '') return [];
  const entries: TagRefEntry[] = [];
  let sorted = false;
  let pos = 0;
  if (text.startsWith('# pack-refs with:')) {
    const end = text.indexOf('\n');
    if (end < 0) return null;
    sorted = ` ${text.slice(0, end)} `.includes(' sorted ');
    pos = end + 1;
  }
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const c = text.charCodeAt(pos);
    if (c !== 94 /* ^ peeled value of the line before */) {
      const space = text.indexOf(' ', pos);
      if (space < 0 || space > end) return null;
      if (text.startsWith(TAGS_PREFIX, space + 1)) {
        // Its length only: cat-file, which reads it next, names the object it found (a doubt if not this).
        if (space - pos !== 40 && space - pos !== 64) return null;
        entries.push({ name: text.slice(space + 1 + TAGS_PREFIX.length, end), object: text.slice(pos, space) });
      }
    }
    pos = end + 1;
  }
  if (!sorted) entries.sort(byName);
  return entries;
}

/** Loose refs under `dir` (names prefixed `prefix`), or null for a ref this reader cannot vouch for. */
async function readLooseTags(dir: string, prefix: string): Promise<Map<string, string> | null> {
  const found = new Map<string, string>();
  let items;
  try {
    items = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? found : null;
  }
  for (const item of items) {
    const name = prefix + item.name;
    if (item.isDirectory()) {
      const inner = await readLooseTags(join(dir, item.name), `${name}/`);
      if (inner === null) return null;
      for (const [k, v] of inner) found.set(k, v);
      continue;
    }
    // git skips its own lock files; any other odd name (or a symlink) is git's to judge.
    if (item.name.endsWith('.lock')) continue;
    if (!item.isFile() || !SAFE_NAME.test(name) || /(?:^|\/)\.|\.\.|\.$/.test(name)) return null;
    const content = await readFile(join(dir, item.name), 'latin1').catch(() => null);
    const object = content?.endsWith('\n') ? content.slice(0, -1) : content;
    if (object === null || object === undefined || !HEX.test(object)) return null;
    found.set(name, object);
  }
  return found;
}

/** Packed entries with loose refs taking precedence (git's rule), in name order: one merge pass. */
function merge(packed: TagRefEntry[], loose: Map<string, string>): TagRefEntry[] {
  if (loose.size === 0) return packed;
  const extra = [...loose].map(([name, object]) => ({ name, object })).sort(byName);
  const out: TagRefEntry[] = [];
  let i = 0;
  for (const entry of extra) {
    while (i < packed.length && (packed[i] as TagRefEntry).name < entry.name) out.push(packed[i++] as TagRefEntry);
    if (i < packed.length && (packed[i] as TagRefEntry).name === entry.name) i++;
    out.push(entry);
  }
  while (i < packed.length) out.push(packed[i++] as TagRefEntry);
  return out;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** What tells a rewritten file apart: inode, size and modification time. */
async function stamp(path: string): Promise<string> {
  const s = await stat(path, { bigint: true }).catch(() => null);
  return s === null ? 'none' : `${s.ino} ${s.size} ${s.mtimeNs}`;
}
