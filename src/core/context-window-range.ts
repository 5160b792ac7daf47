import type { SettingRange } from './optimizers/copa-setting-ranges';

/**
 * A model's context window as the user gives it, in tokens: from the smallest window a run's
 * prompt fits in to well beyond any model's (a local server's model may have a long one).
 */
export const CONTEXT_WINDOW_RANGE: SettingRange = {
  label: 'The context window',
  min: 512,
  max: 10_000_000,
  whole: true,
};

/**
 * A WebLLM model's window: WebLLM sets aside GPU memory for all of it, so it goes no further
 * than 131,072 tokens, the longest any WebLLM model is built for.
 */
export const WEBLLM_CONTEXT_WINDOW_RANGE: SettingRange = { ...CONTEXT_WINDOW_RANGE, max: 131_072 };

/**
 * The window WebLLM's own models run with (their records' override), and so a model added by
 * address unless the user gives another: prompts are fitted to it and WebLLM is told it.
 */
export const WEBLLM_DEFAULT_CONTEXT_WINDOW = 4096;
