// Default tag messages, exactly as GTO writes them (reference/gto-transcript.md §10).

export const tagMessages = {
  registration: (artifact: string, version: string) => `Registering artifact ${artifact} version ${version}`,
  deregistration: (artifact: string, version: string) => `Deregistering artifact ${artifact} version ${version}`,
  assignment: (artifact: string, version: string, stage: string) =>
    `Assigning stage ${stage} to artifact ${artifact} version ${version}`,
  unassignment: (artifact: string, version: string, stage: string) =>
    `Unassigning stage '${stage}' to artifact '${artifact}' version '${version}'`,
  deprecation: (artifact: string) => `Deprecating artifact '${artifact}'`,
};

export const NAME_RULE =
  "letters, digits, '_', '-' and '/' only, starting and ending with a letter or digit (a directory prefix is written 'dir/sub:name')";
