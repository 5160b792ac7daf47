import type { AppConfig } from '@mlc-ai/web-llm';
import { AbortedError } from '../../core/errors';
import type { WebLLMRuntime } from './chat-engine';
import { toLoadProgress, type LoadProgress } from './load-progress';
import { mapWebLLMError } from './map-error';
import { measureSpeed } from './measure-speed';
import type { ModelSpeed } from '../../core/time-estimate';
import { WebLLMModel, type WebLLMModelOptions } from './webllm-model';

export interface LoadWebLLMOptions extends WebLLMModelOptions {
  modelId: string;
  appConfig: AppConfig;
  onProgress?: (progress: LoadProgress) => void;
  /** Aborting unloads the engine, which stops the download. */
  signal?: AbortSignal;
  /**
   * Whether the model thinks is not known (one added by address): the warm-up finds out, and a
   * model found thinking has its thinking turned off from then on.
   */
  detectThinking?: boolean;
}

/**
 * Creates an engine and loads one model into it (downloading it the first time). Failures come
 * back as named EngineErrors; a cancelled load as AbortedError.
 */
export async function loadWebLLMModel(
  runtime: WebLLMRuntime,
  opts: LoadWebLLMOptions,
): Promise<{
  model: WebLLMModel;
  unload: () => Promise<void>;
  /**
   * A short warm-up that measures the model's speed (see measureSpeed); a model it finds
   * thinking (detectThinking) answers with its thinking off from then on.
   */
  measureSpeed: (signal?: AbortSignal) => Promise<ModelSpeed | null>;
}> {
  if (opts.signal?.aborted) throw new AbortedError();
  const engine = runtime.createEngine({
    appConfig: opts.appConfig,
    initProgressCallback: (report) => opts.onProgress?.(toLoadProgress(report)),
  });
  const stop = (): void => void engine.unload().catch(() => undefined);
  opts.signal?.addEventListener('abort', stop, { once: true });
  try {
    await engine.reload(opts.modelId);
  } catch (err) {
    if (opts.signal?.aborted) throw new AbortedError();
    await engine.unload().catch(() => undefined);
    throw mapWebLLMError(err);
  } finally {
    opts.signal?.removeEventListener('abort', stop);
  }
  // WebLLM swallows an aborted reload and returns normally.
  if (opts.signal?.aborted) throw new AbortedError();
  const model = new WebLLMModel(engine, opts.modelId, opts);
  return {
    model,
    unload: () => engine.unload(),
    measureSpeed: async (signal) => {
      const reading = await measureSpeed(engine, signal, undefined, {
        thinkingOff: model.thinkingOff,
        detectThinking: opts.detectThinking === true,
      });
      if (reading.thinkingFound) model.turnThinkingOff();
      return reading.speed;
    },
  };
}
