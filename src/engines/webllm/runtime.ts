import type { ChatEngine, WebLLMRuntime } from './chat-engine';
import { EngineError } from './errors';
import { keepWebLLMForOffline, webllmChunkIn } from './offline-copy';

type WebLLMModule = typeof import('@mlc-ai/web-llm');

/**
 * WebLLM's chunk after an import of it failed, and the retries since. A browser keeps a failed
 * module import's outcome for the worker's life (Chromium 150 does, as the HTML standard's
 * module map says): importing the same URL again fails without asking the network, so "Read the
 * model list again" could never succeed without a reload. The same file under another query
 * string is a module not tried yet.
 */
let failedChunk: { url: string; retries: number } | null = null;

function importWebLLM(): Promise<WebLLMModule> {
  if (!failedChunk) return import('@mlc-ai/web-llm');
  failedChunk.retries++;
  const url = `${failedChunk.url}?retry=${failedChunk.retries}`;
  return import(/* @vite-ignore */ url) as Promise<WebLLMModule>;
}

/**
 * Loads WebLLM (about 6 MB) on demand. This dynamic import is the only place the app pulls in
 * `@mlc-ai/web-llm` at run time, and only the worker calls it.
 */
export async function importWebLLMRuntime(): Promise<WebLLMRuntime> {
  const webllm = await importWebLLM().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    // Browsers that name the file in their message (Chromium, Firefox) can be retried in place.
    const url = webllmChunkIn(message);
    if (!failedChunk && url) failedChunk = { url, retries: 0 };
    // The browser's words name a file the user never asked for; say what it is and what to do.
    throw new EngineError('WebLLMUnreachableError', message);
  });
  void keepWebLLMForOffline();
  return {
    createEngine: (config): ChatEngine => new webllm.MLCEngine(config),
    hasModelInCache: (modelId, appConfig) => webllm.hasModelInCache(modelId, appConfig),
    deleteModelAllInfoInCache: (modelId, appConfig) =>
      webllm.deleteModelAllInfoInCache(modelId, appConfig),
    prebuiltAppConfig: webllm.prebuiltAppConfig,
  };
}
