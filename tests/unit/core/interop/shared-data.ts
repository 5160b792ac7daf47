import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** ../shared/data next to the project root; absent in a fresh clone outside CI. */
export const SHARED_DATA_DIR = resolve(__dirname, '../../../../../shared/data');
export const HAS_SHARED_DATA = existsSync(resolve(SHARED_DATA_DIR, 'dspy-programs'));
export const SKIP_NOTE = HAS_SHARED_DATA ? '' : ' [SKIPPED: ../shared/data is absent]';

if (!HAS_SHARED_DATA)
  console.warn(`Skipping tests on real files: ${SHARED_DATA_DIR} does not exist.`);

export function readSharedText(relative: string): string {
  return readFileSync(resolve(SHARED_DATA_DIR, relative), 'utf8');
}

export function readSharedBytes(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(SHARED_DATA_DIR, relative)));
}
