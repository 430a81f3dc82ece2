// Parsing the output of the single `git for-each-ref` call that reads every tag.
// Fields are NUL-separated and each record ends with a NUL after a fixed field count, so
// messages may hold anything but NUL (which git objects cannot hold either).

export interface Tagger {
  name: string;
  email: string;
  /** Seconds since the epoch. */
  time: number;
  /** `+HHMM` / `-HHMM` as the tagger's clock was. */
  tz: string;
}

export interface CommitInfo {
  author: string;
  authorEmail: string;
  authorTime: number;
  authorTz: string;
  committer: string;
  committerEmail: string;
  /** The full commit message. */
  message: string;
}

export interface TagRecord {
  /** Without `refs/tags/`. */
  name: string;
  annotated: boolean;
  /** The object the ref points to (the tag object for annotated tags). */
  object: string;
  /** The commit it finally points to; null for a tag of a tree or blob. */
  commit: string | null;
  tagger: Tagger | null;
  /** The tag message, without its final newline. */
  message: string;
  commitInfo?: CommitInfo;
}

const BASE_FIELDS = [
  '%(refname)',
  '%(objecttype)',
  '%(objectname)',
  '%(*objecttype)',
  '%(*objectname)',
  '%(taggername)',
  '%(taggeremail)',
  '%(taggerdate:raw)',
  '%(contents)',
];
// For an annotated tag the `*` fields describe the tagged commit; for a lightweight tag of a
// commit the plain fields do.
const COMMIT_FIELDS = [
  '%(*authorname)%(authorname)',
  '%(*authoremail)%(authoremail)',
  '%(*authordate:raw)%(authordate:raw)',
  '%(*committername)%(committername)',
  '%(*committeremail)%(committeremail)',
  '%(*contents)',
];

export function tagFormat(withCommitInfo: boolean): string {
  return [...BASE_FIELDS, ...(withCommitInfo ? COMMIT_FIELDS : [])].join('%00') + '%00';
}

const stripAngles = (email: string) => (email.startsWith('<') && email.endsWith('>') ? email.slice(1, -1) : email);

function parseRawDate(raw: string): { time: number; tz: string } | null {
  const space = raw.indexOf(' ');
  if (space < 0) return null;
  const time = Number(raw.slice(0, space));
  return Number.isFinite(time) ? { time, tz: raw.slice(space + 1) } : null;
}

const SIGNATURE_RE = /-----BEGIN (?:PGP|SSH) SIGNATURE-----[\s\S]*$/;
/** A tag message as GTO reports it: without a signature block and without its final newline. */
const tagMessage = (s: string) => {
  const unsigned = s.replace(SIGNATURE_RE, '');
  return unsigned.endsWith('\n') ? unsigned.slice(0, -1) : unsigned;
};

/** Parse what `git for-each-ref --format=<tagFormat(withCommitInfo)>` printed. */
export function parseTagRecords(stdout: string, withCommitInfo: boolean): TagRecord[] {
  const width = BASE_FIELDS.length + (withCommitInfo ? COMMIT_FIELDS.length : 0);
  const fields = stdout.split('\0');
  const records: TagRecord[] = [];
  // git ends each record with a newline after our final NUL: it is the start of the next refname.
  for (let i = 0; i + width <= fields.length; i += width) {
    const refname = (fields[i] as string).replace(/^\n/, '');
    const type = fields[i + 1] as string;
    const object = fields[i + 2] as string;
    const peeledType = fields[i + 3] as string;
    const peeled = fields[i + 4] as string;
    const annotated = type === 'tag';
    const date = annotated ? parseRawDate(fields[i + 7] as string) : null;
    const commit = annotated ? (peeledType === 'commit' ? peeled : null) : type === 'commit' ? object : null;
    const record: TagRecord = {
      name: refname.startsWith('refs/tags/') ? refname.slice('refs/tags/'.length) : refname,
      annotated,
      object,
      commit,
      tagger: annotated && date ? { name: fields[i + 5] as string, email: stripAngles(fields[i + 6] as string), ...date } : null,
      message: annotated ? tagMessage(fields[i + 8] as string) : '',
    };
    if (withCommitInfo && commit) {
      const authored = parseRawDate(fields[i + 11] as string);
      record.commitInfo = {
        author: fields[i + 9] as string,
        authorEmail: stripAngles(fields[i + 10] as string),
        authorTime: authored?.time ?? 0,
        authorTz: authored?.tz ?? '+0000',
        committer: fields[i + 12] as string,
        committerEmail: stripAngles(fields[i + 13] as string),
        message: (annotated ? fields[i + 14] : fields[i + 8]) as string,
      };
    }
    records.push(record);
  }
  return records;
}
