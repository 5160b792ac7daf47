export { runBootstrapFewShot } from './bootstrap-fewshot';
export { runRandomSearch } from './random-search';
export { runInstructionOnly } from './instruction-only';
export { runJointSearch } from './joint-search';
export { runReflectiveSearch } from './reflective-search';
export type { BaselineConfig, BaselineOptions } from './baseline-run';
