import type { ChatEngine, WebLLMRuntime } from './chat-engine';
import { EngineError } from './errors';
import { keepWebLLMForOffline } from './offline-copy';

/**
 * Loads WebLLM (about 6 MB) on demand. This dynamic import is the only place the app pulls in
 * `@mlc-ai/web-llm` at run time, and only the worker calls it.
 */
export async function importWebLLMRuntime(): Promise<WebLLMRuntime> {
  const webllm = await import('@mlc-ai/web-llm').catch((err: unknown) => {
    // The browser's words name a file the user never asked for; say what it is and what to do.
    throw new EngineError(
      'WebLLMUnreachableError',
      err instanceof Error ? err.message : String(err),
    );
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
