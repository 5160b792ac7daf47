/**
 * The Cache Storage bucket where the service worker keeps app chunks it did not precache
 * (WebLLM's ~6 MB chunk). vite.config.ts names its runtime cache with this constant.
 */
export const APP_CHUNK_CACHE = 'copa-app-chunks';

/** The built name of WebLLM's chunk (fixed by vite.config.ts's worker chunkFileNames). */
const WEBLLM_CHUNK = /\/assets\/webllm-[\w-]+\.js$/;

/**
 * Puts WebLLM's chunk, just loaded by this worker, into the service worker's store. On a first
 * visit the worker starts before the service worker takes over, so its import bypasses it;
 * without this copy, a model downloaded on that visit could not be loaded offline. Best effort:
 * a missing Cache API, a dev build or a full disk leaves things as they were.
 */
export async function keepWebLLMForOffline(): Promise<void> {
  if (typeof caches === 'undefined' || typeof performance === 'undefined') return;
  const url = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .find((name) => WEBLLM_CHUNK.test(new URL(name).pathname));
  if (url === undefined) return;
  try {
    const cache = await caches.open(APP_CHUNK_CACHE);
    if ((await cache.match(url)) === undefined) await cache.add(url);
  } catch {
    // Offline use of real models is a convenience; the app works without it.
  }
}
