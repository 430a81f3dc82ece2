// The URL a remote is configured with (`git config --get remote.NAME.url`), e.g. to link a
// changelog to the web pages of its repository.
import { runGitText, type GitContext } from './exec.js';

/** `remote.NAME.url` (the last one when set several times, as git uses it); null when unset. */
export async function readRemoteUrl(ctx: GitContext, remote = 'origin'): Promise<string | null> {
  if (!/^[A-Za-z0-9._/-]+$/.test(remote)) return null;
  const r = await runGitText(ctx, ['config', '--get', `remote.${remote}.url`], { okExitCodes: [1] });
  const url = r.stdout.replace(/\n$/, '');
  return r.exitCode === 0 && url !== '' ? url : null;
}
