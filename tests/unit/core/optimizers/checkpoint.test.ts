import { describe, expect, it } from 'vitest';
import {
  partialBaselineExamples,
  partialBestExamples,
  type CopaCheckpoint,
} from '../../../../src/core/optimizers/checkpoint';

const cp = (baselineExamples: number | undefined, scored: number): CopaCheckpoint =>
  ({
    ...(baselineExamples !== undefined ? { baselineExamples } : {}),
    exampleScores: Array.from({ length: scored }, () => 1),
  }) as unknown as CopaCheckpoint;

describe('partialBaselineExamples', () => {
  it('is the minibatch examples a start program not scored in full rests on', () => {
    expect(partialBaselineExamples(cp(25, 60))).toBe(25);
    // No program scored in full yet (the first phase kept its start program on an estimate).
    expect(partialBaselineExamples(cp(25, 0))).toBe(25);
  });

  it('is 0 before a phase has scored the start program, and absent once scored in full', () => {
    expect(partialBaselineExamples(cp(0, 0))).toBe(0);
    expect(partialBaselineExamples(cp(60, 60))).toBeUndefined();
    // Checkpoints from before the start program was scored inside the first phase.
    expect(partialBaselineExamples(cp(undefined, 60))).toBeUndefined();
  });
});

describe('partialBestExamples', () => {
  it('is the minibatch examples of a start program kept while no program was scored in full', () => {
    expect(partialBestExamples(cp(25, 0))).toBe(25);
    // Once a program (the start program or a candidate) was scored in full, the best is a full score.
    expect(partialBestExamples(cp(25, 60))).toBeUndefined();
    // Nothing scored yet, or a checkpoint of an older version.
    expect(partialBestExamples(cp(0, 0))).toBeUndefined();
    expect(partialBestExamples(cp(undefined, 0))).toBeUndefined();
  });
});
