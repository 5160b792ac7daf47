import { describe, expect, it } from 'vitest';
import {
  copaConfigOf,
  DEFAULT_RUN_SETTINGS,
  runSettingsProblems,
  type RunSettings,
} from '../../../src/ui/run-settings';
import { checkRunSettings } from '../../../src/worker/schemas/run-settings';

// A number box the browser cannot read ("1e400", which is Infinity, or a blank one) gives the
// settings null through Svelte's bind:value.
const settings = (patch: Record<string, unknown>): RunSettings =>
  ({ ...DEFAULT_RUN_SETTINGS, ...patch }) as RunSettings;

describe('the run settings form refuses what no run could use', () => {
  it('accepts the defaults', () => {
    expect(runSettingsProblems(DEFAULT_RUN_SETTINGS)).toEqual({});
  });

  it('says, beside the box, the range a budget allows when it holds no number, Infinity or a negative', () => {
    for (const maxCalls of [null, Infinity, Number.NaN])
      expect(runSettingsProblems(settings({ maxCalls }))).toEqual({
        maxCalls: 'Max model calls must be a whole number from 0 to 10,000,000 (0 = no limit).',
      });
    expect(runSettingsProblems(settings({ maxCalls: -5 })).maxCalls).toBe(
      'Max model calls must be a whole number from 0 to 10,000,000 (0 = no limit), not -5.',
    );
    expect(runSettingsProblems(settings({ maxMinutes: null })).maxMinutes).toBe(
      'Max minutes must be from 0 to 43,200 (0 = no limit).',
    );
    expect(runSettingsProblems(settings({ maxMinutes: 2.5 }))).toEqual({});
  });

  it('refuses decimals where a whole number is needed, and values past the range', () => {
    expect(runSettingsProblems(settings({ cycles: 2.5 })).cycles).toBe(
      'Cycles must be a whole number from 1 to 50, not 2.5.',
    );
    expect(
      Object.keys(runSettingsProblems(settings({ seed: Number('1e400'), demoCandidates: 65 }))),
    ).toEqual(['demoCandidates', 'seed']);
  });

  it('never turns an unusable budget into "no limit": the worker refuses what the form let through', () => {
    for (const patch of [{ maxCalls: null }, { maxCalls: Infinity }, { maxMinutes: null }]) {
      const config = copaConfigOf(settings(patch));
      expect(Object.keys(config.budget ?? {})).toHaveLength(1);
      expect(() => checkRunSettings(config)).toThrow(/Max (model calls|time)/);
    }
    expect(copaConfigOf(settings({ maxCalls: 0, maxMinutes: 0 })).budget).toEqual({});
    expect(copaConfigOf(settings({ maxMinutes: 0.3 })).budget).toEqual({ maxWallMs: 18_000 });
  });
});
