// The registry event a pushed ref records, with the artifact's annotation at the tag's commit:
// what gto-action reports (event, name, version, stage, type, path, description).
import { parseTagName, type RegistryEvent } from '@modelreg/core';
import { fileSource, readAnnotations } from '../annotation-source.js';
import { loadRegistry, type RepoHandle } from '../repo.js';
import { NO_EVENT, type EventOutputs } from './outputs.js';

/** The event `tag` records, or null when it is no registry tag (or does not exist). */
export async function findEvent(handle: RepoHandle, tag: string): Promise<RegistryEvent | null> {
  const parsed = parseTagName(tag);
  if (!parsed || parsed.kind === 'created') return null;
  const { registry } = await loadRegistry(handle, { artifact: parsed.artifact, detail: 'light' });
  return registry.artifacts.get(parsed.artifact)?.events.find((e) => e.tag === tag) ?? null;
}

export async function eventOutputs(handle: RepoHandle, event: RegistryEvent | null): Promise<EventOutputs> {
  if (!event) return NO_EVENT;
  const { source, where } = await fileSource(handle, { rev: event.commit });
  const { annotations } = await readAnnotations(handle, source, where, false);
  const annotation = annotations.find((a) => a.name === event.artifact);
  return {
    event: event.kind,
    name: event.artifact,
    version: event.kind === 'deprecation' ? '' : (event.version ?? ''),
    stage: event.stage ?? '',
    type: annotation?.type ?? '',
    path: annotation?.path ?? '',
    description: annotation?.desc ?? '',
  };
}
