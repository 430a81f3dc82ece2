// `modelreg hook pre-push REMOTE [URL]`: every registry tag being pushed is checked against the
// history rules (DESIGN §5). Branches and other tags pass untouched, without reading anything.
import { ModelregError, diagnoseTagName, parseTagName, tagNameOfRef, type Diagnostic, type RegistryConfig } from '@modelreg/core';
import { isInsideRepo, objectTypes, readConfigAt, readTags, remoteTagsAmong, type GitContext, type TagRecord } from '@modelreg/git';
import type { HookContext, HookResult } from './context.js';
import { hookResult } from './report.js';
import { runHistoryCheck } from './history.js';
import { parsePrePushInput, preCommitFrameworkRefs, readAll, type PushedRef } from './pre-push-input.js';

/** A pushed ref that concerns the registry, with the tag's name. */
type PushedTag = PushedRef & { tag: string };

/** The pushed ref as a registry tag: one in registry form, or a near miss of one; null for the rest. */
function registryTag(update: PushedRef): PushedTag | null {
  const tag = tagNameOfRef(update.ref);
  if (tag === null) return null;
  return parseTagName(tag) !== null || (update.newId !== null && diagnoseTagName(tag) !== null) ? { ...update, tag } : null;
}

/**
 * `.modelreg.yaml` (else `.gto`) as committed at HEAD, with its problems: edits not committed
 * neither loosen nor tighten the rules a push is judged by.
 */
async function readConfig(git: GitContext): Promise<{ config: RegistryConfig; diagnostics: Diagnostic[] }> {
  const { config, diagnostics, file } = await readConfigAt(git, 'HEAD');
  const hint = `fix ${file} and commit it: a push is judged by the config committed at HEAD`;
  return { config, diagnostics: diagnostics.map((d) => (d.hint ? d : { ...d, hint })) };
}

/**
 * The records of the pushed tags as the remote will get them: the local tag of that name when it
 * is the object pushed, else a local tag of that object under the remote's name, else (a commit
 * pushed straight to refs/tags/) a lightweight tag.
 */
async function pushedRecords(git: GitContext, tags: TagRecord[], pushed: PushedTag[]): Promise<TagRecord[]> {
  const byName = new Map(tags.map((t) => [t.name, t]));
  const byObject = new Map(tags.map((t) => [t.object, t]));
  const extra: TagRecord[] = [];
  const unknown: PushedTag[] = [];
  for (const p of pushed) {
    const local = byName.get(p.tag);
    if (local && local.object === p.newId) continue;
    const same = byObject.get(p.newId as string);
    if (same) extra.push({ ...same, name: p.tag });
    else unknown.push(p);
  }
  const types = await objectTypes(git, unknown.map((p) => p.newId as string));
  for (const p of unknown) {
    const id = p.newId as string;
    if (types.get(id) === 'commit') extra.push({ name: p.tag, annotated: false, object: id, commit: id, tagger: null, message: '' });
  }
  if (extra.length === 0) return tags;
  const replaced = new Set(extra.map((t) => t.name));
  return [...tags.filter((t) => !replaced.has(t.name)), ...extra];
}

/**
 * The local registry tags (and near misses) the remote lacks, as pushed refs: the pre-commit
 * framework hands the hook one ref, so a tag pushed beside a branch (`git push origin main TAG`,
 * `--follow-tags`) would pass unseen. One `git ls-remote` of the remote says which it has.
 */
async function tagsTheRemoteLacks(git: GitContext, remote: string, tags: TagRecord[]): Promise<PushedTag[]> {
  const candidates = tags.flatMap((t) => registryTag({ localRef: `refs/tags/${t.name}`, newId: t.object, ref: `refs/tags/${t.name}`, oldId: null }) ?? []);
  const present = await remoteTagsAmong(git, remote, candidates.map((c) => c.tag));
  return candidates.filter((c) => !present.has(c.tag));
}

export async function prePush(ctx: HookContext, remote = ctx.env.PRE_COMMIT_REMOTE_NAME, _url?: string): Promise<HookResult> {
  const input = await readAll(ctx.stdin);
  // The framework read Git's refs itself: it names the remote, and hands on one ref, or none when
  // the push brings the remote its first commits (it checks "all files" then).
  const frameworkRemote = input.trim() === '' && ctx.env.PRE_COMMIT_REMOTE_NAME !== undefined ? remote : undefined;
  const handed = (input.trim() === '' ? preCommitFrameworkRefs(ctx.env) : parsePrePushInput(input)).flatMap((u) => registryTag(u) ?? []);
  if (handed.length === 0 && frameworkRemote === undefined) return { exitCode: 0 };
  const git: GitContext = { cwd: ctx.cwd, env: ctx.env };
  const reading = readConfig(git);
  reading.catch(() => {}); // awaited below, unless not in a repository
  if (!(await isInsideRepo(git))) {
    throw new ModelregError('not-a-repository', 'not inside a Git repository', { hint: 'run it in the repository whose push it checks' });
  }
  const localTags = await readTags(git);
  const lacking = frameworkRemote !== undefined ? await tagsTheRemoteLacks(git, frameworkRemote, localTags) : [];
  const updates = [...handed, ...lacking.filter((l) => !handed.some((h) => h.tag === l.tag))];
  if (updates.length === 0) return { exitCode: 0 };
  const { config, diagnostics: configProblems } = await reading;
  const pushed = updates.filter((u) => u.newId !== null);
  // All local tags, also for a deletion: the hint names the version a deleted stage tag was on.
  const tags = await pushedRecords(git, localTags, pushed);
  const only = new Set(pushed.map((u) => u.tag));
  // What the remote's copy of a replaced or deleted tag is (a commit: a lightweight tag, no event).
  const replaced = updates.filter((u) => u.oldId !== null);
  const oldTypes = await objectTypes(git, replaced.map((u) => u.oldId as string));
  const typed = updates.map((u) => (u.oldId !== null && oldTypes.has(u.oldId) ? { ...u, oldType: oldTypes.get(u.oldId) as string } : u));
  const { diagnostics } = await runHistoryCheck(git, { config, only, updates: typed, tags, ...(remote !== undefined ? { remote } : {}) });
  // Warnings are for `check`; a push is refused or passes silently.
  return hookResult('pre-push', [...configProblems, ...diagnostics].filter((d) => d.severity === 'error'));
}
