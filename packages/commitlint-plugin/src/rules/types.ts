// The shape of a commitlint rule, without depending on commitlint's types at run time
// (index.test.ts checks that the rules fit @commitlint/types' Rule).
export type When = 'always' | 'never';
export type RuleOutcome = Readonly<[boolean, string?]>;
