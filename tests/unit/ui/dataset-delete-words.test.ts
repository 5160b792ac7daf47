import { describe, expect, it } from 'vitest';
import { datasetDeleteWarning } from '../../../src/ui/library/dataset-delete-words';

describe('datasetDeleteWarning', () => {
  const runs = {
    past: [
      { name: 'First try', datasetId: 'd1' },
      { name: 'Built-in run' },
      { name: 'Other data', datasetId: 'd2' },
    ],
    unfinished: [{ name: 'Paused one', datasetId: 'd1' }],
  };

  it('names the runs made on the data and what each loses with it', () => {
    const words = datasetDeleteWarning('d1', runs);
    expect(words).toBe(
      '2 runs were made on this data: once it is deleted, the results of “First try” cannot be opened again, and “Paused one”, not finished, cannot be resumed. Their reports and programs stay.',
    );
  });

  it('speaks of one run in the singular', () => {
    expect(datasetDeleteWarning('d2', runs)).toBe(
      '1 run was made on this data: once it is deleted, the results of “Other data” cannot be opened again. Its report and its program stay.',
    );
  });

  it('says nothing of data no run used', () => {
    expect(datasetDeleteWarning('d3', runs)).toBe('');
  });
});
