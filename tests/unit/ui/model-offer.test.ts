import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/engines/model-catalog';
import { fitCatalog } from '../../../src/engines/model-fit';
import { SimulatedRuntime } from '../../../src/engines/webllm/simulated-runtime';
import { modelOffer } from '../../../src/ui/lib/model-offer';

const GPU = { shaderF16: true, lowResourceOnly: false, weak: false };
const records = new SimulatedRuntime().prebuiltAppConfig;

describe("Optimize's offer of a real model to a stand-in user", () => {
  it('offers the suggested model when it fits this GPU', () => {
    const offer = modelOffer(fitCatalog(buildCatalog(records, GPU), 2048));
    expect(offer).toMatchObject({
      kind: 'download',
      entry: { modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC', tooLarge: false },
    });
  });

  it('offers no download when no model fits, and says why and what to do instead', () => {
    // 300 MB: below the smallest model's 376 MB, so the suggestion stays on a too-large model.
    const catalog = fitCatalog(buildCatalog(records, GPU), 300);
    expect(catalog.entries.every((e) => e.tooLarge)).toBe(true);
    const offer = modelOffer(catalog);
    expect(offer?.kind).toBe('none');
    if (offer?.kind !== 'none') return;
    expect(offer.reason).toContain("fits this GPU's memory (this device gives about 300 MB)");
    expect(offer.reason).toContain('Keep the stand-in');
    expect(offer.reason).toContain('local model server');
  });

  it('offers no download when the catalog suggests no model at all', () => {
    const offer = modelOffer(fitCatalog(buildCatalog({ model_list: [] }, GPU), null));
    expect(offer).toMatchObject({
      kind: 'none',
      reason: expect.stringContaining('runs on this GPU'),
    });
  });

  it('says nothing before the catalog is read', () => {
    expect(modelOffer(null)).toBeNull();
  });
});
