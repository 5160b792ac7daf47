import { COPA_SETTING_RANGES, type SettingRange } from '../../optimizers/copa-setting-ranges';

/**
 * The limits of a data import, apart from the import code so that the page can check its form
 * against them without bundling the parsers (prepare.ts re-exports them for the worker).
 */
export const DEFAULT_IMPORT_LIMITS = {
  /** Larger files are refused before they are read. */
  maxBytes: 20 * 1024 * 1024,
  /** More rows than this are sampled down (seeded), so runs and the tab stay responsive. */
  maxRows: 5000,
  /**
   * The rows kept unless the user asks for more: 1,000 rows give 300 validation examples with the
   * default split, a run of a few thousand model calls; every extra validation example costs a
   * call per scored candidate.
   */
  suggestedRows: 1000,
};

/** The rows an import may keep: the form's box and the worker's check. */
export const IMPORT_ROWS_RANGE: SettingRange = {
  label: 'Rows to keep',
  min: 1,
  max: DEFAULT_IMPORT_LIMITS.maxRows,
  whole: true,
};

/** The split's seed goes to the same seeded generator as a run's, so it takes the run seed's range. */
export const IMPORT_SEED_RANGE: SettingRange = { ...COPA_SETTING_RANGES.seed, label: 'Split seed' };
