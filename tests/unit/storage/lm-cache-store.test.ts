import { describe, expect, it } from 'vitest';
import { freshStore, putRaw, storeThatFills } from './test-stores';
import { IdbCacheStore } from '../../../src/storage/lm-cache-store';
import { CachedLM } from '../../../src/core/cache';
import type { LMResponse } from '../../../src/core/lm';
import { ScriptedLM } from '../helpers/scripted-lm';

const answer = (text: string): LMResponse => ({
  text,
  usage: { promptTokens: 10, completionTokens: 2, latencyMs: 5 },
  finishReason: 'stop',
});

describe('IdbCacheStore', () => {
  it('stores and returns answers; a missing key is a miss', async () => {
    const cache = new IdbCacheStore({ store: freshStore() });
    await cache.set('k1', answer('one'));
    expect(await cache.get('k1')).toEqual(answer('one'));
    expect(await cache.get('k2')).toBeUndefined();
    expect(await cache.stats()).toMatchObject({ entries: 1, hits: 1, misses: 1, evictions: 0 });
  });

  it('evicts the least recently used entry beyond the bound (a read counts as a use)', async () => {
    const cache = new IdbCacheStore({ store: freshStore(), maxEntries: 2 });
    await cache.set('a', answer('A'));
    await cache.set('b', answer('B'));
    await cache.get('a');
    await cache.set('c', answer('C'));
    expect(await cache.get('b')).toBeUndefined();
    expect((await cache.get('a'))?.text).toBe('A');
    expect((await cache.get('c'))?.text).toBe('C');
    expect(await cache.stats()).toMatchObject({ entries: 2, evictions: 1 });
  });

  it('counts the bytes it holds: up on a new answer, down on eviction, kept across a reload', async () => {
    const store = freshStore();
    const cache = new IdbCacheStore({ store, maxEntries: 2 });
    const size = (r: LMResponse): number => new TextEncoder().encode(JSON.stringify(r)).length;
    await cache.set('a', answer('short'));
    expect((await cache.stats()).bytes).toBe(size(answer('short')));
    await cache.set('b', answer('a much longer answer — with a dash'));
    await cache.set('a', answer('replaced'));
    const both = size(answer('replaced')) + size(answer('a much longer answer — with a dash'));
    expect((await cache.stats()).bytes).toBe(both);
    expect((await new IdbCacheStore({ store, maxEntries: 2 }).stats()).bytes).toBe(both);
    await cache.set('c', answer('C'));
    expect((await cache.stats()).bytes).toBe(size(answer('replaced')) + size(answer('C')));
    await cache.clear();
    expect((await cache.stats()).bytes).toBe(0);
  });

  it('remembers the recency order across instances (a reload)', async () => {
    const store = freshStore();
    const first = new IdbCacheStore({ store, maxEntries: 2 });
    await first.set('a', answer('A'));
    await first.set('b', answer('B'));
    await first.get('a');
    const second = new IdbCacheStore({ store, maxEntries: 2 });
    await second.set('c', answer('C'));
    expect(await second.get('b')).toBeUndefined();
    expect((await second.get('a'))?.text).toBe('A');
  });

  it('clear() empties it; damaged or newer entries read as misses', async () => {
    const store = freshStore();
    const cache = new IdbCacheStore({ store });
    await cache.set('a', answer('A'));
    await putRaw(store, 'bad', { schemaVersion: 1, lastUsed: 1, response: { nope: true } });
    await putRaw(store, 'future', { schemaVersion: 5, lastUsed: 1, response: answer('F') });
    expect(await cache.get('bad')).toBeUndefined();
    expect(await cache.get('future')).toBeUndefined();
    await cache.clear();
    expect(await cache.get('a')).toBeUndefined();
    expect((await cache.stats()).entries).toBe(0);
  });

  it('on a full disk frees the oldest entries and retries once', async () => {
    const { store, full } = storeThatFills(freshStore());
    const cache = new IdbCacheStore({ store });
    await cache.set('a', answer('A'));
    await cache.set('b', answer('B'));
    full.on = true;
    full.failures = 1;
    await cache.set('c', answer('C'));
    expect(await cache.get('a')).toBeUndefined();
    expect((await cache.get('b'))?.text).toBe('B');
    expect((await cache.get('c'))?.text).toBe('C');
  });

  it('if the disk stays full the quota error reaches the caller (CachedLM counts it)', async () => {
    const { store, full } = storeThatFills(freshStore());
    const cache = new IdbCacheStore({ store });
    await cache.set('a', answer('A'));
    full.on = true;
    await expect(cache.set('b', answer('B'))).rejects.toThrow(/storage for this site is full/);
    full.on = false;
    expect(await cache.get('b')).toBeUndefined();
  });

  it('serves CachedLM across sessions: a second run makes no model calls', async () => {
    const store = freshStore();
    const model1 = new ScriptedLM(() => 'answer', { id: 'm' });
    const lm1 = new CachedLM(model1, { store: new IdbCacheStore({ store }), memoryEntries: 0 });
    const request = {
      messages: [{ role: 'user' as const, content: 'hi' }],
      temperature: 0,
      topP: 1,
      maxTokens: 8,
      seed: 0,
    };
    await lm1.complete(request);
    const model2 = new ScriptedLM(() => 'other', { id: 'm' });
    const lm2 = new CachedLM(model2, { store: new IdbCacheStore({ store }), memoryEntries: 0 });
    const res = await lm2.complete(request);
    expect(res.text).toBe('answer');
    expect(res.cached).toBe(true);
    expect(model2.calls).toBe(0);
  });
});
