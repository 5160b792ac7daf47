/**
 * The Cache Storage bucket where the service worker keeps app chunks it did not precache
 * (WebLLM's ~6 MB chunk). vite.config.ts names its runtime cache with this constant.
 */
export const APP_CHUNK_CACHE = 'copa-app-chunks';

/** The built name of WebLLM's chunk (fixed by vite.config.ts's worker chunkFileNames). */
const WEBLLM_CHUNK = /\/assets\/webllm-[\w-]+\.js$/;

/** The address of WebLLM's built chunk named in a text (a failed import's message), if any. */
export function webllmChunkIn(text: string): string | null {
  for (const [candidate] of text.matchAll(/https?:\/\/[^\s"'()]+/g)) {
    try {
      const url = new URL(candidate);
      if (WEBLLM_CHUNK.test(url.pathname)) return `${url.origin}${url.pathname}`;
    } catch {
      // Not an address after all.
    }
  }
  return null;
}

/**
 * Puts WebLLM's chunk, just loaded by this worker, into the service worker's store. On a first
 * visit the worker starts before the service worker takes over, so its import bypasses it;
 * without this copy, a model downloaded on that visit could not be loaded offline. Best effort:
 * a missing Cache API, a dev build or a full disk leaves things as they were.
 */
export async function keepWebLLMForOffline(): Promise<void> {
  if (typeof caches === 'undefined' || typeof performance === 'undefined') return;
  const loaded = performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .find((url) => WEBLLM_CHUNK.test(url.pathname));
  if (loaded === undefined) return;
  // Kept under its plain address, which a later visit asks for (a retry's query is left out).
  const url = `${loaded.origin}${loaded.pathname}`;
  try {
    const cache = await caches.open(APP_CHUNK_CACHE);
    if ((await cache.match(url)) === undefined) await cache.add(url);
  } catch {
    // Offline use of real models is a convenience; the app works without it.
  }
}
