import { describe, expect, it } from 'vitest';
import { isLargeRun } from '../../../src/ui/optimize/large-run';

const estimate = (lmCalls: number) => ({ lmCalls, promptTokens: 0, completionTokens: 0 });

describe('isLargeRun', () => {
  it('warns above 2,000 calls or 400 validation examples, not for the built-in example', () => {
    expect(isLargeRun(estimate(28_986), 1500)).toBe(true);
    expect(isLargeRun(estimate(2001), 100)).toBe(true);
    expect(isLargeRun(estimate(900), 401)).toBe(true);
    expect(isLargeRun(estimate(900), 60)).toBe(false);
    expect(isLargeRun(null, 1500)).toBe(false);
  });
});
