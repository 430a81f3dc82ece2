// A commit message as the rules read it: git's comment stripping and trailer rules (core's
// parseTrailers), never conventional-commits-parser's notes, which do not know trailers.
import { commitSubject, modelTrailers, parseTrailers, type ModelTrailers } from '@modelreg/core';

/** What commitlint hands a rule; only the raw message is used. */
export interface ParsedCommit {
  raw?: string | null;
  header?: string | null;
}

/** The characters git tries, in order, for `core.commentChar=auto`. */
const AUTO_COMMENT_CHARS = '#;@!$%^&|:';

/** The comment character git uses for `message`: `auto` picks the first one no line starts with. */
export function resolveCommentChar(setting: string | undefined, message: string): string {
  if (!setting) return '#';
  if (setting !== 'auto') return setting;
  const starts = new Set(message.split('\n').map((l) => l.trimStart()[0]));
  for (const c of AUTO_COMMENT_CHARS) if (!starts.has(c)) return c;
  return '#';
}

/** Lines starting with the comment character removed, as `git commit` does (cleanup=strip). */
export function stripComments(message: string, commentChar: string): string {
  return message
    .split('\n')
    .filter((l) => !l.startsWith(commentChar))
    .join('\n');
}

export type MessageKind = 'merge' | 'fixup' | 'revert' | 'normal';

/**
 * Messages that should not be asked for `Model:`: merges (their change comes from the merged
 * branch), `fixup!`/`squash!`/`amend!` (folded into a commit that has its trailers), reverts.
 */
export function messageKind(subject: string): MessageKind {
  if (/^Merge( |$)/.test(subject) || /^Merged /.test(subject) || /^Auto-merged /.test(subject)) return 'merge';
  if (/^(fixup|squash|amend)! /.test(subject)) return 'fixup';
  if (/^(Revert|Reapply) /.test(subject)) return 'revert';
  return 'normal';
}

export interface ReadMessage {
  subject: string;
  kind: MessageKind;
  trailers: ModelTrailers;
}

/** Subject, kind and model trailers of the raw message commitlint parsed. */
export function readMessage(parsed: ParsedCommit, commentChar = '#'): ReadMessage {
  const raw = parsed.raw ?? '';
  const comment = resolveCommentChar(commentChar, raw);
  const subject = commitSubject(stripComments(raw, comment));
  return { subject, kind: messageKind(subject), trailers: modelTrailers(parseTrailers(raw, { commentChar: comment })) };
}
