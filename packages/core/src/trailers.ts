// Git trailers (`Key: value` lines at the end of a commit message), parsed exactly as
// `git interpret-trailers --parse` does: a port of the rules in git's trailer.c (and
// `ignore_non_trailer` in commit.c), with git's own notion of whitespace and comments.
//
// What git does, in order:
// 1. Unless `noDivider`, the message ends at the first line starting with `---` followed by
//    whitespace (a patch below a commit message).
// 2. Trailing comment lines (`#`), blank lines, an old `Conflicts:` block and everything after
//    a `# ---…--- >8 ---…---` scissors line are not part of the message.
// 3. The first paragraph is the title and never holds trailers.
// 4. Walking up from the end, the last paragraph is the trailer block if all its lines are
//    trailers (or continuations), or if it has a git-generated one (`Signed-off-by: `,
//    `(cherry picked from commit `) and at least 25% of its lines are trailers.
// 5. In the block, a line starting with whitespace continues the previous trailer; with
//    `--parse` (`--unfold`) the line break and the indentation become one space.
// 6. A trailer is `token: value` where the token is letters, digits and '-' (whitespace may
//    follow it before the ':'); other lines of the block (e.g. `(cherry picked …)`) count
//    toward step 4 but are not returned.

export interface Trailer {
  /** As written (trimmed): compare case-insensitively, as git does. */
  key: string;
  /** Trimmed, continuation lines unfolded into single spaces. */
  value: string;
}

export interface TrailerOptions {
  /** Do not treat a `---` line as the start of a patch (`--no-divider`; what `git log %(trailers)` does). */
  noDivider?: boolean;
  /** `core.commentChar` (default `#`). */
  commentChar?: string;
  /** `trailer.separators` (default `:`). */
  separators?: string;
}

/** Lines whose prefix makes a paragraph a trailer block when ≥ 25% of it are trailers. */
const GIT_GENERATED_PREFIXES = ['Signed-off-by: ', '(cherry picked from commit '];

function isGitGenerated(s: string, at: number): boolean {
  const first = s.charCodeAt(at);
  // 'S' or '(': the first letters of GIT_GENERATED_PREFIXES (most lines are neither).
  return (first === 83 || first === 40) && GIT_GENERATED_PREFIXES.some((p) => s.startsWith(p, at));
}
const CUT_LINE = '------------------------ >8 ------------------------\n';

// git's isspace() is ASCII " \t\n\r" only (sane_ctype), and isalnum() is ASCII letters and digits.
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Start of the line after the one at `i` (the end of the text when it is the last). */
function nextLine(s: string, i: number): number {
  const nl = s.indexOf('\n', i);
  return nl < 0 ? s.length : nl + 1;
}

/** Start of the last line of `s[0, len)` (a final '\n' belongs to it); -1 when len is 0. */
function lastLine(s: string, len: number): number {
  if (len === 0) return -1;
  if (len === 1) return 0;
  return s.lastIndexOf('\n', len - 2) + 1;
}

function isBlankLine(s: string, i: number): boolean {
  while (i < s.length && s.charCodeAt(i) !== 10 && isSpace(s.charCodeAt(i))) i++;
  return i >= s.length || s.charCodeAt(i) === 10;
}

/**
 * Offset of the separator in the line starting at `i`, or -1 when the line is not `token sep`:
 * the token is letters, digits and '-', then optional blanks, then the separator.
 */
function findSeparator(s: string, i: number, separators: string): number {
  let whitespace = false;
  for (let c = i; c < s.length; c++) {
    const ch = s.charCodeAt(c);
    if (separators === ':' ? ch === 58 : separators.includes(s[c] as string)) return c - i;
    if (!whitespace && (isAlnum(ch) || ch === 45)) continue;
    if (c !== i && (ch === 32 || ch === 9)) {
      whitespace = true;
      continue;
    }
    break;
  }
  return -1;
}

function findPatchStart(s: string): number {
  // Only lines starting with '---' matter: jump from one occurrence to the next.
  for (let i = s.indexOf('---'); i >= 0; i = s.indexOf('---', i + 1)) {
    if ((i === 0 || s.charCodeAt(i - 1) === 10) && i + 3 < s.length && isSpace(s.charCodeAt(i + 3))) return i;
  }
  return s.length;
}

/** Where the message ends before a scissors line (`wt_status_locate_end`). */
function locateEnd(s: string, len: number, comment: string): number {
  const pattern = `\n${comment} ${CUT_LINE}`;
  if (s.startsWith(pattern.slice(1))) return 0;
  const p = s.indexOf(pattern);
  return p >= 0 ? p + 1 : len;
}

/** Bytes at the end that are trailing comments, blank lines or an old Conflicts: block. */
function ignoreNonTrailer(s: string, len: number, comment: string): number {
  // Most messages have no comment character and no Conflicts: block: then only the empty lines
  // at the end are ignored (an all-empty message takes the general path below).
  if (s.indexOf(comment) < 0 && s.indexOf('Conflicts:\n') < 0) {
    let r = len;
    while (r > 0 && s.charCodeAt(r - 1) === 10 && (r === 1 || s.charCodeAt(r - 2) === 10)) r--;
    if (r > 0) return len - r;
  }
  let boc = 0;
  let bol = 0;
  let inConflicts = false;
  const cutoff = locateEnd(s, len, comment);
  while (bol < cutoff) {
    let next = s.indexOf('\n', bol);
    next = next < 0 || next >= cutoff ? cutoff : next + 1;
    const first = s[bol];
    if (first === comment || first === '\n') {
      if (!boc) boc = bol;
    } else if (s.startsWith('Conflicts:\n', bol)) {
      inConflicts = true;
      if (!boc) boc = bol;
    } else if (inConflicts && first === '\t') {
      // a path in the conflicts block
    } else if (boc) {
      boc = 0;
      inConflicts = false;
    }
    bol = next;
  }
  return boc ? len - boc : len - cutoff;
}

/** Start of the trailer block in `s[0, len)`, or `len` when there is none (`find_trailer_start`). */
function findTrailerStart(s: string, len: number, comment: string, separators: string): number {
  let onlySpaces = true;
  let recognizedPrefix = false;
  let trailerLines = 0;
  let nonTrailerLines = 0;
  // Lines starting with whitespace: continuations of a trailer above, else non-trailers.
  let possibleContinuationLines = 0;

  let s0 = 0;
  for (; s0 < len; s0 = nextLine(s, s0)) {
    if (s[s0] === comment) continue;
    if (isBlankLine(s, s0)) break;
  }
  const endOfTitle = s0;

  for (let l = lastLine(s, len); l >= endOfTitle; l = lastLine(s, l)) {
    if (s[l] === comment) {
      nonTrailerLines += possibleContinuationLines;
      possibleContinuationLines = 0;
      continue;
    }
    if (isBlankLine(s, l)) {
      if (onlySpaces) continue;
      nonTrailerLines += possibleContinuationLines;
      if (recognizedPrefix && trailerLines * 3 >= nonTrailerLines) return nextLine(s, l);
      if (trailerLines && !nonTrailerLines) return nextLine(s, l);
      return len;
    }
    onlySpaces = false;
    if (isGitGenerated(s, l)) {
      trailerLines++;
      possibleContinuationLines = 0;
      recognizedPrefix = true;
      continue;
    }
    const sep = findSeparator(s, l, separators);
    if (sep >= 1 && !isSpace(s.charCodeAt(l))) {
      trailerLines++;
      possibleContinuationLines = 0;
    } else if (isSpace(s.charCodeAt(l))) {
      possibleContinuationLines++;
    } else {
      nonTrailerLines++;
      nonTrailerLines += possibleContinuationLines;
      possibleContinuationLines = 0;
    }
  }
  return len;
}

/** git's strbuf_trim: its whitespace only, both ends. */
function trim(s: string): string {
  if (s.length === 0 || (!isSpace(s.charCodeAt(0)) && !isSpace(s.charCodeAt(s.length - 1)))) return s;
  let a = 0;
  let b = s.length;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  return s.slice(a, b);
}

/** A line break and the indentation after it become one space. */
function unfold(value: string): string {
  if (!value.includes('\n')) return value;
  let out = '';
  for (let i = 0; i < value.length; ) {
    const c = value[i++] as string;
    if (c === '\n') {
      while (i < value.length && isSpace(value.charCodeAt(i))) i++;
      out += ' ';
    } else out += c;
  }
  return trim(out);
}

export interface TrailerBlock {
  /** Offset in the message where the trailer block starts (= end when there is none). */
  start: number;
  /** Offset where it ends (before trailing comments, blank lines, a patch). */
  end: number;
  /** The block's lines with continuations joined (each still ending in its '\n'). */
  lines: string[];
}

interface Located {
  s: string;
  start: number;
  end: number;
  comment: string;
  separators: string;
}

function locate(message: string, opts: TrailerOptions): Located {
  const comment = opts.commentChar ?? '#';
  const separators = opts.separators ?? ':';
  const nul = message.indexOf('\0');
  const s = nul >= 0 ? message.slice(0, nul) : message; // git reads the message as a C string
  const patchStart = opts.noDivider ? s.length : findPatchStart(s);
  const end = patchStart - ignoreNonTrailer(s, patchStart, comment);
  return { s, start: findTrailerStart(s, end, comment, separators), end, comment, separators };
}

/**
 * Walk the logical lines of the block (a trailer line with the continuation lines after it):
 * `visit(lineStart, separatorOffset, lineEnd)`, the offset -1 for lines that are not trailers.
 */
function eachLine(b: Located, visit: (start: number, sep: number, stop: number) => void): void {
  const { s, end, separators } = b;
  const lineEnd = (from: number) => {
    const nl = s.indexOf('\n', from);
    return nl < 0 || nl >= end ? end : nl + 1;
  };
  for (let i = b.start; i < end; ) {
    let stop = lineEnd(i);
    // The separator is always on the first line: findSeparator stops at its '\n'.
    const sep = findSeparator(s, i, separators);
    if (sep >= 1) while (stop < end && isSpace(s.charCodeAt(stop))) stop = lineEnd(stop);
    visit(i, sep, stop);
    i = stop;
  }
}

/** Where the trailer block of `message` is, and its logical lines (git's `trailer_info_get`). */
export function trailerBlock(message: string, opts: TrailerOptions = {}): TrailerBlock {
  const b = locate(message, opts);
  const lines: string[] = [];
  eachLine(b, (start, _sep, stop) => lines.push(b.s.slice(start, stop)));
  return { start: b.start, end: b.end, lines };
}

/**
 * The trailers of a commit message, in order, exactly as `git interpret-trailers --parse`
 * prints them (`--no-divider` with `noDivider`). Keys keep their spelling.
 */
export function parseTrailers(message: string, opts: TrailerOptions = {}): Trailer[] {
  const b = locate(message, opts);
  const trailers: Trailer[] = [];
  if (b.start >= b.end) return trailers;
  const { s, comment } = b;
  eachLine(b, (start, sep, stop) => {
    if (sep < 1 || s[start] === comment) return;
    trailers.push({ key: trim(s.slice(start, start + sep)), value: unfold(trim(s.slice(start + sep + 1, stop))) });
  });
  return trailers;
}

/** The subject of a commit message: its first paragraph joined into one line (as git's %s). */
export function commitSubject(message: string): string {
  let subject = '';
  let started = false;
  for (let i = 0; i < message.length; ) {
    let end = message.indexOf('\n', i);
    if (end < 0) end = message.length;
    const line = message.slice(i, end).trim();
    i = end + 1;
    if (line === '') {
      if (started) break;
      continue;
    }
    subject = started ? `${subject} ${line}` : line;
    started = true;
  }
  return subject;
}

export * from './trailers-model.js';
export * from './trailers-bump.js';
