// The one place that turns a failure into text and an exit code: a line for the user's mistakes,
// a stack only for the unexpected.
import { CommanderError } from 'commander';
import { isModelregError } from '@modelreg/core';
import { GitError, RepoNotFoundError } from '@modelreg/git';
import type { Io } from './io.js';

export function reportError(e: unknown, io: Io): number {
  if (e instanceof CommanderError) {
    // Commander has already printed its message (help, version, usage errors).
    return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
  }
  if (isModelregError(e)) {
    io.stderr.write(`modelreg: ${e.message}${e.hint ? ` — ${e.hint}` : ''}\n`);
    return e.exitCode;
  }
  if (e instanceof GitError || e instanceof RepoNotFoundError) {
    io.stderr.write(`modelreg: ${e.message}\n`);
    return 1;
  }
  io.stderr.write(`modelreg: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return 70;
}
