// `modelreg init`: the work is in @modelreg/hooks; this only passes the outside world in, and the
// file this CLI runs from, which tells where it was installed from.
import { fileURLToPath } from 'node:url';
import type { InitOptions } from '@modelreg/hooks';
import type { CommandResult, Io } from '../io.js';

export async function init(io: Io, opts: InitOptions): Promise<CommandResult> {
  return (await import('@modelreg/hooks/init')).init({ cwd: io.cwd, env: io.env }, opts, fileURLToPath(import.meta.url));
}
