// Registry config: `.modelreg.yaml`, or GTO's `.gto` (`types`, `stages`).
import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from './diagnostics.js';
import { isValidShortName } from './names.js';

export { CONFIG_FILES } from './config-files.js';

export interface RegistryConfig {
  /** Allowed artifact types; undefined = any. */
  types?: string[];
  /** Allowed stages; undefined = any. */
  stages?: string[];
  /** The file it was read from, for messages. */
  file?: string;
}

const KNOWN_KEYS = new Set(['types', 'stages']);

/** yaml's message without its own position and code excerpt (the diagnostic names `file:line:col`). */
function firstLine(message: string): string {
  return (message.split('\n')[0] as string).replace(/ at line \d+, column \d+:?$/, '');
}

/** Parse a config file's text. Problems are returned as diagnostics naming `file:line:column`. */
export function parseConfig(text: string, file: string): { config: RegistryConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const config: RegistryConfig = { file };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return `${file}:${line}:${col}`;
  };
  for (const error of doc.errors) {
    diagnostics.push({ code: 'config-syntax', severity: 'error', ref: file, message: `${at(error.pos[0])}: ${firstLine(error.message)}` });
  }
  if (diagnostics.length > 0) return { config, diagnostics };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }); // bounds YAML alias bombs
  } catch (e) {
    diagnostics.push({ code: 'config-syntax', severity: 'error', ref: file, message: `${at(0)}: ${(e as Error).message}` });
    return { config, diagnostics };
  }
  if (value === null || value === undefined) return { config, diagnostics };
  if (typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push({ code: 'config-shape', severity: 'error', ref: file, message: `${at(0)}: the config must be a mapping (types:, stages:)` });
    return { config, diagnostics };
  }
  for (const [key, list] of Object.entries(value as Record<string, unknown>)) {
    const node = doc.getIn([key], true) as { range?: [number, number, number] } | undefined;
    const where = at(node?.range?.[0]);
    if (!KNOWN_KEYS.has(key)) continue; // other sections belong to later schema-validated features
    if (list === null) continue;
    if (!Array.isArray(list) || !list.every((s) => typeof s === 'string' && isValidShortName(s))) {
      diagnostics.push({
        code: 'config-value',
        severity: 'error',
        ref: file,
        message: `${where}: '${key}' must be a list of names (letters, digits, '_', '-', '/'), e.g. ${key}: [dev, prod]`,
      });
      continue;
    }
    config[key as 'types' | 'stages'] = [...new Set(list as string[])];
  }
  return { config, diagnostics };
}
