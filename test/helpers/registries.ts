// Several model repositories, each served as a local bare remote (a file:// URL), for the
// cross-repository view and the registry page.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestRepo, rawDate, tempDir } from './repo.js';

/** `NAME@vX.Y.Z` registers, `NAME#STAGE` assigns (to the commit of the last registration of NAME). */
export type TagSpec = string;

export interface ServedRegistry {
  work: TestRepo;
  /** The bare remote's directory and its file:// URL. */
  bare: string;
  url: string;
  /** Make the tag `spec` at `minute` past 10:00 and push it. */
  tag(spec: TagSpec, minute: number): void;
}

const at = (minute: number) => rawDate(`2025-03-01T${String(Math.floor(minute / 60) + 10).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00Z`);

/** A repository named `name` (the remote is `<name>.git`) with `files` committed and `tags` made in order, a minute apart. */
export function servedRegistry(name: string, files: Record<string, string>, tags: TagSpec[] = [], firstMinute = 0): ServedRegistry {
  const work = TestRepo.init();
  for (const [file, content] of Object.entries(files)) work.write(file, content);
  work.git(['add', '-A']);
  work.git(['commit', '-q', '-m', `Create ${name}`], at(firstMinute));
  const bare = join(tempDir('modelreg-remotes-'), `${name}.git`);
  work.git(['init', '-q', '--bare', '-b', 'main', bare]);
  // Serve partial clones, as GitHub and GitLab do.
  work.git(['--git-dir', bare, 'config', 'uploadpack.allowFilter', 'true']);
  work.git(['remote', 'add', 'origin', bare]);
  work.git(['push', '-q', 'origin', 'main']);
  const served: ServedRegistry = {
    work,
    bare,
    url: pathToFileURL(bare).href,
    tag(spec, minute) {
      const date = at(minute);
      const registration = /^(.+)@(v.+)$/.exec(spec);
      if (registration) {
        work.git(['commit', '-q', '--allow-empty', '-m', `Train ${spec}`], date);
        work.git(['tag', '-a', '-m', `Registering artifact ${registration[1]} version ${registration[2]}`, spec], date);
      } else {
        const [artifact, stage] = spec.split('#') as [string, string];
        const last = work.git(['for-each-ref', '--sort=-creatordate', '--count=1', '--format=%(refname:strip=2)', `refs/tags/${artifact}@v*`]).trim();
        // Only stage tags carry a counter here: the next is one more than their number.
        const counter = work.git(['tag', '-l', `${artifact}#*`]).split('\n').filter(Boolean).length + 1;
        work.git(['tag', '-a', '-m', `Assigning stage ${stage} to artifact ${artifact} version ${last.split('@')[1]}`, `${spec}#${counter}`, `${last}^{}`], date);
      }
      work.git(['push', '-q', 'origin', 'main', '--tags']);
    },
  };
  tags.forEach((spec, i) => served.tag(spec, firstMinute + i + 1));
  return served;
}
