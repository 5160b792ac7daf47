/**
 * Ids of the simulated models, kept free of imports so any code (the worker's stored runs) can
 * map ids without loading a model. The id is part of the LM cache key, so it changes whenever a
 * model's answers change; older ids of the default stand-in map to the current one.
 */
export const STANDIN_MODEL_ID = 'stand-in-v2';
export const DEMO_BIASED_MODEL_ID = 'demo-biased-v1';
export const INSTRUCTION_FOLLOWER_MODEL_ID = 'instruction-follower-v1';
export const BLIND_READER_MODEL_ID = 'blind-reader-v1';

/** Earlier ids of the default stand-in (v1 knew the built-in tasks' labels; it is gone). */
const LEGACY_STANDIN_IDS: readonly string[] = ['stand-in-v1'];

/** The id a stored id stands for today: a retired stand-in id becomes the default stand-in's. */
export function currentModelId(id: string): string {
  return LEGACY_STANDIN_IDS.includes(id) ? STANDIN_MODEL_ID : id;
}
