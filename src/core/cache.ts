import { AbortedError, throwIfAborted } from './errors';
import { jsonDigest } from './json-digest';
import type { LanguageModel, LMRequest, LMResponse } from './lm';

/**
 * A stored answer: the response, and where in which run its call was made (`origin`, see
 * CachedLMOptions), so a resumed run can tell its own lost calls from other answers.
 */
export type CachedAnswer = LMResponse & { origin?: string };

/** Durable storage for cached completions (IndexedDB in the app, a Map in tests). */
export interface CacheStore {
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, value: CachedAnswer): Promise<void>;
}

/** A CacheStore kept in memory only; unbounded, so meant for tests and short sessions. */
export class MemoryCacheStore implements CacheStore {
  private readonly entries = new Map<string, CachedAnswer>();

  async get(key: string): Promise<CachedAnswer | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, value: CachedAnswer): Promise<void> {
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * SHA-256 hex of the canonical JSON of the model's identity (its `cacheIdentity`, else its id)
 * and the full request (rolloutId included), hashed synchronously (jsonDigest): an asynchronous
 * WebCrypto digest per call dominated the optimizer's per-call overhead.
 */
export async function cacheKey(modelId: string, request: LMRequest): Promise<string> {
  return jsonDigest({ model: modelId, request });
}

export interface CachedLMOptions {
  store?: CacheStore;
  /** Entries kept in the in-memory LRU in front of the store (default 1000). */
  memoryEntries?: number;
  /** Where in the run a call is made now (e.g. run tag and phase): stored with its answer. */
  origin?: () => string;
  /**
   * True for the origin of a call this run made before it was interrupted inside a phase, which
   * the resumed run makes again: the first hit on such a stored answer is reported as that call
   * (`replayed`), not as a free hit, so the resumed run spends its budget as the uninterrupted
   * run did (the model is still not called: the answer was paid for once).
   */
  isReplay?: (origin: string) => boolean;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Store reads/writes that failed; the cache then behaves as a miss / skips the write. */
  storeErrors: number;
}

/**
 * Serves identical requests from a cache instead of the model. Identical requests made while
 * the first is still running share its answer. The rolloutId is part of the key but is never
 * sent to the inner model.
 */
export class CachedLM implements LanguageModel {
  readonly id: string;
  readonly cacheIdentity: string | undefined;
  readonly contextWindow: number | undefined;
  readonly stats: CacheStats = { hits: 0, misses: 0, storeErrors: 0 };
  private readonly inner: LanguageModel;
  private readonly store: CacheStore | undefined;
  private readonly memoryEntries: number;
  private readonly memory = new Map<string, LMResponse>();
  private readonly inFlight = new Map<string, Promise<LMResponse>>();
  private readonly origin: (() => string) | undefined;
  private readonly isReplay: ((origin: string) => boolean) | undefined;
  /** Keys this model has counted as a call: its own misses and the replays it reported. */
  private readonly counted = new Set<string>();

  constructor(inner: LanguageModel, opts: CachedLMOptions = {}) {
    this.inner = inner;
    this.id = inner.id;
    this.cacheIdentity = inner.cacheIdentity;
    this.contextWindow = inner.contextWindow;
    this.store = opts.store;
    this.memoryEntries = Math.max(0, opts.memoryEntries ?? 1000);
    this.origin = opts.origin;
    this.isReplay = opts.isReplay;
  }

  async complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    if (signal?.aborted) throw new AbortedError();
    const key = await cacheKey(this.cacheIdentity ?? this.id, request);
    throwIfAborted(signal);

    const remembered = this.memory.get(key);
    if (remembered) {
      this.remember(key, remembered);
      return this.hit(remembered);
    }

    const running = this.inFlight.get(key);
    if (running) {
      try {
        const shared = await raceAbort(running, signal);
        return this.hit(shared);
      } catch (err) {
        // The first caller was cancelled, not us: make the call ourselves.
        if (isAbort(err) && !signal?.aborted) return this.complete(request, signal);
        throw err;
      }
    }

    const pending = this.lookupOrCall(key, request, signal);
    this.inFlight.set(key, pending);
    try {
      return await pending;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async lookupOrCall(
    key: string,
    request: LMRequest,
    signal: AbortSignal | undefined,
  ): Promise<LMResponse> {
    const stored = await this.readStore(key);
    if (stored) {
      const { origin, ...answer } = stored;
      this.remember(key, answer);
      if (origin !== undefined && !this.counted.has(key) && this.isReplay?.(origin)) {
        this.counted.add(key);
        this.stats.hits++;
        return { ...answer, usage: { ...answer.usage }, cached: false, replayed: true };
      }
      return this.hit(answer);
    }
    this.stats.misses++;
    this.counted.add(key);
    const { rolloutId: _rolloutId, ...sent } = request;
    const response = await this.inner.complete(sent, signal);
    // A cut-off (aborted) answer is not what this request would normally give: never cache it.
    if (response.finishReason !== 'abort') {
      const value: LMResponse = { ...response, cached: false };
      this.remember(key, value);
      const origin = this.origin?.();
      await this.writeStore(key, origin === undefined ? value : { ...value, origin });
    }
    return { ...response, cached: false };
  }

  private hit(value: LMResponse): LMResponse {
    this.stats.hits++;
    return { ...value, usage: { ...value.usage }, cached: true };
  }

  /** Inserts or refreshes an entry as most recently used, evicting the oldest beyond the bound. */
  private remember(key: string, value: LMResponse): void {
    if (this.memoryEntries === 0) return;
    this.memory.delete(key);
    this.memory.set(key, value);
    while (this.memory.size > this.memoryEntries) {
      const oldest = this.memory.keys().next();
      if (oldest.done) break;
      this.memory.delete(oldest.value);
    }
  }

  private async readStore(key: string): Promise<CachedAnswer | undefined> {
    if (!this.store) return undefined;
    try {
      return await this.store.get(key);
    } catch {
      this.stats.storeErrors++;
      return undefined;
    }
  }

  private async writeStore(key: string, value: CachedAnswer): Promise<void> {
    if (!this.store) return;
    try {
      await this.store.set(key, value);
    } catch {
      this.stats.storeErrors++;
    }
  }
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

/** Waits for a shared promise, but gives up as soon as this caller's own signal aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AbortedError());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
