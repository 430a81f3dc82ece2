// What Git writes to a pre-push hook's stdin: one line per ref being pushed,
// `<local ref> SP <local object id> SP <remote ref> SP <remote object id>`; an all-zero id is "none".
import { OBJECT_ID } from '@modelreg/git';

export interface PushedRef {
  /** `(delete)` for a deletion. */
  localRef: string;
  /** The object pushed; null when the push deletes the remote ref. */
  newId: string | null;
  /** The remote ref, e.g. `refs/tags/model@v1.0.0`. */
  ref: string;
  /** What the remote has there; null when it does not have the ref. */
  oldId: string | null;
}

const ZERO = /^0+$/;

/** Parse pre-push stdin; lines that do not have the four fields are skipped. */
export function parsePrePushInput(text: string): PushedRef[] {
  const refs: PushedRef[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    // Ref names cannot contain spaces, so the split is exact.
    const fields = line.replace(/\r$/, '').split(' ');
    if (fields.length !== 4) continue;
    const [localRef, localId, ref, remoteId] = fields as [string, string, string, string];
    if (!OBJECT_ID.test(localId) || !OBJECT_ID.test(remoteId)) continue;
    refs.push({ localRef, newId: ZERO.test(localId) ? null : localId, ref, oldId: ZERO.test(remoteId) ? null : remoteId });
  }
  return refs;
}

/**
 * The pre-commit framework reads Git's pre-push input itself and gives a hook one ref, in
 * PRE_COMMIT_* variables: the first ref whose commits the remote lacks. The remote's old id is
 * not among them (PRE_COMMIT_FROM_REF may be a base commit instead), so the ref counts as new.
 */
export function preCommitFrameworkRefs(env: NodeJS.ProcessEnv): PushedRef[] {
  const { PRE_COMMIT_LOCAL_BRANCH: localRef, PRE_COMMIT_TO_REF: newId, PRE_COMMIT_REMOTE_BRANCH: ref } = env;
  if (!localRef || !ref || !newId || !OBJECT_ID.test(newId) || ZERO.test(newId)) return [];
  return [{ localRef, newId, ref, oldId: null }];
}

/** All of a stream as text ('' when there is none). */
export async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  // A terminal is someone running the hook by hand, not git: nothing is being pushed.
  if (!stream || (stream as { isTTY?: boolean }).isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
