// How CI systems take values from a step: GitHub's $GITHUB_OUTPUT file and GitLab's dotenv
// artifact. Pure: values in, file text out.
import { randomUUID } from 'node:crypto';

/** The registry event of a pushed tag, as iterative/gto-action names its outputs ('' when none). */
export interface EventOutputs {
  event: string;
  name: string;
  version: string;
  stage: string;
  type: string;
  path: string;
  description: string;
}

export const OUTPUT_NAMES: readonly (keyof EventOutputs)[] = ['event', 'name', 'version', 'stage', 'type', 'path', 'description'];

export const NO_EVENT: EventOutputs = { event: '', name: '', version: '', stage: '', type: '', path: '', description: '' };

/**
 * `$GITHUB_OUTPUT` lines: `name=value`, or GitHub's delimiter form for a value with a line break
 * (`name<<DELIM`, the value, `DELIM`), with a delimiter the value does not contain.
 */
export function githubOutputText(values: EventOutputs, delimiter: () => string = () => `ghadelimiter_${randomUUID()}`): string {
  return OUTPUT_NAMES.map((name) => {
    const value = values[name];
    if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
    let delim = delimiter();
    while (value.includes(delim)) delim = delimiter();
    return `${name}<<${delim}\n${value}\n${delim}\n`;
  }).join('');
}

/**
 * GitLab's dotenv report: `MODELREG_EVENT=…` lines. Its parser takes one line per variable and no
 * escapes, so line breaks become spaces.
 */
export function dotenvText(values: EventOutputs, prefix = 'MODELREG_'): string {
  return OUTPUT_NAMES.map((name) => `${prefix}${name.toUpperCase()}=${values[name].replace(/\r?\n|\r/g, ' ')}\n`).join('');
}
