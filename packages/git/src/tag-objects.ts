// Tag records from the tag objects themselves, streamed through `git cat-file --batch` (two at once
// for a large registry) into a spool: git starts printing at once (for-each-ref first reads and
// sorts every tag), so the records are parsed while git still reads. Each record is what `for-each-ref --format=tagFormat(false, detail)`
// gives for the same ref; a tag git would print differently (or fail on) is a doubt, never a guess:
// the read answers false and the caller asks for-each-ref.
import { availableParallelism } from 'node:os';
import { spoolGitBytes, streamGitBytes, type GitContext } from './exec.js';
import { signatureStart, stripOneNewline, type TagDetail, type TagRecord } from './parse-refs.js';
import type { TagRefList } from './ref-store.js';

/** A tag the reader will not vouch for: the whole read goes to for-each-ref. */
class Doubt extends Error {}

const NL = 10;
const SPACE = 32;

// A registry of at least twice this many tags is read by two cat-file processes at once (git
// inflating the objects is most of the work, and a second core does half of it); a smaller one by one.
const TAGS_PER_READER = 20_000;

export interface StreamTagObjectsOptions {
  /** Records may come in any order: the second reader's are handed over as they arrive, not held. */
  anyOrder?: boolean;
  /** Tags per cat-file process (see TAGS_PER_READER). */
  tagsPerReader?: number;
}

/**
 * Hand a record per ref (in `refs` order, unless `anyOrder`) to `onRecord`. False when a doubt
 * stopped the read (an object or a tagged object missing, a tagged object of another type than its
 * tag says, an odd tag object); records already handed over are then to be dropped.
 */
export async function streamTagObjects(
  ctx: GitContext,
  refs: TagRefList,
  detail: TagDetail,
  onRecord: (record: TagRecord) => void,
  { anyOrder = false, tagsPerReader = TAGS_PER_READER }: StreamTagObjectsOptions = {},
): Promise<boolean> {
  if (refs.length === 0) return true;
  const targets = new TargetCheck(ctx);
  const half = refs.length >= 2 * tagsPerReader && availableParallelism() > 1 ? Math.ceil(refs.length / 2) : refs.length;
  const first = new BatchParser(refs.slice(0, half), detail, targets, onRecord);
  try {
    if (half === refs.length) {
      await catFile(ctx, refs, (chunk) => first.push(chunk));
      first.end();
    } else {
      // The second half is parsed as it arrives, its records held (unless any order will do)
      // until the first half's are handed over: no time is spent waiting on the slower process.
      let held: TagRecord[] | null = anyOrder ? null : [];
      const second = new BatchParser(refs.slice(half), detail, targets, (record) => (held ? held.push(record) : onRecord(record)));
      const reading = catFile(ctx, refs.slice(half), (chunk) => second.push(chunk));
      reading.catch(() => {}); // awaited below
      await catFile(ctx, refs.slice(0, half), (chunk) => first.push(chunk));
      first.end();
      for (const record of held ?? []) onRecord(record);
      held = null;
      await reading;
      second.end();
    }
    return await targets.confirm();
  } catch (e) {
    targets.abandon();
    if (e instanceof Doubt) return false;
    throw e;
  }
}

/** The objects of `refs`, spooled: git reads at its own speed however long a piece takes to parse. */
function catFile(ctx: GitContext, refs: TagRefList, onChunk: (chunk: Buffer) => void): Promise<void> {
  const objects = Array.from({ length: refs.length }, (_, i) => refs.object(i));
  return spoolGitBytes(ctx, ['cat-file', '--batch', '--buffer'], { input: objects.join('\n') + '\n' }, onChunk);
}

/**
 * Every object a tag names must exist and be of the type the tag says (for-each-ref reads it):
 * checked by a second `git cat-file --batch-check`, fed while the tags are parsed.
 */
class TargetCheck {
  private readonly expected = new Map<string, string>();
  private lastOid = '';
  private lastType = '';
  private pending: string[] = [];
  private feed: ((text: string) => void) | null = null;
  private close: (() => void) | null = null;
  private readonly out: Buffer[] = [];
  private readonly done: Promise<void>;

  constructor(ctx: GitContext) {
    this.done = streamGitBytes(
      ctx,
      ['cat-file', '--batch-check=%(objectname) %(objecttype)', '--buffer'],
      {
        feed: (stdin) => {
          stdin.on('error', () => {});
          this.feed = (text) => stdin.write(text);
          this.close = () => stdin.end();
        },
      },
      (chunk) => this.out.push(chunk),
    );
    this.done.catch(() => {}); // awaited in confirm(); a failure meanwhile is not unhandled
  }

  add(oid: string, type: string): void {
    // An artifact's tags mostly name one commit: the last one is checked without a lookup.
    if (oid === this.lastOid && type === this.lastType) return;
    this.lastOid = oid;
    this.lastType = type;
    const known = this.expected.get(oid);
    if (known === type) return;
    if (known !== undefined) throw new Doubt(); // two tags disagree on one object's type
    this.expected.set(oid, type);
    this.pending.push(oid);
    if (this.pending.length >= 8192) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0 || !this.feed) return;
    this.feed(this.pending.join('\n') + '\n');
    this.pending = [];
  }

  async confirm(): Promise<boolean> {
    this.flush();
    this.close?.();
    await this.done;
    const lines = Buffer.concat(this.out).toString('latin1').split('\n');
    let seen = 0;
    for (const line of lines) {
      if (line === '') continue;
      const space = line.indexOf(' ');
      if (this.expected.get(line.slice(0, space)) !== line.slice(space + 1)) return false; // "OID missing", or another type
      seen++;
    }
    return seen === this.expected.size;
  }

  abandon(): void {
    this.close?.();
  }
}

/**
 * `git cat-file --batch` output, parsed object by object as it arrives. Each piece is read as one
 * latin1 string (its offsets are byte offsets): string searches cost far less than Buffer calls,
 * and only text that may hold UTF-8 (messages, names, identities) is decoded from the bytes.
 */
class BatchParser {
  private index = 0;
  private rest: Buffer | null = null;
  /** Pieces of one large object still arriving, and how many bytes it needs in all. */
  private pieces: Buffer[] = [];
  private piecesLength = 0;
  private needed = 0;
  /** Offset of the next NUL in the piece being parsed (see tag()). */
  private nul = -1;

  constructor(
    private readonly refs: TagRefList,
    private readonly detail: TagDetail,
    private readonly targets: TargetCheck,
    private readonly onRecord: (record: TagRecord) => void,
  ) {}

  /** The next piece of output; it is read during the call only (what is kept is copied). */
  push(chunk: Buffer): void {
    if (this.needed > 0) {
      this.pieces.push(Buffer.from(chunk));
      this.piecesLength += chunk.length;
      if (this.piecesLength < this.needed) return;
      chunk = Buffer.concat(this.pieces, this.piecesLength);
      this.pieces = [];
      this.piecesLength = 0;
      this.needed = 0;
    } else if (this.rest) {
      chunk = Buffer.concat([this.rest, chunk]);
    }
    this.rest = null;
    const text = chunk.toString('latin1');
    this.nul = -1;
    let pos = 0;
    while (pos < text.length) {
      const next = this.object(chunk, text, pos);
      if (next < 0) {
        const rest = Buffer.from(chunk.subarray(pos));
        // A header read and its object still incomplete: wait for all of it before joining pieces.
        if (next < -1) {
          this.needed = -next;
          this.pieces = [rest];
          this.piecesLength = rest.length;
        } else {
          this.rest = rest;
        }
        return;
      }
      pos = next;
    }
  }

  end(): void {
    if (this.rest || this.needed > 0 || this.index !== this.refs.length) throw new Doubt();
  }

  /**
   * Parse the object at `pos`: the position after it, -1 when its header is incomplete, or minus
   * the bytes (from `pos`) the whole object needs when only its header is there.
   */
  private object(buf: Buffer, text: string, pos: number): number {
    const eol = text.indexOf('\n', pos);
    if (eol < 0) return -1;
    const i = this.index;
    if (i >= this.refs.length) throw new Doubt();
    const object = this.refs.object(i);
    const s1 = pos + object.length;
    // "OID TYPE SIZE"; "OID missing" (or anything else) is a doubt.
    if (text.charCodeAt(s1) !== SPACE || !text.startsWith(object, pos)) throw new Doubt();
    const s2 = text.indexOf(' ', s1 + 1);
    if (s2 < 0 || s2 > eol) throw new Doubt();
    let size = 0;
    for (let i = s2 + 1; i < eol; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9 || i - s2 > 15) throw new Doubt();
      size = size * 10 + d;
    }
    if (eol === s2 + 1) throw new Doubt();
    const start = eol + 1;
    const end = start + size;
    if (end + 1 > text.length) return -(end + 1 - pos);
    this.index++;
    const isTag = s2 - s1 === 4 && text.startsWith('tag', s1 + 1);
    const name = this.refs.name(i);
    this.onRecord(isTag ? this.tag(buf, text, start, end, name, object) : notAnnotated(name, object, text.slice(s1 + 1, s2), this.detail));
    return end + 1;
  }

  /** A tag object's record, as for-each-ref prints it (see tagFormat). */
  private tag(buf: Buffer, text: string, start: number, end: number, name: string, object: string): TagRecord {
    // git's C strings stop at NUL. The next NUL of the piece is searched once, not once per tag.
    if (this.nul < start) this.nul = text.indexOf('\0', start) >>> 0; // none: 2^32 - 1, beyond any piece
    if (this.nul < end) throw new Doubt();
    // git's own layout: "object OID", "type TYPE", "tag NAME", then "tagger …" and other headers.
    if (!text.startsWith('object ', start)) throw new Doubt();
    let eol = lineEnd(text, start, end);
    const target = text.slice(start + 7, eol);
    let line = eol + 1;
    if (!text.startsWith('type ', line)) throw new Doubt();
    eol = lineEnd(text, line, end);
    const type = text.slice(line + 5, eol);
    line = eol + 1;
    if (!text.startsWith('tag ', line)) throw new Doubt();
    eol = lineEnd(text, line, end);
    if (eol >= end) throw new Doubt();
    const ownName = eol - line - 4 === name.length && text.startsWith(name, line + 4) ? name : buf.toString('utf8', line + 4, eol);
    this.targets.add(target, type);
    let tagger: TagRecord['tagger'] = null;
    // The rest of the header: the first "tagger " line is the tagger, as for-each-ref finds it.
    for (line = eol + 1; line < end && text.charCodeAt(line) !== NL; line = eol + 1) {
      eol = lineEnd(text, line, end);
      if (tagger === null && text.startsWith('tagger ', line)) tagger = parseTagger(buf, text, line + 7, eol, this.detail);
    }
    const record: TagRecord = { name, annotated: true, object: this.detail === 'full' ? object : '', commit: type === 'commit' ? target : null, ownName, tagger, message: '' };
    if (this.detail === 'full') {
      while (line < end && text.charCodeAt(line) === NL) line++;
      if (line < end) {
        const contents = buf.toString('utf8', line, end);
        const sig = signatureStart(contents);
        record.message = stripOneNewline(sig < contents.length ? contents.slice(0, sig) : contents);
        if (sig < contents.length) record.signature = contents.slice(sig);
      }
    }
    return record;
  }
}

/** A ref to a commit, tree or blob (a lightweight tag): what for-each-ref's record says of it. */
function notAnnotated(name: string, object: string, type: string, detail: TagDetail): TagRecord {
  if (type !== 'commit' && type !== 'tree' && type !== 'blob') throw new Doubt();
  // The light format leaves the object out, so it cannot name a lightweight tag's commit.
  const full = detail === 'full';
  return { name, annotated: false, object: full ? object : '', commit: full && type === 'commit' ? object : null, tagger: null, message: '' };
}

/**
 * "NAME <EMAIL> TIME TZ" as for-each-ref reads it (name up to " <", email within "<>", the date
 * after the first "> "): only the plain layout; any other is a doubt.
 */
function parseTagger(buf: Buffer, text: string, from: number, eol: number, detail: TagDetail): NonNullable<TagRecord['tagger']> {
  const open = text.indexOf(' <', from);
  const close = text.indexOf('> ', from);
  if (open < 0 || open > eol || close < open || close > eol || text.indexOf('>', open) !== close || text.indexOf('<', from) !== open + 1) throw new Doubt();
  const space = text.indexOf(' ', close + 2);
  // "TIME ±HHMM": 1 to 15 digits (git's timestamps fit), a sign and four digits.
  if (space < 0 || eol - space !== 6 || space === close + 2 || space - close - 2 > 15) throw new Doubt();
  let time = 0;
  for (let i = close + 2; i < space; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new Doubt();
    time = time * 10 + d;
  }
  const sign = text.charCodeAt(space + 1);
  let offset = 0;
  for (let i = space + 2; i < eol; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new Doubt();
    offset = offset * 10 + d;
  }
  if (sign !== 43 && sign !== 45) throw new Doubt();
  // git prints the zone as "%+05d" of its value: "-0000" comes out "+0000".
  const tz = sign === 45 && offset !== 0 ? text.slice(space + 1, eol) : `+${text.slice(space + 2, eol)}`;
  const full = detail === 'full';
  return { name: full ? buf.toString('utf8', from, open) : '', email: full ? buf.toString('utf8', open + 2, close) : '', time, tz };
}

function lineEnd(text: string, from: number, end: number): number {
  const eol = text.indexOf('\n', from);
  return eol < 0 || eol > end ? end : eol;
}
