import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COPA_CONFIG,
  resolveCopaConfig,
} from '../../../../src/core/optimizers/copa-config';
import { COPA_SETTING_RANGES } from '../../../../src/core/optimizers/copa-setting-ranges';

describe('the library checks settings against the same ranges as the worker', () => {
  it('covers every numeric setting, and the defaults are inside their ranges', () => {
    const numeric = Object.entries(DEFAULT_COPA_CONFIG)
      .filter(([, value]) => typeof value === 'number')
      .map(([key]) => key)
      .sort();
    expect(Object.keys(COPA_SETTING_RANGES).sort()).toEqual(numeric);
    expect(() => resolveCopaConfig({})).not.toThrow();
  });

  it('accepts both ends of each range and refuses one step outside, in the form’s words', () => {
    for (const [key, r] of Object.entries(COPA_SETTING_RANGES)) {
      expect(() => resolveCopaConfig({ [key]: r.min })).not.toThrow();
      expect(() => resolveCopaConfig({ [key]: r.max })).not.toThrow();
      expect(() => resolveCopaConfig({ [key]: r.max + 1 })).toThrow(
        new RegExp(`"${key}": ${r.label} must be`),
      );
      expect(() => resolveCopaConfig({ [key]: r.min - 1 })).toThrow(RangeError);
    }
    expect(() => resolveCopaConfig({ cycles: 2.5 })).toThrow(
      'COPA setting "cycles": Cycles must be a whole number from 1 to 50 (got 2.5).',
    );
    expect(() => resolveCopaConfig({ acceptMargin: Number.NaN })).toThrow(RangeError);
  });
});
