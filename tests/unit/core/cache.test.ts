import { describe, expect, it, vi } from 'vitest';
import { CachedLM, MemoryCacheStore, cacheKey, type CacheStore } from '../../../src/core/cache';
import { DEFAULT_SAMPLING, type LMRequest, type LMResponse } from '../../../src/core/lm';
import { ScriptedLM } from '../helpers/scripted-lm';

function request(user: string, extra: Partial<LMRequest> = {}): LMRequest {
  return { messages: [{ role: 'user', content: user }], ...DEFAULT_SAMPLING, ...extra };
}

const echo = (r: LMRequest, i: number): string => `${ScriptedLM.lastUser(r)}#${i}`;

describe('cacheKey', () => {
  it('is a 64-character hex SHA-256 independent of key order', async () => {
    const a = await cacheKey('m', request('hi'));
    const reordered: LMRequest = {
      seed: 0,
      maxTokens: 512,
      topP: 1,
      temperature: 0,
      messages: [{ content: 'hi', role: 'user' }],
    };
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await cacheKey('m', reordered)).toBe(a);
  });

  it('differs by model id, rolloutId and every sampling setting', async () => {
    const base = await cacheKey('m', request('hi'));
    const variants = await Promise.all([
      cacheKey('other-model', request('hi')),
      cacheKey('m', request('hi', { rolloutId: '1' })),
      cacheKey('m', request('hi', { temperature: 0.7 })),
      cacheKey('m', request('hi', { seed: 1 })),
      cacheKey('m', request('hi', { maxTokens: 10 })),
      cacheKey('m', request('hello')),
    ]);
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });
});

describe('CachedLM resuming an interrupted run', () => {
  it('reports the first hit on an answer its run paid for before the interruption as that call', async () => {
    const store = new MemoryCacheStore();
    const inner = new ScriptedLM(echo);
    // Before the interruption: this run's phase 1 asked x; another run asked y.
    await new CachedLM(inner, { store, origin: () => 'run-a:1' }).complete(request('x'));
    await new CachedLM(inner, { store, origin: () => 'run-b:1' }).complete(request('y'));
    // Resumed in phase 1, with no memory in front of the store (every hit reads it).
    const resumed = new CachedLM(inner, {
      store,
      memoryEntries: 0,
      origin: () => 'run-a:1',
      isReplay: (origin) => origin === 'run-a:1',
    });
    const x = await resumed.complete(request('x'));
    expect(x).toMatchObject({ text: 'x#0', cached: false, replayed: true });
    expect(x).not.toHaveProperty('origin');
    // Counted once: asked again, it is a free hit, as in the uninterrupted run.
    expect(await resumed.complete(request('x'))).toMatchObject({ cached: true });
    // Another run's answer is a free hit.
    expect(await resumed.complete(request('y'))).toMatchObject({ cached: true });
    // An answer the resumed run gets from the model itself is never counted twice.
    expect(await resumed.complete(request('z'))).toMatchObject({ cached: false });
    const z = await resumed.complete(request('z'));
    expect(z).toMatchObject({ cached: true });
    expect(z.replayed).toBeUndefined();
    expect(inner.calls).toBe(3);
  });
});

describe('CachedLM', () => {
  it('serves an identical request from the cache without reaching the model', async () => {
    const model = new ScriptedLM(echo);
    const lm = new CachedLM(model);
    const first = await lm.complete(request('q'));
    const second = await lm.complete(request('q'));
    expect(model.calls).toBe(1);
    expect(second.text).toBe(first.text);
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(lm.stats).toMatchObject({ hits: 1, misses: 1 });
    expect(lm.id).toBe(model.id);
  });

  it('calls the model again for a different rolloutId and never sends the rolloutId', async () => {
    const model = new ScriptedLM(echo);
    const lm = new CachedLM(model);
    const a = await lm.complete(request('q', { rolloutId: 'r1' }));
    const b = await lm.complete(request('q', { rolloutId: 'r2' }));
    expect(model.calls).toBe(2);
    expect(a.text).not.toBe(b.text);
    expect(model.requests.every((r) => !('rolloutId' in r))).toBe(true);
  });

  it('shares one model call between identical concurrent requests', async () => {
    const model = new ScriptedLM(echo, { delayMs: 5 });
    const lm = new CachedLM(model);
    const answers = await Promise.all([1, 2, 3].map(() => lm.complete(request('q'))));
    expect(model.calls).toBe(1);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers.filter((a) => a.cached).length).toBe(2);
  });

  it('makes its own call when the request it was sharing is cancelled by another caller', async () => {
    // The first call would take a minute (it is aborted); the second one answers at once.
    const model = new ScriptedLM(echo, { delayMs: (i) => (i === 0 ? 60_000 : 0) });
    const lm = new CachedLM(model);
    const controller = new AbortController();
    const first = lm.complete(request('q'), controller.signal);
    // Once the first call is inside the model, the second one joins it.
    await vi.waitFor(() => expect(model.calls).toBe(1));
    const second = lm.complete(request('q'));
    controller.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    const answer = await second;
    expect(answer.text).toBe('q#1');
    expect(model.calls).toBe(2);
  });

  it('does not cache a failed call', async () => {
    let fail = true;
    const model = new ScriptedLM(() => {
      if (fail) throw new Error('engine crashed');
      return 'ok';
    });
    const lm = new CachedLM(model);
    await expect(lm.complete(request('q'))).rejects.toThrow('engine crashed');
    fail = false;
    expect((await lm.complete(request('q'))).text).toBe('ok');
    expect(model.calls).toBe(2);
  });

  it('rejects at once when the signal is already aborted, without calling the model', async () => {
    const model = new ScriptedLM(echo);
    const lm = new CachedLM(model);
    const controller = new AbortController();
    controller.abort();
    await expect(lm.complete(request('q'), controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(model.calls).toBe(0);
  });

  it('reads answers back from a persistent store in a fresh instance', async () => {
    const store = new MemoryCacheStore();
    const model = new ScriptedLM(echo);
    await new CachedLM(model, { store }).complete(request('q'));
    expect(store.size).toBe(1);
    const fresh = new CachedLM(model, { store });
    const again = await fresh.complete(request('q'));
    expect(again).toMatchObject({ text: 'q#0', cached: true });
    expect(model.calls).toBe(1);
  });

  it('evicts the least recently used entry beyond the memory bound', async () => {
    const model = new ScriptedLM(echo);
    const lm = new CachedLM(model, { memoryEntries: 2 });
    await lm.complete(request('a'));
    await lm.complete(request('b'));
    await lm.complete(request('a')); // a is now the most recent
    await lm.complete(request('c')); // evicts b
    expect(model.calls).toBe(3);
    await lm.complete(request('a'));
    expect(model.calls).toBe(3);
    await lm.complete(request('b'));
    expect(model.calls).toBe(4);
  });

  it('keeps working (as a miss) when the store fails', async () => {
    const broken: CacheStore = {
      get: () => Promise.reject(new Error('quota')),
      set: (_key: string, _value: LMResponse) => Promise.reject(new Error('quota')),
    };
    const model = new ScriptedLM(echo);
    const lm = new CachedLM(model, { store: broken, memoryEntries: 0 });
    expect((await lm.complete(request('q'))).text).toBe('q#0');
    expect(lm.stats.storeErrors).toBe(2);
  });
});
