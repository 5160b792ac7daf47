import { describe, expect, it } from 'vitest';
import { DataImportState } from '../../../src/ui/data/data-import-state.svelte';
import type { CopaClient } from '../../../src/worker/client';

describe('DataImportState.pick', () => {
  it('refuses a file over the limit with the limit in whole megabytes, as the worker says it', async () => {
    const state = new DataImportState({} as CopaClient);
    // A File whose size is over 20 MB without 20 MB of memory: only `size` is read.
    const big = { name: 'big.csv', size: 22_020_268 } as File;
    await state.pick(big);
    expect(state.error?.name).toBe('FileTooLargeError');
    expect(state.error?.message).toBe(
      'big.csv is 21.0 MB; the playground imports files up to 20 MB. Use a smaller sample of the data.',
    );
  });
});
