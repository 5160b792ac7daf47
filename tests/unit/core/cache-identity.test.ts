import { describe, expect, it } from 'vitest';
import { CachedLM, MemoryCacheStore } from '../../../src/core/cache';
import { DEFAULT_SAMPLING, type LMRequest } from '../../../src/core/lm';
import { GuardedLM } from '../../../src/core/guarded-lm';
import { YieldingLM } from '../../../src/core/yielding-lm';
import { webllmCacheIdentity } from '../../../src/engines/webllm/cache-identity';
import { StandInModel } from '../../../src/engines/standin/standin-model';

const request: LMRequest = {
  messages: [{ role: 'user', content: '[[ ## ticket ## ]]\nI was charged twice' }],
  ...DEFAULT_SAMPLING,
  temperature: 0.7,
};

describe('the answer cache keys on what makes a model distinct', () => {
  it('gives two stand-ins with other seeds their own answers, through the wrappers', async () => {
    const store = new MemoryCacheStore();
    const a = new StandInModel({ seed: 1 });
    const b = new StandInModel({ seed: 2 });
    expect(a.id).toBe(b.id);
    expect(a.cacheIdentity).not.toBe(b.cacheIdentity);
    const wrapped = (m: StandInModel): CachedLM =>
      new CachedLM(new GuardedLM(new YieldingLM(m), () => undefined), { store });
    await wrapped(a).complete(request);
    const second = wrapped(b);
    await second.complete(request);
    expect(second.stats).toMatchObject({ hits: 0, misses: 1 });
    expect(store.size).toBe(2);
    const again = wrapped(a);
    await again.complete(request);
    expect(again.stats).toMatchObject({ hits: 1 });
  });

  it('tells WebLLM models apart by weights, library and WebLLM version', () => {
    const record = { model: 'https://host/a-weights', model_lib: 'https://host/a.wasm' };
    const base = webllmCacheIdentity('Custom-q4f16_1-MLC', record, '0.2.86');
    expect(
      new Set([
        base,
        webllmCacheIdentity(
          'Custom-q4f16_1-MLC',
          { ...record, model: 'https://other/w' },
          '0.2.86',
        ),
        webllmCacheIdentity(
          'Custom-q4f16_1-MLC',
          { ...record, model_lib: 'https://h/b.wasm' },
          '0.2.86',
        ),
        webllmCacheIdentity('Custom-q4f16_1-MLC', record, '0.2.87'),
        webllmCacheIdentity('Other-q4f16_1-MLC', record, '0.2.86'),
      ]).size,
    ).toBe(5);
    expect(webllmCacheIdentity('Custom-q4f16_1-MLC', record, '0.2.86')).toBe(base);
    expect(webllmCacheIdentity('Custom-q4f16_1-MLC', record)).toContain('"webllm":"0.2.');
  });
});
