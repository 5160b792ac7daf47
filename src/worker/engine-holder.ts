import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import type { LanguageModel } from '../core/lm';
import { probeGpu, type GpuReport, type ProbeEnvironment } from '../engines/gpu-probe';
import { buildCatalog, makeAppConfig, type Catalog } from '../engines/model-catalog';
import type { WebLLMRuntime } from '../engines/webllm/chat-engine';
import { EngineError } from '../engines/webllm/errors';
import { loadWebLLMModel } from '../engines/webllm/load-model';
import type { LoadProgress } from '../engines/webllm/load-progress';
import type { UsageSummary, WebLLMModel } from '../engines/webllm/webllm-model';
import type { CachedModel, CustomModelInput, EngineStatus, StorageReport } from './api';
import { DelayedLM } from '../core/delayed-lm';
import { WorkerStateError } from './worker-errors';

export interface EngineHolderDeps {
  probeEnvironment: () => ProbeEnvironment;
  /** Loads WebLLM on first use (a dynamic import in the app, a fake in tests). */
  webllm: () => Promise<WebLLMRuntime>;
  makeStandIn: (seed: number) => LanguageModel;
  cachedBytes?: (modelUrl: string) => Promise<number | null>;
  storageEstimate?: () => Promise<{ usage: number | null; quota: number | null }>;
}

type Current =
  | { kind: 'standin'; model: LanguageModel }
  | { kind: 'webllm'; model: WebLLMModel; unload: () => Promise<void> };

/** WebLLM's prebuilt models run with a 4,096-token context unless their record says otherwise. */
const DEFAULT_CONTEXT_WINDOW = 4096;

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

  async catalog(): Promise<Catalog> {
    const report = await this.probe();
    const runtime = await this.deps.webllm();
    return buildCatalog(runtime.prebuiltAppConfig, report, this.custom);
  }

  async addCustomModel(input: CustomModelInput): Promise<Catalog> {
    const record: ModelRecord = {
      model: input.modelUrl,
      model_id: input.modelId,
      model_lib: input.modelLibUrl,
      ...(input.memoryMB !== undefined ? { vram_required_MB: input.memoryMB } : {}),
      ...(input.contextWindow !== undefined
        ? { overrides: { context_window_size: input.contextWindow } }
        : {}),
    };
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
    // The stand-in holds no GPU memory: it stays the engine while the model loads, and stays if
    // the download fails, so a failed download never leaves the user with no model at all. A
    // WebLLM engine must be unloaded first (two models rarely fit in GPU memory).
    const previous = this.current;
    if (previous?.kind === 'webllm') await this.release();
    try {
      const runtime = await this.deps.webllm();
      const loaded = await loadWebLLMModel(runtime, {
        modelId,
        appConfig: await this.appConfig(),
        // Prompts are checked against it before each call (demos trimmed, or a clear error).
        contextWindow: entry.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
        signal: controller.signal,
        ...(onProgress ? { onProgress } : {}),
      });
      this.current = { kind: 'webllm', ...loaded };
      return this.status();
    } catch (err) {
      if (previous?.kind !== 'standin') this.current = null;
      throw err;
    } finally {
      this.loadController = null;
    }
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
      label: c.kind === 'standin' ? STANDIN_LABEL : c.model.id.replace(/^webllm:/, ''),
    };
  }

  usage(): UsageSummary | null {
    return this.current?.kind === 'webllm' ? this.current.model.summary() : null;
  }

  /** After a lost device the engine is unusable: drop it so the next load creates a new one. */
  async dropAfterDeviceLoss(): Promise<void> {
    await this.release();
  }

  async cachedModels(): Promise<StorageReport> {
    const runtime = await this.deps.webllm();
    const appConfig = await this.appConfig();
    const catalog = await this.catalog();
    const labels = new Map(catalog.entries.map((e) => [e.modelId, e.label]));
    const models: CachedModel[] = [];
    for (const record of appConfig.model_list) {
      if (!(await runtime.hasModelInCache(record.model_id, appConfig).catch(() => false))) continue;
      const bytes = (await this.deps.cachedBytes?.(record.model).catch(() => null)) ?? null;
      models.push({
        modelId: record.model_id,
        label: labels.get(record.model_id) ?? record.model_id,
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

function noGpuError(
  report: GpuReport,
): 'WebGPUUnavailableError' | 'GPUAdapterUnavailableError' | 'GPULimitsTooLowError' {
  if (report.status === 'limits-too-low') return 'GPULimitsTooLowError';
  if (report.status === 'no-adapter' || report.status === 'probe-failed')
    return 'GPUAdapterUnavailableError';
  return 'WebGPUUnavailableError';
}
