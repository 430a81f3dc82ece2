// What a git object id looks like, as git prints them: SHA-1 (40 hex digits) or SHA-256 (64).
export const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
