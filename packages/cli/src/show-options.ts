// What `show` takes from its command line: main.ts maps commander's option values with
// showOptions, and quick.ts builds the same values for the forms it answers without commander.
import type { ShowOptions } from './commands/show.js';

/** The option values commander gives `show` for the options its command line leaves out. */
export const SHOW_DEFAULTS = { vs: 1, av: -1, sort: 'timestamp', cache: true } as const;

/** `show`'s option values, as commander parses them (`--vs` → vs, `--no-cache` → cache…). */
export interface ShowValues {
  deprecated?: boolean;
  vs: number;
  av: number;
  registeredOnly?: boolean;
  [option: string]: unknown;
}

/** `show`'s options from the option values of its command line. */
export function showOptions(o: ShowValues): ShowOptions {
  return { ...o, all: o.deprecated === true, versionsPerStage: o.vs, assignmentsPerVersion: o.av, registeredOnly: o.registeredOnly === true } as ShowOptions;
}
