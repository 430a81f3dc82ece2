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

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Problems with registry tags, worded once: `doctor`, `check` and the pre-push hook all print
 * these. Each message starts with the tag; each hint is the fix.
 */
export const tagRuleMessages = {
  malformed: (tag: string, problem: string) => `tag '${tag}' looks like a registry tag but ${problem}; it is not a registry event`,
  malformedHint: (tag: string, suggestion: string | undefined) =>
    suggestion
      ? `did you mean '${suggestion}'? git tag -a ${q(suggestion)} -m MESSAGE ${q(`${tag}^{}`)} && git tag -d ${q(tag)}`
      : 'name it NAME@vX.Y.Z, NAME@vX.Y.Z!, NAME#STAGE, NAME#STAGE!, NAME@deprecated (each optionally #N), or use a name without @ and #',
  lightweight: (tag: string) =>
    `tag '${tag}' is a lightweight tag in registry form; only annotated tags are registry events (GTO ignores it)`,
  lightweightHint: (tag: string) => `recreate it annotated: git tag -a -f ${q(tag)} -m MESSAGE ${q(tag)}`,
  created: (tag: string) => `tag '${tag}' is an old GTO 'created' tag, which is not a registry event; it was ignored`,
  notOnCommit: (tag: string) => `tag '${tag}' does not tag a commit directly (it tags a tree, a blob or another tag); it was ignored`,
  notOnCommitHint: 'a registry tag must be an annotated tag of the commit itself: recreate it with modelreg',
  versionReused: (tag: string, artifact: string, version: string, first: string, again: string) =>
    `tag '${tag}' registers ${artifact} ${version} on commit ${again.slice(0, 7)}, but that version is already registered on ${first.slice(0, 7)}`,
  versionReusedHint: 'a version name identifies one commit: register a new version instead (modelreg register NAME --bump-patch)',
  deregistrationWithout: (tag: string, artifact: string, version: string) =>
    `tag '${tag}' deregisters ${artifact} ${version}, which was never registered; it is listed as an unregistered, inactive version`,
  versionsShareCommit: (artifact: string, commit: string, versions: string[]) =>
    `${artifact} has ${versions.length} version names on commit ${commit.slice(0, 7)} (${versions.join(', ')}); GTO cannot load a registry with a stage tag on such a commit`,
  versionsShareCommitHint: 'a commit keeps one version name: register it again under that name (modelreg register NAME REF), never under a new one',
  stageNotAllowed: (tag: string, stage: string, file: string) => `tag '${tag}' assigns stage '${stage}', which ${file} does not allow`,
  stageNotAllowedHint: (stages: string[], suggestion: string | undefined) =>
    `${suggestion ? `did you mean '${suggestion}'? ` : ''}allowed stages are: ${stages.join(', ') || 'none'} (or add the stage to 'stages')`,
  stageRequires: (tag: string, stage: string, artifact: string, version: string, missing: string[]) =>
    `tag '${tag}' assigns '${stage}' to ${artifact} ${version}, which was never in ${missing.map((s) => `'${s}'`).join(', ')} before (rules.${stage}.requires)`,
  stageRequiresHint: (artifact: string, version: string, missing: string[]) =>
    `assign ${missing.map((s) => `'${s}'`).join(', ')} first (modelreg assign ${artifact} --version ${version} --stage ${missing[0] ?? ''}), then assign again`,
  stageRequiresUnpushed: (tag: string, stage: string, artifact: string, version: string, unpushed: string[]) =>
    `tag '${tag}' assigns '${stage}' to ${artifact} ${version}, but the remote does not have ${unpushed.map((t) => `'${t}'`).join(', ')}, which it requires (rules.${stage}.requires)`,
  stageRequiresUnpushedHint: (unpushed: string[]) => `push ${unpushed.length === 1 ? 'it' : 'them'} in the same push: git push REMOTE ${unpushed.map((t) => q(`refs/tags/${t}`)).join(' ')} …`,
  stageFields: (tag: string, stage: string, artifact: string, commit: string, missing: string[], annotated: boolean) =>
    annotated
      ? `tag '${tag}' assigns '${stage}' but ${artifact} lacks ${missing.join(', ')} at commit ${commit.slice(0, 7)} (rules.${stage}.fields)`
      : `tag '${tag}' assigns '${stage}' but ${artifact} has no annotation at commit ${commit.slice(0, 7)}, and ${missing.join(', ')} are required (rules.${stage}.fields)`,
  stageFieldsHint: (artifact: string, missing: string[]) =>
    `add ${missing.join(', ')} to ${artifact}'s annotation (modelreg annotate ${artifact} …), commit, register a new version and assign that`,
  stageUnsigned: (tag: string, stage: string) => `tag '${tag}' assigns '${stage}' but is not signed (rules.${stage}.signed)`,
  stageBadSignature: (tag: string, stage: string, why: string) => `tag '${tag}' assigns '${stage}' but its signature does not verify: ${why} (rules.${stage}.signed)`,
  stageSignedHint: (tag: string) => `sign it: git tag -f -s ${q(tag)} -m MESSAGE ${q(`${tag}^{}`)}`,
  stageSigner: (tag: string, stage: string, signer: string) =>
    `tag '${tag}' assigns '${stage}' but is signed by ${signer}, who is not in rules.${stage}.signers`,
  stageSignerHint: (signers: string[]) => `have one of ${signers.join(', ')} sign it (git tag -f -s)`,
  olderAssignmentHint: (artifact: string, stage: string, holder: string | undefined) =>
    `${holder ?? `no version of ${artifact}`} holds '${stage}' now; tags are immutable, so this older assignment needs no fix (the rule judges new assignments)`,
  deleted: (tag: string) => `deleting registry tag '${tag}', which the remote has: registry history is append-only`,
  deletedHint: (undo: string) => `keep the tag and record the change as a new event instead: ${undo}`,
  moved: (tag: string, from: string, to: string) =>
    `moving registry tag '${tag}' (${from.slice(0, 7)} → ${to.slice(0, 7)}), which the remote has: registry history is append-only`,
  movedHint: (tag: string, remote: string) =>
    `restore it (git fetch --force ${q(remote)} ${q(`refs/tags/${tag}:refs/tags/${tag}`)}) and register a new version or assign again instead`,
};

/** Working-tree files modelreg will not read. */
export const worktreeMessages = {
  outside: 'is a symbolic link (or lies behind one) that leads outside the repository; modelreg does not read it',
  outsideHint: 'replace the link with the file itself',
};
