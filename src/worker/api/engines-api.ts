import type { GpuReport } from '../../engines/gpu-probe';
import type { FittedCatalog, FittedEntry } from '../../engines/model-fit';
import type { ModelSpeed } from '../../core/time-estimate';
import type { LoadProgress } from '../../engines/webllm/load-progress';
import type { UsageSummary } from '../../engines/webllm/webllm-model';
import type { AddressKind } from '../../engines/openai-server/address';
import type { WarmUpResult } from '../../engines/openai-server/server-model';

/** The catalog as the page sees it: entries too large for this GPU are marked. */
export type Catalog = FittedCatalog;
export type CatalogEntry = FittedEntry;
export type { AddressKind, GpuReport, LoadProgress, ModelSpeed, UsageSummary, WarmUpResult };

/** The model the worker currently answers with. */
export interface EngineStatus {
  kind: 'standin' | 'webllm' | 'server' | null;
  /** The LanguageModel id (part of cache keys), e.g. "webllm:Qwen2.5-0.5B-Instruct-q4f16_1-MLC". */
  modelId: string | null;
  /** What to show; the stand-in is always labeled as such. */
  label: string;
  /**
   * Set for a WebLLM model that thinks before answering, whose thinking COPA turns off on every
   * call: how COPA knows it thinks (the catalog says so, or the warm-up after loading showed it,
   * for a model added by address). A local server's connection says so in its warm-up.
   */
  thinkingOff?: ThinkingOffReason;
}

/** Why a model's thinking is turned off: the catalog says it thinks, or its warm-up showed it. */
export type ThinkingOffReason = 'catalog' | 'warm-up';

/** A model the user adds by address (their own hosting of MLC-compiled weights). */
export interface CustomModelInput {
  modelId: string;
  /** Base URL of the weights (a Hugging Face repo or any folder with mlc-chat-config.json). */
  modelUrl: string;
  /** URL of the compiled WebGPU library (.wasm). */
  modelLibUrl: string;
  contextWindow?: number;
  memoryMB?: number;
}

/** A local OpenAI-compatible server (Ollama, llama-server, LM Studio, vLLM). */
export interface ServerInput {
  /** E.g. http://127.0.0.1:11434; a trailing /v1 is accepted. */
  baseUrl: string;
  /** Sent as a bearer token; kept in the worker's memory only. */
  apiKey?: string;
  /** The user confirmed sending data to an address that is neither loopback nor private. */
  confirmPublic?: boolean;
}

/** What "Test connection" found. */
export interface ServerModels {
  baseUrl: string;
  addressKind: AddressKind;
  models: string[];
}

export interface ServerChoice extends ServerInput {
  model: string;
  /** The model's context window in tokens, when the user knows it (prompts are fitted to it). */
  contextWindow?: number;
}

/** The server model now answering, and what its warm-up call measured. */
export interface ServerConnection {
  status: EngineStatus;
  warmUp: WarmUpResult;
}

export interface CachedModel {
  modelId: string;
  label: string;
  /** Bytes stored for this model, or null when the browser does not say. */
  bytes: number | null;
}

export interface StorageReport {
  models: CachedModel[];
  /** Everything this site stores (models, datasets, runs), from navigator.storage.estimate(). */
  usageBytes: number | null;
  quotaBytes: number | null;
}

export type ProgressCallback = (progress: LoadProgress) => void;

/** The GPU, the model catalog and the one model the worker answers with. */
export interface EnginesApi {
  probe(): Promise<GpuReport>;
  catalog(): Promise<Catalog>;
  addCustomModel(input: CustomModelInput): Promise<Catalog>;
  loadModel(modelId: string, onProgress?: ProgressCallback): Promise<EngineStatus>;
  cancelLoad(): Promise<void>;
  /** `latencyMs` adds a wait per call so the stand-in paces like a real model. */
  useStandIn(seed?: number, latencyMs?: number): Promise<EngineStatus>;
  /** Lists the models of a local server (GET /v1/models). */
  testServer(input: ServerInput): Promise<ServerModels>;
  /** Answers with a local server's model from now on, after a warm-up call. */
  useServer(choice: ServerChoice): Promise<ServerConnection>;
  engineStatus(): Promise<EngineStatus>;
  modelUsage(): Promise<UsageSummary | null>;
  /** The loaded real model's speed, measured by a warm-up call after loading (null otherwise). */
  modelSpeed(): Promise<ModelSpeed | null>;
  /**
   * The ids of the catalog's models whose files this browser holds (they load offline); asked
   * apart from catalog() so the list shows before the cache is searched.
   */
  catalogDownloaded(): Promise<string[]>;
  cachedModels(): Promise<StorageReport>;
  deleteCachedModel(modelId: string): Promise<StorageReport>;
}
