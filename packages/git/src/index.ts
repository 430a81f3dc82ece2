// @modelreg/git: the only package that runs git. Everything here is one git process per call.
export { GitError, type GitContext } from './exec.js';
export { parseTagRecords, tagFormat, type CommitInfo, type TagDetail, type TagRecord, type Tagger } from './parse-refs.js';
export { readTags, createAnnotatedTag, deleteTags, pushTags, checkRefFormat, type ReadTagsOptions } from './tags.js';
export { resolveCommit, isInsideRepo, readFileAtRevision } from './revisions.js';
export { openRepo, isUrlLike, repoCacheDir, RepoNotFoundError, type OpenedRepo } from './remote.js';
