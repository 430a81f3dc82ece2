// `modelreg doctor`: the config in force and every problem found in the config and the tags.
import { escapeControls, formatDiagnostic as locatedMessage, type Diagnostic } from '@modelreg/core';
import type { CommandResult, Io } from '../io.js';
import { annotationsOf } from '../annotation-source.js';
import { loadConfig, loadRegistry, openHandle } from '../repo.js';
import { historyProblems } from './check-history.js';
import { toJson } from '../views/gto-json.js';
import { VERSION } from '../version.js';

export interface DoctorOptions {
  repo?: string;
  json?: boolean;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.severity}: ${locatedMessage(d)}${d.hint ? ` — ${d.hint}` : ''} [${d.code}]`;
}

export async function doctor(io: Io, opts: DoctorOptions): Promise<CommandResult> {
  const handle = await openHandle(io, opts.repo);
  const { config, diagnostics: configProblems } = await loadConfig(handle);
  const [{ registry, tags }, annotations] = await Promise.all([loadRegistry(handle, { detail: 'light' }), annotationsOf(handle)]);
  // The tags judged as `check` judges them (each by the config committed at its commit): the two never disagree.
  const diagnostics = [...configProblems, ...(await historyProblems(handle, config))];
  // Artifacts as `show` lists them: registered, and annotated but not registered yet.
  const artifacts = new Set([...registry.artifacts.keys(), ...annotations.map((a) => a.name)]).size;
  const exitCode = diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  if (opts.json) {
    return {
      stdout: toJson({
        version: VERSION,
        config: { file: config.file ?? null, types: config.types ?? null, stages: config.stages ?? null },
        tags: tags.length,
        artifacts,
        events: registry.events.length,
        diagnostics,
      }),
      exitCode,
    };
  }
  const lines = [
    `modelreg ${VERSION}`,
    '---------------------------------',
    `CONFIG_FILE=${config.file ?? 'none'}`,
    `TYPES=${config.types ? JSON.stringify(config.types) : 'any'}`,
    `STAGES=${config.stages ? JSON.stringify(config.stages) : 'any'}`,
    `TAGS=${tags.length} ARTIFACTS=${artifacts} EVENTS=${registry.events.length}`,
    '---------------------------------',
    ...(diagnostics.length === 0 ? ['✅  No issues found'] : diagnostics.map(formatDiagnostic)),
  ];
  // Tag names and config values are anyone's text: a U+202E must not reorder what the reader sees.
  return { stdout: lines.map(escapeControls).join('\n') + '\n', exitCode };
}
