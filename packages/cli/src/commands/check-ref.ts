// `modelreg check-ref TAG`: what registry event a tag records (for CI on tag pushes).
// Reads only the tags of that tag's artifact: never the whole registry.
import { parseTagName, tagNameOfRef, type RegistryEvent } from '@modelreg/core';
import type { CommandResult, Io } from '../io.js';
import { loadRegistryOnly, openHandle } from '../repo.js';
import { checkRefJson, toJson } from '../views/gto-json.js';

export interface CheckRefOptions {
  repo?: string;
  json?: boolean;
  name?: boolean;
  version?: boolean;
  event?: boolean;
  stage?: boolean;
}

export function describe(e: RegistryEvent): string {
  switch (e.kind) {
    case 'registration':
      return `✅  Version "${e.version}" of artifact "${e.artifact}" was registered`;
    case 'deregistration':
      return `✅  Version "${e.version}" of artifact "${e.artifact}" was deregistered`;
    case 'assignment':
      return `✅  Stage "${e.stage}" was assigned to version "${e.version}" of artifact "${e.artifact}"`;
    case 'unassignment':
      return `✅  Stage "${e.stage}" was unassigned from version "${e.version}" of artifact "${e.artifact}"`;
    case 'deprecation':
      return `✅  Artifact "${e.artifact}" was deprecated`;
  }
}

export async function checkRef(io: Io, ref: string, opts: CheckRefOptions): Promise<CommandResult> {
  const tag = tagNameOfRef(ref) ?? ref;
  const parsed = parseTagName(tag);
  // As GTO: a tag that is not a registry event prints nothing and succeeds, so CI can run it on any push.
  const notAnEvent = (why: string): CommandResult => ({ stderr: `modelreg: '${tag}' ${why}\n` });
  if (!parsed || parsed.kind === 'created') return notAnEvent('is not a registry tag');
  const handle = await openHandle(io, opts.repo);
  const registry = await loadRegistryOnly(handle, { artifact: parsed.artifact });
  const event = registry.artifacts.get(parsed.artifact)?.events.find((e) => e.tag === tag);
  if (!event) {
    const diagnostic = registry.diagnostics.find((d) => d.ref === tag);
    return notAnEvent(diagnostic ? `is not a registry event: ${diagnostic.message}` : 'does not exist');
  }
  const field = (value: string | undefined): CommandResult => ({ stdout: value === undefined ? '' : value + '\n' });
  if (opts.name) return field(event.artifact);
  if (opts.version) return field(event.kind === 'deprecation' ? undefined : event.version);
  if (opts.event) return field(event.kind);
  if (opts.stage) return field(event.stage);
  if (opts.json) return { stdout: toJson(checkRefJson(event)) };
  return { stdout: describe(event) + '\n' };
}
