// model-trailer-required: a commit that changes an annotated artifact (its path, its dvc.lock hash or
// `.dvc` file, or its entry in an annotation file) says so with a `Model: NAME` trailer. Merges,
// fixup!/squash!/amend! commits and reverts are not asked.
import { changedUnder, type ModelContext } from '../context.js';
import { messages } from '../messages.js';
import { readMessage, type ParsedCommit } from '../message.js';
import type { RuleOutcome, When } from './types.js';

export function modelTrailerRequired(parsed: ParsedCommit, when: When = 'always', value?: ModelContext): RuleOutcome {
  if (when === 'never' || !value || value.merging) return [true];
  const message = readMessage(parsed, value.commentChar);
  if (message.kind !== 'normal') return [true];
  const given = new Set(message.trailers.models);
  const problems: string[] = [];
  for (const artifact of value.artifacts) {
    if (given.has(artifact.name)) continue;
    const paths = artifact.path ? changedUnder(artifact.path, value.changedPaths) : [];
    if (paths.length > 0) problems.push(messages.changesPath(paths, artifact.name));
    else if (value.changedEntries.includes(artifact.name)) problems.push(messages.changesEntry(artifact.name, artifact.file));
  }
  for (const artifact of value.removed) {
    if (!given.has(artifact.name)) problems.push(messages.removesEntry(artifact.name, artifact.file));
  }
  return problems.length === 0 ? [true] : [false, problems.join('\n')];
}
