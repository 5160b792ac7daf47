import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../../src/engines/model-catalog';
import {
  fitCatalog,
  gpuMemoryBudgetMB,
  LOW_RESOURCE_BUDGET_MB,
  markTooLarge,
} from '../../../src/engines/model-fit';

function entry(modelId: string, memoryMB: number | null): CatalogEntry {
  return {
    modelId,
    label: modelId,
    quantization: 'q4f16_1',
    needsShaderF16: true,
    paramsBillions: null,
    downloadMBEstimate: null,
    memoryMB,
    contextWindow: 4096,
    lowResource: false,
    thinking: false,
    custom: false,
  };
}

const entries = [
  entry('small', 944),
  entry('phi-f16', 3672),
  entry('phi-f32', 5483),
  entry('?', null),
];

describe('catalog honesty', () => {
  it('estimates the budget from device memory and the low-resource class; unknown is null', () => {
    expect(gpuMemoryBudgetMB({ deviceMemoryGB: 8 })).toBe(4096);
    expect(gpuMemoryBudgetMB({ deviceMemoryGB: 8, lowResourceOnly: true })).toBe(
      LOW_RESOURCE_BUDGET_MB,
    );
    expect(gpuMemoryBudgetMB({})).toBeNull();
    expect(gpuMemoryBudgetMB({ deviceMemoryGB: Number.NaN })).toBeNull();
  });

  it('marks models needing more than the budget, and none when the budget is unknown', () => {
    const fitted = markTooLarge(entries, 4096);
    expect(fitted.filter((e) => e.tooLarge).map((e) => e.modelId)).toEqual(['phi-f32']);
    expect(fitted.find((e) => e.modelId === 'phi-f32')?.fitNote).toMatch(/Too large.*5,483 MB/);
    expect(markTooLarge(entries, 2048).filter((e) => e.tooLarge)).toHaveLength(2);
    expect(markTooLarge(entries, null).some((e) => e.tooLarge)).toBe(false);
  });
});

describe('fitCatalog', () => {
  const catalog = { entries, defaultModelId: 'phi-f16', omitted: [] };

  it('moves the suggestion off a model too large for this GPU, to the largest that fits', () => {
    const fitted = fitCatalog(
      { ...catalog, entries: [entry('tiny', 376), entry('small', 944), ...entries.slice(1)] },
      2048,
    );
    expect(fitted.memoryBudgetMB).toBe(2048);
    expect(fitted.defaultModelId).toBe('small');
    expect(fitted.entries.filter((e) => e.tooLarge).map((e) => e.modelId)).toEqual([
      'phi-f16',
      'phi-f32',
    ]);
  });

  it('keeps the suggestion when the memory is unknown or it fits', () => {
    expect(fitCatalog(catalog, null).defaultModelId).toBe('phi-f16');
    expect(fitCatalog(catalog, 4096).defaultModelId).toBe('phi-f16');
  });
});
