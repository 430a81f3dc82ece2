// The one place that turns a failure into text and an exit code: a line for the user's mistakes,
// a stack only for the unexpected.
import { isAbsolute, relative, resolve } from 'node:path';
import { CommanderError } from 'commander';
import { escapeControls, fileSystemReason, isModelregError } from '@modelreg/core';
import { GitError, RepoNotFoundError } from '@modelreg/git';
import type { Io } from './io.js';

export function reportError(e: unknown, io: Io): number {
  // Messages quote the user's arguments and git's output: one visible line, whatever they hold.
  const say = (line: string) => io.stderr.write(`modelreg: ${escapeControls(line)}\n`);
  if (e instanceof CommanderError) {
    // Commander has already printed its message (help, version, usage errors).
    return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
  }
  if (isModelregError(e)) {
    say(`${e.message}${e.hint ? ` — ${e.hint}` : ''}`);
    return e.exitCode;
  }
  if (e instanceof GitError || e instanceof RepoNotFoundError) {
    say(e.message);
    return 1;
  }
  const fsError = fileSystemProblem(e, io.cwd);
  if (fsError) {
    say(fsError);
    return 1;
  }
  io.stderr.write(`modelreg: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return 70;
}

/** A file-system refusal (a read-only disk, a file where a folder must be…), naming the file when known. */
function fileSystemProblem(e: unknown, cwd: string): string | null {
  const reason = fileSystemReason(e);
  if (!reason) return null;
  const path = (e as NodeJS.ErrnoException).path;
  return `${typeof path === 'string' ? `${shownPath(cwd, path)}: ` : ''}${reason} — fix it, then run the command again`;
}

/** A path as the user would recognise it: from the current directory when inside it, else in full. */
function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? resolve(cwd, path) : rel;
}
