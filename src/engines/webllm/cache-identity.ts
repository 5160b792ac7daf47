import type { ModelRecord } from '@mlc-ai/web-llm';
import { version as WEBLLM_VERSION } from '@mlc-ai/web-llm/package.json';

/**
 * A loaded WebLLM model's answer-cache identity: its id with the URLs of its weights and its
 * compiled library and WebLLM's version. A custom model re-added under the same id with other
 * files, or a WebLLM update that changes generation, then starts a fresh cache instead of being
 * served the old model's answers.
 */
export function webllmCacheIdentity(
  modelId: string,
  record: Pick<ModelRecord, 'model' | 'model_lib'> | undefined,
  webllmVersion: string = WEBLLM_VERSION,
): string {
  return JSON.stringify({
    model: `webllm:${modelId}`,
    weights: record?.model ?? null,
    library: record?.model_lib ?? null,
    webllm: webllmVersion,
  });
}
