// model-trailer-known: every `Model:` trailer names an artifact annotated in the commit (or one the
// commit removes), spelled as an artifact name; and every `Model-…:` key is one of ours (a
// misspelt `Model-Bump:` would otherwise be silently ignored).
import { MODEL_TRAILERS, closestName } from '@modelreg/core';
import type { ModelContext } from '../context.js';
import { messages } from '../messages.js';
import { readMessage, type ParsedCommit } from '../message.js';
import type { RuleOutcome, When } from './types.js';

export function modelTrailerKnown(parsed: ParsedCommit, when: When = 'always', value?: ModelContext): RuleOutcome {
  if (when === 'never' || !value) return [true];
  const { trailers } = readMessage(parsed, value.commentChar);
  const problems = trailers.diagnostics.filter((d) => d.code === 'trailer-model-name').map((d) => d.message);
  const keys: string[] = Object.values(MODEL_TRAILERS);
  for (const { key } of trailers.all) {
    if (!keys.some((k) => k.toLowerCase() === key.toLowerCase())) problems.push(messages.unknownKey(key, closestName(key, keys, 2)));
  }
  const annotated = value.artifacts.map((a) => a.name);
  const known = new Set([...annotated, ...value.removed.map((a) => a.name)]);
  for (const name of trailers.models) {
    if (!known.has(name)) problems.push(messages.unknownModel(name, closestName(name, annotated, 2), annotated));
  }
  return problems.length === 0 ? [true] : [false, problems.join('\n')];
}
