import { existsSync } from 'node:fs';
import { SHARED_DATA_DIR, sharedDataPath } from '../../../scripts/bench/shared-datasets';

/** The bench's public datasets (../shared/data); absent in a fresh clone outside CI. */
export const HAS_BENCH_DATA = ['trec', 'sst2', 'clinc150', 'gsm8k'].every((d) =>
  existsSync(sharedDataPath(d)),
);
export const SKIP_NOTE = HAS_BENCH_DATA ? '' : ' [SKIPPED: ../shared/data is absent]';

if (!HAS_BENCH_DATA)
  console.warn(`Skipping the bench's tests on public data: ${SHARED_DATA_DIR} is incomplete.`);

export const benchDataPath = sharedDataPath;
