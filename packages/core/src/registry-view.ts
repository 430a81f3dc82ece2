// A view over several registries: how a registry given by `-r` is named, and which registry an
// artifact name addresses (`REPO/NAME` when the plain name is in more than one).
import { ModelregError } from './errors.js';

/** A registry given by `-r`: the last segment of its URL or path, without `.git`. */
export function registryNameOf(source: string): string {
  const trimmed = source.replace(/[/\\]+$/, '');
  const last = trimmed.split(/[/\\:]/).pop() ?? '';
  return last.replace(/\.git$/, '') || trimmed;
}

/** Two registries given by `-r` that end in the same name cannot be told apart. */
export function assertDistinctNames(names: string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new ModelregError('usage', `two registries are named '${name}'`, {
        hint: 'name them in .modelreg.yaml (registries: - name: …, url: …) instead of -r',
        exitCode: 2,
      });
    }
    seen.add(name);
  }
}

/** `REPO/REST` when REPO is one of `repos`; otherwise the text names no registry. */
export function splitRegistry(text: string, repos: readonly string[]): { repo?: string; rest: string } {
  const slash = text.indexOf('/');
  if (slash > 0 && repos.includes(text.slice(0, slash))) return { repo: text.slice(0, slash), rest: text.slice(slash + 1) };
  return { rest: text };
}

/**
 * The registry `artifact` is in, given which registries hold it (`holders`, in view order) and
 * the `repo` the user named, if any. Not found, or found in several without a repo: an error
 * naming the candidates.
 */
export function pickRegistry(artifact: string, holders: readonly string[], repo?: string): string {
  if (repo !== undefined) {
    if (holders.includes(repo)) return repo;
    throw new ModelregError('artifact-not-found', `cannot find artifact '${artifact}' in registry '${repo}'`, {
      hint: holders.length > 0 ? `it is in: ${holders.map((h) => `${h}/${artifact}`).join(', ')}` : 'list the registries with: modelreg show -d',
    });
  }
  if (holders.length === 1) return holders[0] as string;
  if (holders.length === 0) {
    throw new ModelregError('artifact-not-found', `cannot find artifact '${artifact}'`, { hint: 'list the registries with: modelreg show -d' });
  }
  throw new ModelregError('ambiguous-artifact', `'${artifact}' is in ${holders.length} registries: ${holders.map((h) => `${h}/${artifact}`).join(', ')}`, {
    hint: 'name one as REPO/NAME',
    exitCode: 2,
  });
}

/** One registry's stages, and whether its config lists them (else they are the stages in use). */
export interface StageList {
  stages: readonly string[];
  configured: boolean;
}

/**
 * The stages of several registries (the stage columns of a table of them): each stage once, in
 * the order the registries' lists give them (a config's order is kept); when no config lists its
 * stages, sorted, as one registry's stages in use are.
 */
export function mergeStageLists(lists: readonly StageList[]): string[] {
  const merged = [...new Set(lists.flatMap((l) => l.stages))];
  return lists.some((l) => l.configured) ? merged : merged.sort();
}
