export { GitError, runGit, type GitContext } from './exec.js';
export { parseTagRecords, tagFormat, type CommitInfo, type TagRecord, type Tagger } from './parse-tags.js';
export { createAnnotatedTag, deleteTags, pushTags, readTags } from './tags.js';
export { checkRefFormat, readFileAtRevision, resolveCommit } from './revisions.js';
export { RepoNotFoundError, isInsideRepo, isUrlLike, openRepo, type OpenedRepo } from './remote.js';
