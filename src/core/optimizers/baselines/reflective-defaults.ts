/**
 * Settings of Ax's AxGEPA (ax-llm/ax, src/ax/dsp/optimizers/gepa.ts) that the reflective search
 * keeps: 30 trials, a reflection minibatch of 20 training examples, and a stop after 5 trials in
 * a row that bring nothing (a child below its parent on the minibatch, or not above the best on
 * the full validation set).
 */
export const REFLECTIVE_DEFAULTS = Object.freeze({
  trials: 30,
  minibatch: 20,
  patience: 5,
});
