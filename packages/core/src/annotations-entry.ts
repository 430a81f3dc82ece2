// Entry point '@modelreg/core/annotations': annotation files, parsed, checked and edited.
export * from './annotations.js';
export * from './annotation-edit.js';
export * from './dvc-tracking.js';
