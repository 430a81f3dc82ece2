export { main } from './main.js';
export type { Io, CommandResult } from './io.js';
