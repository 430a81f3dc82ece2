// The tag refs of a repository read from its files (`packed-refs` and loose refs under refs/tags),
// as git's files backend stores them: no git process, and no tag object read. Anything this
// reader does not know for certain (a reftable repository, a symbolic or odd ref, names git might
// reject, refs moving during the read) answers null, and the caller asks git instead.
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Tag refs in git's order, read where they lie in one text (packed-refs' `OBJECT refs/tags/NAME`
 * lines, then `OBJECT NAME` lines of the loose refs): four offsets a ref, no object per ref. A
 * registry's 100,000 refs live as long as its read; as 300,000 small objects they cost the
 * garbage collector more than parsing them does.
 */
export class TagRefList {
  readonly length: number;

  constructor(
    readonly text: string,
    /** Of ref i: where its object starts and ends, where its name starts and ends (at[4i…4i+3]). */
    readonly at: Int32Array,
  ) {
    this.length = at.length >> 2;
  }

  /** Ref i's name, without "refs/tags/". */
  name(i: number): string {
    return this.text.slice(this.at[4 * i + 2], this.at[4 * i + 3]);
  }

  /** What ref i points at (a tag object, or a commit for a lightweight tag). */
  object(i: number): string {
    return this.text.slice(this.at[4 * i], this.at[4 * i + 1]);
  }

  slice(from: number, to = this.length): TagRefList {
    return new TagRefList(this.text, this.at.subarray(4 * from, 4 * to));
  }

  /** The refs whose names `keep` keeps, in order. */
  filter(keep: (name: string) => boolean): TagRefList {
    const out = new Int32Array(this.at.length);
    let n = 0;
    for (let i = 0; i < this.length; i++) if (keep(this.name(i))) out.set(this.at.subarray(4 * i, 4 * i + 4), 4 * n++);
    return new TagRefList(this.text, out.subarray(0, 4 * n));
  }
}

const TAGS_PREFIX = 'refs/tags/';
const HEX = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
// Loose ref names this reader accepts as git does (check_refname_format accepts more; those go to git).
const SAFE_NAME = /^[A-Za-z0-9_.@#=+-]+(?:\/[A-Za-z0-9_.@#=+-]+)*$/;

/** The tag ref files of a repository as read at one moment. */
export interface TagRefFiles {
  /** Digest of what was read (packed-refs whole, and every loose tag ref): equal digests, equal tag refs. */
  digest(): string;
  /** Every tag ref, in git's order (byte order of the full ref name); null when one is not plain. */
  refs(): TagRefList | null;
  /**
   * What the digest is of, as it was read: packed-refs whole, then each loose tag ref as
   * "\0OBJECT NAME", in name order. Two listings tell which tags changed (changedTagNames).
   */
  listing(): Buffer;
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
    const looseListing = () => Buffer.from([...loose].sort().map(([name, object]) => `\0${object} ${name}`).join(''), 'latin1');
    return {
      digest() {
        return createHash('sha256').update(packed).update(looseListing()).digest('hex');
      },
      listing() {
        return loose.size === 0 ? packed : Buffer.concat([packed, looseListing()]);
      },
      refs() {
        const entries = parsePackedTags(packed.toString('latin1'));
        return entries && merge(entries, loose);
      },
    };
  }
  return null;
}

const NL = 10;
const NUL = 0;
const SPACE = 32;
// Bytes of two packed-refs files compared at once while they are equal: ~60 lines.
const BLOCK = 4096;

/**
 * The names of the tags (without "refs/tags/") whose refs differ between two listings of
 * TagRefFiles, as git reads them (a loose ref over a packed one). The packed parts are walked side
 * by side, what is equal a block at a time: an unchanged packed-refs costs a comparison of its
 * bytes. A loose ref that came or went over a packed ref of the same tag is named (its packed value
 * is not looked up). Null when a packed-refs file is not sorted.
 */
export function changedTagNames(before: Buffer, after: Buffer): string[] | null {
  const [packedBefore, looseBefore] = splitListing(before);
  const [packedAfter, looseAfter] = splitListing(after);
  if (!isSortedPacked(packedBefore) || !isSortedPacked(packedAfter)) return null;
  // Tags whose packed line changed: their object before and after (undefined: no line).
  const packed = new Map<string, [string | undefined, string | undefined]>();
  const note = (line: RefLine, side: 0 | 1) => {
    if (!line.ref.startsWith(TAGS_PREFIX)) return;
    const name = line.ref.slice(TAGS_PREFIX.length);
    const objects = packed.get(name) ?? [undefined, undefined];
    objects[side] = line.object;
    packed.set(name, objects);
  };
  let p = 0;
  let q = 0;
  if (packedBefore.equals(packedAfter)) p = q = packedBefore.length;
  while (p < packedBefore.length && q < packedAfter.length) {
    // From two line starts, the same bytes: skip them, then go back to the start of the line that differs.
    let same = 0;
    while (p + same + BLOCK <= packedBefore.length && q + same + BLOCK <= packedAfter.length && packedBefore.compare(packedAfter, q + same, q + same + BLOCK, p + same, p + same + BLOCK) === 0) same += BLOCK;
    const lineStart = same === 0 ? p : packedBefore.lastIndexOf(NL, p + same - 1) + 1;
    q += lineStart - p;
    p = lineStart;
    const a = refLineAt(packedBefore, p);
    const b = refLineAt(packedAfter, q);
    if (!a || !b) {
      if (!a) p = packedBefore.length;
      if (!b) q = packedAfter.length;
      break;
    }
    if (a.ref <= b.ref) p = a.end + 1;
    if (b.ref <= a.ref) q = b.end + 1;
    if (a.ref === b.ref && a.object === b.object) continue;
    if (a.ref <= b.ref) note(a, 0);
    if (b.ref <= a.ref) note(b, 1);
  }
  for (let line = refLineAt(packedBefore, p); line; line = refLineAt(packedBefore, line.end + 1)) note(line, 0);
  for (let line = refLineAt(packedAfter, q); line; line = refLineAt(packedAfter, line.end + 1)) note(line, 1);
  const looseThen = looseRefs(looseBefore);
  const looseNow = looseRefs(looseAfter);
  const candidates = new Set(packed.keys());
  for (const [name, object] of looseThen) if (looseNow.get(name) !== object) candidates.add(name);
  for (const name of looseNow.keys()) if (!looseThen.has(name)) candidates.add(name);
  // What git reads of each: the loose ref, else the packed one. A packed line that did not change
  // was not looked up (''): the same before and after, so a loose ref over it that came or went counts.
  return [...candidates].filter((name) => {
    const [packedThen, packedNow] = packed.get(name) ?? ['', ''];
    return (looseThen.get(name) ?? packedThen) !== (looseNow.get(name) ?? packedNow);
  });
}

interface RefLine {
  /** The full ref name. */
  ref: string;
  object: string;
  /** Where the line ends in the file (its newline's place). */
  end: number;
}

/** A listing's packed-refs part and its loose part ("\0OBJECT NAME"…; packed-refs holds no NUL). */
function splitListing(listing: Buffer): [Buffer, Buffer] {
  const nul = listing.indexOf(NUL);
  return nul < 0 ? [listing, Buffer.alloc(0)] : [listing.subarray(0, nul), listing.subarray(nul)];
}

function isSortedPacked(packed: Buffer): boolean {
  if (packed.length === 0) return true;
  const end = packed.indexOf(NL);
  const header = packed.toString('latin1', 0, end < 0 ? packed.length : end);
  return header.startsWith('# pack-refs with:') && ` ${header} `.includes(' sorted ');
}

/** The next ref line of packed-refs from `pos`, peeled values and the header skipped. */
function refLineAt(packed: Buffer, pos: number): RefLine | null {
  while (pos < packed.length) {
    let end = packed.indexOf(NL, pos);
    if (end < 0) end = packed.length;
    const c = packed[pos];
    if (c !== 94 /* ^ */ && c !== 35 /* # */) {
      let space = packed.indexOf(SPACE, pos);
      if (space < 0 || space > end) space = end;
      return { ref: packed.toString('latin1', Math.min(space + 1, end), end), object: packed.toString('latin1', pos, space), end };
    }
    pos = end + 1;
  }
  return null;
}

function looseRefs(part: Buffer): Map<string, string> {
  const refs = new Map<string, string>();
  for (const entry of part.toString('latin1').split('\0')) {
    const space = entry.indexOf(' ');
    if (space > 0) refs.set(entry.slice(space + 1), entry.slice(0, space));
  }
  return refs;
}

/** The tag lines of a packed-refs file (ASCII), sorted; null for anything but `OID NAME` lines. */
export function parsePackedTags(text: string): TagRefList | null {
  if (text === '') return new TagRefList(text, new Int32Array(0));
  let at = new Int32Array(4096);
  let n = 0;
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
        if (4 * n === at.length) {
          const grown = new Int32Array(at.length * 2);
          grown.set(at);
          at = grown;
        }
        at.set([pos, space, space + 1 + TAGS_PREFIX.length, end], 4 * n++);
      }
    }
    pos = end + 1;
  }
  const refs = new TagRefList(text, at.subarray(0, 4 * n));
  return sorted ? refs : sortedByName(refs);
}

/** `refs` in name order (a packed-refs file that does not say it is sorted). */
function sortedByName(refs: TagRefList): TagRefList {
  const order = Array.from({ length: refs.length }, (_, i) => i).sort((a, b) => (refs.name(a) < refs.name(b) ? -1 : refs.name(a) > refs.name(b) ? 1 : 0));
  const at = new Int32Array(refs.at.length);
  for (const [k, i] of order.entries()) at.set(refs.at.subarray(4 * i, 4 * i + 4), 4 * k);
  return new TagRefList(refs.text, at);
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

/**
 * Packed entries with loose refs taking precedence (git's rule), in name order. The loose refs'
 * lines are appended to the packed text; each is put in its place by a binary search.
 */
function merge(packed: TagRefList, loose: Map<string, string>): TagRefList {
  if (loose.size === 0) return packed;
  const names = [...loose.keys()].sort();
  const text = `${packed.text}\n${names.map((name) => `${loose.get(name) as string} ${name}`).join('\n')}`;
  const at = new Int32Array(packed.at.length + 4 * names.length);
  let n = 0; // refs in `at`
  let i = 0; // packed refs taken
  let pos = packed.text.length + 1;
  for (const name of names) {
    const place = firstNotBefore(packed, name, i);
    at.set(packed.at.subarray(4 * i, 4 * place), 4 * n);
    n += place - i;
    i = place < packed.length && packed.name(place) === name ? place + 1 : place;
    const object = loose.get(name) as string;
    at.set([pos, pos + object.length, pos + object.length + 1, pos + object.length + 1 + name.length], 4 * n++);
    pos += object.length + name.length + 2;
  }
  at.set(packed.at.subarray(4 * i), 4 * n);
  n += packed.length - i;
  return new TagRefList(text, at.subarray(0, 4 * n));
}

/** The first ref of `refs` from `from` on whose name is not before `name` (`refs` in name order). */
function firstNotBefore(refs: TagRefList, name: string, from: number): number {
  let lo = from;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (refs.name(mid) < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
