// Tag signatures checked by git itself (`git verify-tag --raw`), and object types of ids: both
// asked only for the few objects a rule needs.
import { runGit, type GitContext } from './exec.js';
import { OBJECT_ID } from './object-id.js';

export interface TagVerification {
  /** The signature verifies (git exits 0). */
  valid: boolean;
  /** Why not, in gpg's or git's words. */
  problem?: string;
  /** Identities of the signing key: fingerprints, long key id, e-mail, SSH key fingerprint. */
  signer: string[];
}

/**
 * Parse `git verify-tag --raw` stderr: GnuPG status lines (`[GNUPG:] GOODSIG …`, `VALIDSIG …`)
 * for OpenPGP, `Good "git" signature for PRINCIPAL with TYPE key SHA256:…` for SSH.
 */
export function parseVerifyTagOutput(stderr: string, exitCode: number): TagVerification {
  const signer: string[] = [];
  let problem: string | undefined;
  const add = (s: string | undefined) => {
    if (s && !signer.includes(s)) signer.push(s);
  };
  for (const raw of stderr.split('\n')) {
    const line = raw.trim();
    const status = /^\[GNUPG:\] (\S+)(?: (.*))?$/.exec(line);
    if (status) {
      const [, keyword, rest = ''] = status;
      const words = rest.split(' ');
      if (keyword === 'GOODSIG' || keyword === 'EXPKEYSIG' || keyword === 'REVKEYSIG' || keyword === 'BADSIG') {
        add(words[0]);
        add(/<([^>]+)>/.exec(rest)?.[1]);
        if (keyword !== 'GOODSIG') problem = `${keyword} ${rest}`.trim();
      } else if (keyword === 'VALIDSIG') {
        add(words[0]);
        add(words[9]);
      } else if (keyword === 'ERRSIG' || keyword === 'NO_PUBKEY') {
        problem ??= `${keyword} ${rest}`.trim();
      }
      continue;
    }
    const ssh = /^Good "git" signature (?:for (\S+) )?with \S+ key (SHA256:\S+)/.exec(line);
    if (ssh) {
      add(ssh[1]);
      add(ssh[2]);
      continue;
    }
    if (!problem && /^(error|fatal):/.test(line)) problem = line;
  }
  if (exitCode === 0) return { valid: true, signer };
  return { valid: false, problem: problem ?? `git verify-tag exited with code ${exitCode}`, signer };
}

/**
 * `git verify-tag --raw ID` of one tag object, by its id: a tag pushed under another name than
 * its local one is the object verified, whatever the local tag of that name holds. One process
 * per tag, so only for tags whose stage requires a signature.
 */
export async function verifyTag(ctx: GitContext, object: string): Promise<TagVerification> {
  const r = await runGit(ctx, ['verify-tag', '--raw', '--end-of-options', object], { okExitCodes: [1, 128] });
  return parseVerifyTagOutput(r.stderr, r.exitCode);
}

/** The type (`commit`, `tag`, …) of each object id with one `git cat-file --batch-check`; missing ids are left out. */
export async function objectTypes(ctx: GitContext, ids: string[]): Promise<Map<string, string>> {
  const types = new Map<string, string>();
  const wanted = ids.filter((id) => OBJECT_ID.test(id));
  if (wanted.length === 0) return types;
  const r = await runGit(ctx, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: wanted.join('\n') + '\n' });
  for (const line of r.stdout.toString('utf8').split('\n')) {
    const m = /^([0-9a-f]{40,64}) (\S+)$/.exec(line);
    if (m && m[2] !== 'missing') types.set(m[1] as string, m[2] as string);
  }
  return types;
}
