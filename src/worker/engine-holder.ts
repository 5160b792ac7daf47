import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import type { LanguageModel } from '../core/lm';
import { probeGpu, type GpuReport, type ProbeEnvironment } from '../engines/gpu-probe';
import { buildCatalog, makeAppConfig, needsShaderF16 } from '../engines/model-catalog';
import {
  fitCatalog,
  gpuMemoryBudgetMB,
  type FittedCatalog,
  type FittedEntry,
} from '../engines/model-fit';
import type { ModelSpeed } from '../core/time-estimate';
import type { WebLLMRuntime } from '../engines/webllm/chat-engine';
import { EngineError } from '../engines/webllm/errors';
import { webllmCacheIdentity } from '../engines/webllm/cache-identity';
import { loadWebLLMModel, type LoadWebLLMOptions } from '../engines/webllm/load-model';
import type { LoadProgress } from '../engines/webllm/load-progress';
import type { UsageSummary, WebLLMModel } from '../engines/webllm/webllm-model';
import type {
  CachedModel,
  CustomModelInput,
  EngineStatus,
  ServerChoice,
  ServerConnection,
  ServerInput,
  ServerModels,
  StorageReport,
  ThinkingOffReason,
} from './api';
import { addressKind, normalizeBaseUrl } from '../engines/openai-server/address';
import { ServerError } from '../engines/openai-server/errors';
import { listServerModels } from '../engines/openai-server/list-models';
import { LocalServerModel } from '../engines/openai-server/server-model';
import { DelayedLM } from '../core/delayed-lm';
import { isRunStoppingError } from '../core/guarded-lm';
import { WorkerStateError } from './worker-errors';
import { AbortedError } from '../core/errors';
import { modelDisplayName } from '../core/model-name';
import {
  CONTEXT_WINDOW_RANGE,
  WEBLLM_CONTEXT_WINDOW_RANGE,
  WEBLLM_DEFAULT_CONTEXT_WINDOW,
} from '../core/context-window-range';
import { inRange, rangeWords } from '../core/optimizers/copa-setting-ranges';

export interface EngineHolderDeps {
  probeEnvironment: () => ProbeEnvironment;
  /** Loads WebLLM on first use (a dynamic import in the app, a fake in tests). */
  webllm: () => Promise<WebLLMRuntime>;
  makeStandIn: (seed: number) => LanguageModel;
  cachedBytes?: (modelUrl: string) => Promise<number | null>;
  storageEstimate?: () => Promise<{ usage: number | null; quota: number | null }>;
  /** Reaches local servers (the global fetch by default). */
  fetch?: typeof fetch;
  /** Milliseconds before a server call fails with ServerTimeoutError (default 5 minutes). */
  serverTimeoutMs?: number;
}

type Current =
  | { kind: 'standin'; model: LanguageModel }
  | {
      kind: 'webllm';
      model: WebLLMModel;
      unload: () => Promise<void>;
      /** Measured by a warm-up call after loading; null when it could not be. */
      speed: ModelSpeed | null;
      /** Set when every call turns the model's thinking off, saying how COPA knows it thinks. */
      thinkingOff: ThinkingOffReason | null;
    }
  | { kind: 'server'; model: LocalServerModel };

export const STANDIN_LABEL = 'Stand-in model (simulated, no GPU; results are not from a real LM)';

/** Owns the GPU report, the catalog and the one model the worker answers with. */
export class EngineHolder {
  private report: GpuReport | null = null;
  private current: Current | null = null;
  private readonly custom: ModelRecord[] = [];
  private loadController: AbortController | null = null;

  constructor(private readonly deps: EngineHolderDeps) {}

  async probe(): Promise<GpuReport> {
    this.report ??= await probeGpu(this.deps.probeEnvironment());
    return this.report;
  }

  /** The catalog for this GPU, models too large for its estimated memory marked. */
  async catalog(): Promise<FittedCatalog> {
    const report = await this.probe();
    const runtime = await this.deps.webllm();
    const budget = gpuMemoryBudgetMB({
      deviceMemoryGB: this.deps.probeEnvironment().deviceMemoryGB,
      lowResourceOnly: report.lowResourceOnly,
    });
    return fitCatalog(buildCatalog(runtime.prebuiltAppConfig, report, this.custom), budget);
  }

  async addCustomModel(input: CustomModelInput): Promise<FittedCatalog> {
    // WebLLM finds a model by its id, the first record first: under a WebLLM model's id the
    // user's address would never be used (and the catalog would list the id twice).
    const runtime = await this.deps.webllm();
    if (runtime.prebuiltAppConfig.model_list.some((r) => r.model_id === input.modelId))
      throw new WorkerStateError(
        `WebLLM already has a model with the id "${input.modelId}", so its own files would be ` +
          'loaded, not the ones at your address. Give your model another id (say, with your ' +
          "name added) and add it again; to use WebLLM's, choose it in the list.",
      );
    const context = input.contextWindow ?? WEBLLM_DEFAULT_CONTEXT_WINDOW;
    if (!inRange(WEBLLM_CONTEXT_WINDOW_RANGE, context))
      throw new WorkerStateError(
        `${rangeWords(WEBLLM_CONTEXT_WINDOW_RANGE)} tokens, not ${context}: "${input.modelId}" ` +
          `was not added. Leave it empty for ${WEBLLM_DEFAULT_CONTEXT_WINDOW.toLocaleString('en')}.`,
      );
    const record: ModelRecord = {
      model: input.modelUrl,
      model_id: input.modelId,
      model_lib: input.modelLibUrl,
      ...(input.memoryMB !== undefined ? { vram_required_MB: input.memoryMB } : {}),
      // Told to WebLLM as its records tell theirs, so its window is the one prompts are fitted
      // to (unsaid, WebLLM would take the model's own config's, often far longer).
      overrides: { context_window_size: context },
    };
    // The catalog leaves out an f16 build on a GPU without shader-f16: say so here, rather
    // than add a model that never shows in the list.
    if (needsShaderF16(record) && !(await this.probe()).shaderF16)
      throw new EngineError('ShaderF16UnavailableError', `"${input.modelId}" was not added.`);
    const existing = this.custom.findIndex((r) => r.model_id === record.model_id);
    if (existing >= 0) this.custom.splice(existing, 1, record);
    else this.custom.push(record);
    return this.catalog();
  }

  /** Loads a catalog model, replacing the current engine. Checks the GPU before any download. */
  async load(modelId: string, onProgress?: (p: LoadProgress) => void): Promise<EngineStatus> {
    if (this.loadController)
      throw new WorkerStateError('A model is already loading; wait or cancel it first.');
    const report = await this.probe();
    if (!report.usable) throw new EngineError(noGpuError(report), report.findings.join(' '));
    const catalog = await this.catalog();
    const entry = catalog.entries.find((e) => e.modelId === modelId);
    if (!entry)
      throw new WorkerStateError(
        `"${modelId}" is not offered for this GPU${catalog.omitted.some((o) => o.modelId === modelId) ? ' (it needs shader-f16 or more memory)' : ''}.`,
      );
    const controller = new AbortController();
    this.loadController = controller;
    // The stand-in and a server hold no GPU memory: they stay the engine while the model loads,
    // and stay if the download fails, so a failed download never leaves the user with no model
    // at all. A WebLLM engine must be unloaded first (two models rarely fit in GPU memory, and
    // WebLLM's reload unloads what an engine holds): it is loaded again if the new one fails.
    const previous = this.current;
    if (previous?.kind === 'webllm') await this.release();
    try {
      const loaded = await this.loadFiles(entry, {
        thinkingOff: entry.thinking,
        // The catalog knows which of its models think; a model added by address shows it in its
        // warm-up (its id says nothing sure: Qwen3-4B thinks, Qwen3-4B-Instruct-2507 does not).
        detectThinking: entry.custom,
        signal: controller.signal,
        ...(onProgress ? { onProgress } : {}),
      });
      onProgress?.({
        phase: 'measuring-speed',
        percent: 0,
        bytes: null,
        text: "Measuring the model's speed with a short warm-up…",
      });
      // The time estimate before a run needs this machine's speed; a failed warm-up leaves it
      // unknown rather than failing a load that worked.
      const speed = controller.signal.aborted
        ? null
        : await loaded.measureSpeed(controller.signal).catch(() => null);
      if (controller.signal.aborted) {
        await loaded.unload().catch(() => undefined);
        throw new AbortedError();
      }
      this.current = {
        kind: 'webllm',
        model: loaded.model,
        unload: loaded.unload,
        speed,
        thinkingOff: entry.thinking ? 'catalog' : loaded.model.thinkingOff ? 'warm-up' : null,
      };
      onProgress?.({
        phase: 'ready',
        percent: 100,
        bytes: null,
        text: speed ? 'Ready; speed measured.' : 'Ready; the speed could not be measured.',
      });
      return this.status();
    } catch (err) {
      if (previous?.kind === 'webllm') this.current = await this.loadAgain(previous, onProgress);
      throw err;
    } finally {
      this.loadController = null;
    }
  }

  /**
   * Loads the model a failed or cancelled load unloaded, from this browser's copy (it was
   * loaded, so its files are there), with the speed and thinking its own load found; null
   * when it cannot be (the GPU lost, its files deleted, or the user cancelled this too).
   */
  private async loadAgain(
    previous: Extract<Current, { kind: 'webllm' }>,
    onProgress?: (p: LoadProgress) => void,
  ): Promise<Current | null> {
    const modelId = previous.model.id.replace(/^webllm:/, '');
    const entry = (await this.catalog().catch(() => null))?.entries.find(
      (e) => e.modelId === modelId,
    );
    if (!entry) return null;
    const controller = new AbortController();
    this.loadController = controller;
    try {
      const loaded = await this.loadFiles(entry, {
        thinkingOff: previous.model.thinkingOff,
        signal: controller.signal,
        onProgress: (p) => onProgress?.({ ...p, text: `Loading ${entry.label} again: ${p.text}` }),
      });
      return { ...previous, model: loaded.model, unload: loaded.unload };
    } catch {
      return null;
    }
  }

  /** Creates a WebLLM engine and loads a catalog model's files into it (see loadWebLLMModel). */
  private async loadFiles(
    entry: FittedEntry,
    opts: Pick<LoadWebLLMOptions, 'thinkingOff' | 'detectThinking' | 'signal' | 'onProgress'>,
  ): ReturnType<typeof loadWebLLMModel> {
    const runtime = await this.deps.webllm();
    const appConfig = await this.appConfig();
    return loadWebLLMModel(runtime, {
      modelId: entry.modelId,
      appConfig,
      cacheIdentity: webllmCacheIdentity(
        entry.modelId,
        appConfig.model_list.find((r) => r.model_id === entry.modelId),
      ),
      // Prompts are checked against it before each call (demos trimmed, or a clear error).
      contextWindow: entry.contextWindow ?? WEBLLM_DEFAULT_CONTEXT_WINDOW,
      ...opts,
    });
  }

  cancelLoad(): void {
    this.loadController?.abort();
  }

  /** Switches to the stand-in; `latencyMs` adds a wait per call to mimic a real model's pace. */
  async useStandIn(seed: number, latencyMs = 0): Promise<EngineStatus> {
    await this.release();
    const model = this.deps.makeStandIn(seed);
    this.current = {
      kind: 'standin',
      model: latencyMs > 0 ? new DelayedLM(model, latencyMs) : model,
    };
    return this.status();
  }

  /** The models a local server offers; a public address needs the user's confirmation. */
  async testServer(input: ServerInput): Promise<ServerModels> {
    const baseUrl = this.checkedAddress(input);
    const models = await listServerModels({
      baseUrl,
      ...(input.apiKey ? { apiKey: input.apiKey } : {}),
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    });
    return { baseUrl, addressKind: addressKind(baseUrl), models };
  }

  /**
   * Answers with a server's model from now on. A warm-up call first: a wrong model name or a
   * server still loading shows now, and the speed it measures gives the cost estimate a time.
   * The current engine is kept when the warm-up fails.
   */
  async useServer(choice: ServerChoice): Promise<ServerConnection> {
    if (this.loadController)
      throw new WorkerStateError('A model is loading; wait or cancel it first.');
    const baseUrl = this.checkedAddress(choice);
    const context = choice.contextWindow;
    // A few hundred tokens (say "4" meant as 4K) would fail every run with "prompt too long".
    if (context !== undefined && !inRange(CONTEXT_WINDOW_RANGE, context))
      throw new ServerError('ServerContextWindowError', baseUrl, `given: ${context}`);
    const model = new LocalServerModel({
      baseUrl,
      model: choice.model,
      ...(choice.apiKey ? { apiKey: choice.apiKey } : {}),
      ...(choice.contextWindow ? { contextWindow: choice.contextWindow } : {}),
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      ...(this.deps.serverTimeoutMs ? { timeoutMs: this.deps.serverTimeoutMs } : {}),
    });
    // A server loading a big model can keep the warm-up waiting for minutes: "Cancel" (the
    // same as for a download) stops it, and the current engine stays.
    const controller = new AbortController();
    this.loadController = controller;
    try {
      const warmUp = await model.warmUp(controller.signal);
      await this.release();
      this.current = { kind: 'server', model };
      return { status: this.status(), warmUp };
    } finally {
      this.loadController = null;
    }
  }

  private checkedAddress(input: ServerInput): string {
    const baseUrl = normalizeBaseUrl(input.baseUrl);
    if (addressKind(baseUrl) === 'public' && !input.confirmPublic)
      throw new ServerError('PublicServerAddressError', baseUrl);
    return baseUrl;
  }

  /** The model to run with; throws when none is chosen. */
  model(): LanguageModel {
    if (!this.current)
      throw new WorkerStateError('No model is loaded. Load a model or choose the stand-in first.');
    return this.current.model;
  }

  status(): EngineStatus {
    const c = this.current;
    if (!c) return { kind: null, modelId: null, label: 'No model loaded' };
    return {
      kind: c.kind,
      modelId: c.model.id,
      label: labelOf(c),
      ...(c.kind === 'webllm' && c.thinkingOff ? { thinkingOff: c.thinkingOff } : {}),
    };
  }

  speed(): ModelSpeed | null {
    return this.current?.kind === 'webllm' ? this.current.speed : null;
  }

  usage(): UsageSummary | null {
    const c = this.current;
    return c?.kind === 'webllm' || c?.kind === 'server' ? c.model.summary() : null;
  }

  /**
   * Errors that pause a run at its last checkpoint. With a server, calls failing again and again
   * (a crashed or overloaded server) pause it too: once the server is restarted, the run
   * resumes where it was, rather than ending as failed.
   */
  stopsRun(err: unknown): boolean {
    if (isRunStoppingError(err)) return true;
    return (
      this.current?.kind === 'server' && err instanceof Error && err.name === 'EngineFailureError'
    );
  }

  /**
   * After a lost device the engine is unusable: drop it so the next load creates a new one. A
   * server that stopped answering is kept: once it is back, the run resumes with it.
   */
  async dropAfterDeviceLoss(): Promise<void> {
    if (this.current?.kind !== 'server') await this.release();
  }

  /** The catalog's models whose files are in this browser (they load without a network). */
  async catalogDownloaded(): Promise<string[]> {
    const catalog = await this.catalog();
    return this.inCache(catalog.entries.map((e) => e.modelId));
  }

  /** Of these model ids, those WebLLM finds in this browser's cache (hasModelInCache). */
  private async inCache(modelIds: readonly string[]): Promise<string[]> {
    const runtime = await this.deps.webllm();
    const appConfig = await this.appConfig();
    const found: string[] = [];
    for (const modelId of modelIds)
      if (await runtime.hasModelInCache(modelId, appConfig).catch(() => false)) found.push(modelId);
    return found;
  }

  async cachedModels(): Promise<StorageReport> {
    const appConfig = await this.appConfig();
    const cached = new Set(await this.inCache(appConfig.model_list.map((r) => r.model_id)));
    const models: CachedModel[] = [];
    for (const record of appConfig.model_list) {
      if (!cached.has(record.model_id)) continue;
      const bytes = (await this.deps.cachedBytes?.(record.model).catch(() => null)) ?? null;
      models.push({
        modelId: record.model_id,
        label: modelDisplayName(record.model_id),
        bytes,
      });
    }
    const estimate = (await this.deps.storageEstimate?.().catch(() => null)) ?? null;
    return { models, usageBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null };
  }

  async deleteCached(modelId: string): Promise<StorageReport> {
    if (this.current?.kind === 'webllm' && this.current.model.id === `webllm:${modelId}`)
      await this.release();
    const runtime = await this.deps.webllm();
    await runtime.deleteModelAllInfoInCache(modelId, await this.appConfig());
    return this.cachedModels();
  }

  /** Every record the app knows (all prebuilt ones, so cached models outside the catalog show too). */
  private async appConfig(): Promise<AppConfig> {
    const runtime = await this.deps.webllm();
    return makeAppConfig([...runtime.prebuiltAppConfig.model_list, ...this.custom]);
  }

  private async release(): Promise<void> {
    const c = this.current;
    this.current = null;
    if (c?.kind === 'webllm') await c.unload().catch(() => undefined);
  }
}

function labelOf(c: Current): string {
  return c.kind === 'standin' ? STANDIN_LABEL : modelDisplayName(c.model.id);
}

function noGpuError(
  report: GpuReport,
): 'WebGPUUnavailableError' | 'GPUAdapterUnavailableError' | 'GPULimitsTooLowError' {
  if (report.status === 'limits-too-low') return 'GPULimitsTooLowError';
  if (report.status === 'no-adapter' || report.status === 'probe-failed')
    return 'GPUAdapterUnavailableError';
  return 'WebGPUUnavailableError';
}
