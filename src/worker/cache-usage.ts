/**
 * Bytes a model occupies in WebLLM's Cache API storage ("webllm/model" holds the weight
 * shards), summed from the stored responses' Content-Length. Null when the browser has no
 * Cache API or the headers are missing.
 */
export async function cachedModelBytes(modelUrl: string): Promise<number | null> {
  if (typeof caches === 'undefined') return null;
  const prefix = modelBaseUrl(modelUrl);
  let total = 0;
  let known = false;
  for (const scope of ['webllm/model', 'webllm/config']) {
    const cache = await caches.open(scope);
    for (const request of await cache.keys()) {
      if (!request.url.startsWith(prefix)) continue;
      const response = await cache.match(request);
      const length = Number(response?.headers.get('content-length'));
      if (Number.isFinite(length) && length > 0) {
        total += length;
        known = true;
      }
    }
  }
  return known ? total : null;
}

/** Everything this site stores, from the Storage API. */
export async function storageEstimate(): Promise<{ usage: number | null; quota: number | null }> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate)
    return { usage: null, quota: null };
  const e = await navigator.storage.estimate();
  return { usage: e.usage ?? null, quota: e.quota ?? null };
}

/** The URL WebLLM fetches a model's files under (it adds "resolve/main/" to bare repos). */
export function modelBaseUrl(modelUrl: string): string {
  let url = modelUrl.endsWith('/') ? modelUrl : `${modelUrl}/`;
  if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
  return url;
}
