// Every text the rules print: what is wrong, and the fix. Kept together so they read alike.
import { MODEL_TRAILERS } from '@modelreg/core';

const M = MODEL_TRAILERS;

function files(paths: readonly string[]): string {
  const [first, ...rest] = paths;
  if (rest.length === 0) return first ?? '';
  return `${first} and ${rest.length} more file${rest.length === 1 ? '' : 's'}`;
}

const list = (names: readonly string[]) => (names.length > 5 ? `${names.slice(0, 5).join(', ')}, …` : names.join(', '));

export const messages = {
  addTrailer: (name: string) => `add the trailer '${M.model}: ${name}'`,
  changesPath: (paths: readonly string[], name: string) => `this commit changes ${files(paths)} (artifact ${name}): ${messages.addTrailer(name)}`,
  changesEntry: (name: string, file: string) => `this commit changes the annotation of artifact ${name} in ${file}: ${messages.addTrailer(name)}`,
  removesEntry: (name: string, file: string) => `this commit removes artifact ${name} from ${file}: ${messages.addTrailer(name)}`,
  unknownModel: (value: string, suggestion: string | undefined, known: readonly string[]) =>
    `'${M.model}: ${value}' names no annotated artifact` +
    (suggestion
      ? ` (did you mean '${suggestion}'?)`
      : known.length > 0
        ? `: annotated artifacts are ${list(known)}`
        : ': this repository annotates none yet (add it to a dvc.yaml `artifacts:` or to artifacts.yaml, and stage that file)'),
  unknownKey: (key: string, suggestion: string | undefined) =>
    `'${key}:' is not a model trailer` + (suggestion ? ` (did you mean '${suggestion}:'?)` : `: model trailers are ${Object.values(M).join(', ')}`),
  metricNotNumber: (value: string) => `'${M.metric}: ${value}' must be KEY=VALUE with a number, e.g. '${M.metric}: auc=0.91'`,
};
