// Files the user names for a command's output (`--output`, `$GITHUB_OUTPUT`…): a failure to write
// one is a line naming it and the reason, never a stack trace.
import { appendFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ModelregError, fileSystemReason } from '@modelreg/core';

/**
 * Write `text` to `path` (from `cwd`), or append it with `append`. `what` names the file in an
 * error when the user gave it indirectly, e.g. "$GITHUB_OUTPUT (/runner/out)".
 */
export async function writeOutputFile(cwd: string, path: string, text: string, opts: { append?: boolean; what?: string } = {}): Promise<void> {
  if (path === '') throw new ModelregError('usage', `${opts.what ?? 'the output file'} is empty`, { hint: 'give a file name', exitCode: 2 });
  try {
    await (opts.append ? appendFile : writeFile)(resolve(cwd, path), text);
  } catch (e) {
    const why = fileSystemReason(e) ?? (e as Error).message;
    throw new ModelregError('output-failed', `cannot write ${opts.what ?? path}: ${why}`, { hint: 'give a path in an existing, writable directory' });
  }
}
