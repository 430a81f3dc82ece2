// `modelreg init`: the work is in @modelreg/hooks; this only passes the outside world in.
import type { InitOptions } from '@modelreg/hooks';
import type { CommandResult, Io } from '../io.js';
import { VERSION } from '../version.js';

export async function init(io: Io, opts: InitOptions): Promise<CommandResult> {
  return (await import('@modelreg/hooks/init')).init({ cwd: io.cwd, env: io.env }, opts, VERSION);
}
