import { describe, expect, it } from 'vitest';
import { DEFAULT_COPA_CONFIG } from '../../../src/core/optimizers/copa-config';
import { createCopaService } from '../../../src/worker/service';
import { COPA_SETTING_RANGES } from '../../../src/core/optimizers/copa-setting-ranges';
import { checkRunSettings, RunSettingsError } from '../../../src/worker/schemas/run-settings';
import { adapterEnv, deps } from './fakes';

const task = { kind: 'builtin' as const, taskId: 'ticket-routing' };

describe('run settings are bounded in the worker', () => {
  it('accepts the defaults and every range end', () => {
    expect(checkRunSettings(DEFAULT_COPA_CONFIG)).toMatchObject({ cycles: 3 });
    for (const [key, r] of Object.entries(COPA_SETTING_RANGES)) {
      expect(() => checkRunSettings({ [key]: r.min })).not.toThrow();
      expect(() => checkRunSettings({ [key]: r.max })).not.toThrow();
    }
  });

  it.each<[Record<string, unknown>, RegExp]>([
    [
      { cycles: 100_000_000_000 },
      /Cycles must be a whole number from 1 to 50 \(got 100000000000\)/,
    ],
    [{ cycles: 0 }, /Cycles must be/],
    [{ cycles: 2.5 }, /Cycles must be a whole number/],
    [{ cycles: Number.NaN }, /Cycles must be a number/],
    [{ demoCandidates: Number.POSITIVE_INFINITY }, /Demo-set candidates must be/],
    [{ minibatchSize: 1e9 }, /Minibatch size must be a whole number from 1 to 5,000/],
    [{ budget: { maxCalls: 1e12 } }, /Max model calls must be/],
    [{ startWith: 'nap' }, /Start with must be a phase/],
  ])('refuses %j by name', (config, message) => {
    expect(() => checkRunSettings(config)).toThrow(RunSettingsError);
    expect(() => checkRunSettings(config)).toThrow(message);
  });

  it('says an emptied field is empty, not "got null"', () => {
    // An emptied number input is bound as null.
    expect(() => checkRunSettings({ cycles: null })).toThrow(
      'Cycles must be a number (it is empty). Change it and try again.',
    );
  });

  it('refuses a huge cycle count for the estimate and for a run, at once', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await service.useStandIn(0);
    const huge = { cycles: 100_000_000_000 };
    await expect(service.taskOverview({ task, config: huge })).rejects.toMatchObject({
      name: 'RunSettingsError',
    });
    await expect(service.startRun({ task, config: huge }, () => undefined)).rejects.toMatchObject({
      name: 'RunSettingsError',
      message: expect.stringMatching(/Cycles must be/),
    });
    // The worker is still free: a sane request is answered.
    expect(
      (await service.taskOverview({ task, config: { cycles: 2 } })).estimate.lmCalls,
    ).toBeGreaterThan(0);
  });
});
