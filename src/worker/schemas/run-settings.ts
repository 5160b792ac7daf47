import * as v from 'valibot';
import { CopaError } from '../../core/errors';
import type { CopaConfig } from '../../core/optimizers/copa-config';
import {
  BUDGET_RANGES,
  COPA_SETTING_RANGES,
  inRange,
  rangeWords,
  type SettingRange,
} from '../../core/optimizers/copa-setting-ranges';

function bounded(r: SettingRange): v.GenericSchema<number> {
  return v.pipe(
    v.number(`${r.label} must be a number`),
    v.check((n) => inRange(r, n), rangeWords(r)),
  );
}

const numbers = (
  ranges: Readonly<Record<string, SettingRange>>,
): Record<string, v.GenericSchema<number | undefined>> =>
  Object.fromEntries(Object.entries(ranges).map(([k, r]) => [k, v.optional(bounded(r))]));

const runSettings = v.looseObject({
  ...numbers(COPA_SETTING_RANGES),
  startWith: v.optional(v.picklist(['compilation', 'prompt'], 'Start with must be a phase')),
  stepMode: v.optional(v.boolean('Step mode must be on or off')),
  budget: v.optional(v.looseObject(numbers(BUDGET_RANGES))),
});

/** A run setting is out of its range; the message names the setting and the range. */
export class RunSettingsError extends CopaError {
  constructor(message: string) {
    super('RunSettingsError', message);
  }
}

/**
 * Checks a request's settings (overview, start, resume) against COPA_SETTING_RANGES, in the
 * worker for every request and not only in the form; throws RunSettingsError.
 */
export function checkRunSettings(config: unknown): Partial<CopaConfig> {
  if (config === undefined) return {};
  const parsed = v.safeParse(runSettings, config);
  if (!parsed.success) {
    const input: unknown = parsed.issues[0]?.input;
    // An emptied number input arrives as null (or ''): say so in words.
    const got = input === null || input === '' ? 'it is empty' : `got ${String(input)}`;
    throw new RunSettingsError(
      `${parsed.issues[0]?.message ?? 'The run settings are not valid'} (${got}). Change it and try again.`,
    );
  }
  return parsed.output as Partial<CopaConfig>;
}
