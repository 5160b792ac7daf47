import type {
  AppConfig,
  ChatCompletion,
  ChatCompletionRequestNonStreaming,
  InitProgressReport,
} from '@mlc-ai/web-llm';

/**
 * The part of WebLLM's MLCEngine this app uses. Keeping it this narrow lets unit tests stand
 * in for the engine; `runtime.ts` checks that the real MLCEngine fits it.
 */
export interface ChatEngine {
  chat: {
    completions: {
      create(request: ChatCompletionRequestNonStreaming): Promise<ChatCompletion>;
    };
  };
  interruptGenerate(): void | Promise<void>;
  /** Forgets the conversation (and its KV cache); optional so older stand-ins still fit. */
  resetChat?(): Promise<void>;
  reload(modelId: string): Promise<void>;
  unload(): Promise<void>;
}

export interface ChatEngineConfig {
  appConfig: AppConfig;
  initProgressCallback?: (report: InitProgressReport) => void;
}

/** What the worker needs from the WebLLM module: an engine factory and the cache functions. */
export interface WebLLMRuntime {
  createEngine(config: ChatEngineConfig): ChatEngine;
  hasModelInCache(modelId: string, appConfig: AppConfig): Promise<boolean>;
  deleteModelAllInfoInCache(modelId: string, appConfig: AppConfig): Promise<void>;
  readonly prebuiltAppConfig: AppConfig;
}
