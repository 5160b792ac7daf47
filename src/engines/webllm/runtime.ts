import type { ChatEngine, WebLLMRuntime } from './chat-engine';
import { keepWebLLMForOffline } from './offline-copy';

/**
 * Loads WebLLM (about 6 MB) on demand. This dynamic import is the only place the app pulls in
 * `@mlc-ai/web-llm` at run time, and only the worker calls it.
 */
export async function importWebLLMRuntime(): Promise<WebLLMRuntime> {
  const webllm = await import('@mlc-ai/web-llm');
  void keepWebLLMForOffline();
  return {
    createEngine: (config): ChatEngine => new webllm.MLCEngine(config),
    hasModelInCache: (modelId, appConfig) => webllm.hasModelInCache(modelId, appConfig),
    deleteModelAllInfoInCache: (modelId, appConfig) =>
      webllm.deleteModelAllInfoInCache(modelId, appConfig),
    prebuiltAppConfig: webllm.prebuiltAppConfig,
  };
}
