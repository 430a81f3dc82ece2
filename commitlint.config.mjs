// This repository's own commit messages (the commit-msg hook in .husky/): conventional commits.
export default { extends: ['@commitlint/config-conventional'] };
