// Shared test data for the core tests (excluded from the build by tsconfig.build.json).
import type { TagInput } from './registry.js';

export interface TagOptions {
  /** Commit the tag points to; null for a tag of a tree/blob/tag. */
  commit?: string | null;
  /** Tagger time as ISO 8601 with an offset (`2024-01-01T05:16:00+03:00`), or epoch seconds. */
  at?: string | number;
  /** Tagger offset `+HHMM` when `at` is epoch seconds (derived from `at` otherwise). */
  tz?: string;
  annotated?: boolean;
  message?: string;
}

export const COMMIT_A = '6d393ed0816b8581ce7d24069a754640d378bf91';
export const COMMIT_B = '8733ccc6774e102dbd784d4357db6642e939700b';
export const COMMIT_C = '368258bae2dfe5f4df74581c87e739915c264e02';
export const COMMIT_D = '3c6e9e332a18074003390f0e853bc361da5fd1a6';

function offsetOf(iso: string): string {
  const m = /([+-])(\d\d):?(\d\d)$/.exec(iso);
  return m ? `${m[1]}${m[2]}${m[3]}` : '+0000';
}

/** One tag as `@modelreg/git` would read it. */
export function tag(name: string, opts: TagOptions = {}): TagInput {
  const at = opts.at ?? '2024-01-01T00:00:00+00:00';
  const time = typeof at === 'number' ? at : Date.parse(at) / 1000;
  if (!Number.isFinite(time)) throw new Error(`bad time ${String(at)}`);
  const tz = opts.tz ?? (typeof at === 'number' ? '+0000' : offsetOf(at));
  const annotated = opts.annotated ?? true;
  return {
    name,
    annotated,
    commit: opts.commit === undefined ? COMMIT_A : opts.commit,
    tagger: annotated ? { name: 'GTO Reference', email: 'gto-ref@example.com', time, tz } : null,
    message: opts.message ?? (annotated ? `message of ${name}` : ''),
  };
}

/** `2024-01-01T00:MM:SS+00:00`, the clock of the GTO reference transcript. */
export function at(minute: number, second = 0): string {
  return `2024-01-01T00:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}+00:00`;
}

/**
 * The tags of reference/gto-transcript.md §1–§4 after `deprecate segment v0.4.1 dev --delete`
 * (its §10 listing), in `git for-each-ref` order (by refname), with the exact tagger times.
 */
export function gtoTranscriptTags(): TagInput[] {
  const t = (name: string, commit: string, minute: number, message: string) => tag(name, { commit, at: at(minute), message });
  return [
    t('Team/Model_A-1@v0.0.1', COMMIT_A, 10, 'Registering artifact Team/Model_A-1 version v0.0.1'),
    t('churn#dev', COMMIT_B, 17, 'Assigning stage dev to artifact churn version v3.0.0'),
    t('churn#prod', COMMIT_B, 16, 'Assigning stage prod to artifact churn version v3.0.0'),
    t('churn@deprecated', COMMIT_B, 22, "Deprecating artifact 'churn'"),
    t('churn@v3.0.0', COMMIT_B, 7, 'Registering artifact churn version v3.0.0'),
    t('model#dev#1', COMMIT_B, 12, 'Assigning stage dev to artifact model version v0.1.0'),
    t('model#prod#2', COMMIT_A, 13, 'Assigning stage prod to artifact model version v0.0.1'),
    t('model#prod#4', COMMIT_B, 18, 'Promote v0.1.0 to prod'),
    t('model#staging!#5', COMMIT_C, 20, "Unassigning stage 'staging' to artifact 'model' version 'v0.1.1'"),
    t('model#staging#3', COMMIT_C, 15, 'Assigning stage staging to artifact model version v0.1.1'),
    t('model@v0.0.1', COMMIT_A, 3, 'Registering artifact model version v0.0.1'),
    t('model@v0.0.1!', COMMIT_A, 21, 'Deregistering artifact model version v0.0.1'),
    t('model@v0.1.0', COMMIT_B, 5, 'Release v0.1.0'),
    t('model@v0.1.1', COMMIT_C, 15, 'Registering artifact model version v0.1.1'),
    t('path/to=clf@v0.0.1', COMMIT_A, 11, 'Registering artifact path/to:clf version v0.0.1'),
    t('segment@v0.4.1', COMMIT_C, 23, 'Registering artifact segment version v0.4.1'),
  ];
}
