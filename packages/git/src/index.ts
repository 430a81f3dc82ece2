// @modelreg/git: the only package that runs git. Everything here is one git process per call.
export { GitError, GitTimeoutError, pushFailureReason, withoutRepoLocation, type GitContext } from './exec.js';
export { OBJECT_ID } from './object-id.js';
export { iterateTagRecords, parseTagRecords, tagFormat, type CommitInfo, type TagDetail, type TagRecord, type Tagger } from './parse-refs.js';
export { readTags, streamTagRecords, createAnnotatedTag, deleteTags, pushTags, checkRefFormat, remoteTagsAmong, type ReadTagsOptions } from './tags.js';
export { resolveCommit, isInsideRepo } from './revisions.js';
export { openRepo, isUrlLike, repoCacheDir, RepoNotFoundError, type OpenedRepo, type OpenOptions } from './remote.js';
export { syncRemoteTags, tagRefsDigest, type SyncOutcome, type SyncedRemote } from './remote-refs.js';
export { WORKTREE_READ_LIMIT, existingPaths, listFiles, parseStageOrTreeLine, parseZ, readBlobs, readFileCapped, readFilesAtRevisions, readListedFiles, readWorktreeFiles, type FileSelection, type FileSource, type RepoFile, type RevisionFile } from './files.js';
export { LOG_FORMAT, LogParser, parseChangedPaths, parseLog, readChangedPaths, readHeadCommit, readLog, streamLog, type HeadCommit, type LogCommit, type ReadLogOptions } from './log.js';
export { readRemoteUrl } from './remote-url.js';
export { parseConfigAmong, readAnnotationsAt, readConfigAt, readConfigsAt, readRepoAnnotations, type ConfigFile, type ReadAnnotationsOptions, type RepoAnnotations } from './annotation-source.js';
export { parseNameStatusZ, readCommentChar, readCommitState, readFilesAt, readFilesAtEach, readStagedPaths, stagedChanges, type CommitState, type FileAtRevision, type StagedChange } from './staged.js';
export { readDvcOutputChanges, type PathChange } from './dvc-changes.js';
export { objectTypes, parseVerifyTagOutput, verifyTag, type TagVerification } from './verify.js';
export { fetchTags } from './fetch-tags.js';
export { withRepoLock, writeFileAtomic } from './repo-lock.js';
export { readHooksSetup, type HooksSetup } from './hooks-setup.js';
export { mapLimited } from './map-limited.js';
