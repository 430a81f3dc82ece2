// @modelreg/commitlint-plugin: commitlint rules for model trailers.
export {};
