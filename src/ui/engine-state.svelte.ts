import type {
  Catalog,
  EngineStatus,
  GpuReport,
  LoadProgress,
  ModelSpeed,
  StorageReport,
  UsageSummary,
} from '../worker/api';
import type { CopaClient } from '../worker/client';
import { secondsLeft, timeLeftWords, type LoadSample } from './lib/time-left';
import { rememberedNumber, rememberSetting } from './lib/remembered-setting';
import { inRange, rangeWords, type SettingRange } from '../core/optimizers/copa-setting-ranges';

/** The stand-in's simulated delay per call: as the Model screen offers it. */
export const MAX_STAND_IN_LATENCY_MS = 1000;
const LATENCY_KEY = 'standInLatencyMs';
const LATENCY_RANGE: SettingRange = {
  label: 'Simulated delay per call',
  min: 0,
  max: MAX_STAND_IN_LATENCY_MS,
  whole: true,
};

/** The real model a failed or cancelled load unloaded to make room (see EngineState.unloaded). */
export interface UnloadedModel {
  label: string;
  /** The model the load was for. */
  wanted: string;
  /** It was loaded again, and answers as before. */
  loadedAgain: boolean;
}

/** An error as the UI shows it: its name (stable, for tests and logic) and the message with advice. */
export interface ShownError {
  name: string;
  message: string;
}

/** The model side of the app: GPU report, catalog, loading, the current engine, cached models. */
export class EngineState {
  report = $state<GpuReport | null>(null);
  catalog = $state<Catalog | null>(null);
  /** The catalog's models whose files this browser holds: read after the list shows. */
  downloaded = $state.raw<readonly string[]>([]);
  /** The model list is being read (WebLLM's code loads first). */
  catalogLoading = $state(false);
  selectedModelId = $state<string | null>(null);
  status = $state<EngineStatus>({ kind: null, modelId: null, label: 'No model loaded' });
  loading = $state(false);
  progress = $state<LoadProgress | null>(null);
  /** "about N s left" while weights download (empty until it can be told). */
  timeLeft = $state('');
  /** The first download reading of this load, to measure the rate from. */
  private firstSample: LoadSample | null = null;
  error = $state<ShownError | null>(null);
  storage = $state<StorageReport | null>(null);
  usage = $state<UsageSummary | null>(null);
  /** The loaded real model's speed, measured by the warm-up after loading. */
  speed = $state<ModelSpeed | null>(null);
  /**
   * The real model the last load unloaded to make room, when that load failed or was cancelled,
   * with the name of the model it was for (see unloaded).
   */
  private unloadedBy = $state<{ before: EngineStatus; wanted: string } | null>(null);
  /** A model marked too large for this GPU that the user chose to try anyway. */
  confirmedTooLargeId = $state<string | null>(null);
  /**
   * Extra wait per stand-in call, to pace it like a real model; remembered across reloads, so
   * a run resumed after one keeps its pace.
   */
  standInLatencyMs = $state<number | undefined>(
    rememberedNumber(LATENCY_KEY, 0, MAX_STAND_IN_LATENCY_MS, 0),
  );

  constructor(private readonly client: CopaClient) {}

  /** True when real models cannot run here and the stand-in is the way forward. */
  get gpuUnusable(): boolean {
    return this.report !== null && (!this.report.usable || this.report.fallbackAdapter);
  }

  /** The GPU report and the current engine: quick, without WebLLM's code (see loadCatalog). */
  async init(): Promise<void> {
    await this.guard(async () => {
      const report = await this.client.probe();
      const status = await this.client.engineStatus();
      this.speed = await this.client.modelSpeed();
      // Together: a report with the first status not yet read would show "No model is loaded".
      this.status = status;
      this.report = report;
    });
  }

  /**
   * The model catalog. It needs WebLLM's model list (a 6 MB module in the worker), so it is read
   * after the stand-in is ready (Start run must not wait for it), and not at all when no model
   * could run anyway.
   */
  async loadCatalog(): Promise<void> {
    if (!this.report?.usable || this.catalogLoading) return;
    this.catalogLoading = true;
    try {
      await this.guard(async () => {
        this.catalog = await this.client.catalog();
        this.selectedModelId ??= this.catalog.defaultModelId;
      });
      // Not awaited: the list shows at once, its downloaded models marked when the worker has
      // looked in the cache.
      void this.refreshDownloaded();
    } finally {
      this.catalogLoading = false;
    }
  }

  /** Marks the catalog's models whose files are in this browser (see downloaded). */
  async refreshDownloaded(): Promise<void> {
    if (!this.catalog) return;
    this.downloaded = await this.client.catalogDownloaded().catch(() => this.downloaded);
  }

  /** Asks for the model list again after it failed to come (the error it left goes). */
  async retryCatalog(): Promise<void> {
    this.error = null;
    await this.loadCatalog();
  }

  /** The selected model is marked too large and the user has not confirmed trying it. */
  get needsFitConfirmation(): boolean {
    const entry = this.catalog?.entries.find((e) => e.modelId === this.selectedModelId);
    return entry?.tooLarge === true && this.confirmedTooLargeId !== entry.modelId;
  }

  async load(): Promise<void> {
    const modelId = this.selectedModelId;
    if (!modelId || this.loading || this.needsFitConfirmation) return;
    const before = this.status;
    this.loading = true;
    this.progress = null;
    this.timeLeft = '';
    this.firstSample = null;
    this.error = null;
    this.unloadedBy = null;
    try {
      this.status = await this.client.loadModel(modelId, (p) => this.onProgress(p));
    } catch (err) {
      // A load that did not finish leaves no reading of a download that is not going on; one
      // the user cancelled is what they asked for, not an error to alert them to.
      this.progress = null;
      this.timeLeft = '';
      if (!(err instanceof Error && err.name === 'AbortError')) this.error = toShown(err);
      // The worker unloaded the model before and loaded it again if it could: said below.
      if (before.kind === 'webllm') {
        const entry = this.catalog?.entries.find((e) => e.modelId === modelId);
        this.unloadedBy = { before, wanted: entry?.label ?? modelId };
      }
    } finally {
      this.loading = false;
      this.status = await this.client.engineStatus().catch(() => this.status);
      this.speed = await this.client.modelSpeed().catch(() => null);
      // The calls and speeds shown (and estimated with) are the engine's now loaded.
      await this.refreshUsage();
      void this.refreshDownloaded();
    }
  }

  /**
   * After a load that failed or was cancelled where a real model was loaded: that model (which
   * WebLLM had to unload first) and whether it is loaded again. Null otherwise, and once another
   * model is chosen.
   */
  get unloaded(): UnloadedModel | null {
    const u = this.unloadedBy;
    if (!u) return null;
    const loadedAgain = this.status.modelId === u.before.modelId;
    if (!loadedAgain && this.status.kind !== null) return null;
    return { label: u.before.label, wanted: u.wanted, loadedAgain };
  }

  private onProgress(p: LoadProgress): void {
    this.progress = p;
    if (p.phase !== 'downloading' || p.bytes === null) {
      this.timeLeft = '';
      return;
    }
    const sample = { atMs: performance.now(), bytes: p.bytes, percent: p.percent };
    this.firstSample ??= sample;
    this.timeLeft = timeLeftWords(secondsLeft(this.firstSample, sample));
  }

  async cancelLoad(): Promise<void> {
    await this.client.cancelLoad();
  }

  /**
   * What is wrong with the delay typed, with the range allowed; null when it can be used. A
   * blank or unreadable box (1e400) is refused, not read as 0, and 5000 is not cut to 1000.
   */
  get standInLatencyProblem(): string | null {
    const value = this.standInLatencyMs;
    if (inRange(LATENCY_RANGE, value)) return null;
    const got = typeof value === 'number' && Number.isFinite(value) ? `, not ${value}` : '';
    return `${rangeWords(LATENCY_RANGE)} ms${got}.`;
  }

  /** Switches to the stand-in; a delay refused beside its box switches nothing. */
  async useStandIn(seed = 0): Promise<void> {
    const latency = this.standInLatencyMs;
    if (this.standInLatencyProblem !== null || latency === undefined) return;
    this.error = null;
    await this.guard(async () => {
      this.status = await this.client.useStandIn(seed, latency);
      rememberSetting(LATENCY_KEY, latency);
      this.speed = null;
      this.usage = null;
    });
  }

  async addCustomModel(
    modelId: string,
    modelUrl: string,
    modelLibUrl: string,
    contextWindow?: number,
  ): Promise<void> {
    this.error = null;
    await this.guard(async () => {
      this.catalog = await this.client.addCustomModel({
        modelId,
        modelUrl,
        modelLibUrl,
        ...(contextWindow !== undefined ? { contextWindow } : {}),
      });
      this.selectedModelId = modelId;
    });
  }

  async refreshStorage(): Promise<void> {
    await this.guard(async () => {
      this.storage = await this.client.cachedModels();
    });
  }

  async deleteModel(modelId: string): Promise<void> {
    this.unloadedBy = null;
    await this.guard(async () => {
      this.storage = await this.client.deleteCachedModel(modelId);
      void this.refreshDownloaded();
      this.status = await this.client.engineStatus();
      // Deleting the loaded model unloads it: its measured speed and usage go with it.
      this.speed = await this.client.modelSpeed();
      await this.refreshUsage();
    });
  }

  async refreshUsage(): Promise<void> {
    this.usage = await this.client.modelUsage().catch(() => null);
  }

  /**
   * Called when a run reports the GPU lost (the engine is gone until loaded again) or a local
   * server that stopped answering (it stays chosen: once it is back, the run resumes with it).
   */
  engineLost(error: ShownError): void {
    this.error = error;
    this.unloadedBy = null;
    if (this.status.kind !== 'server') {
      this.status = { kind: null, modelId: null, label: 'No model loaded' };
      this.speed = null;
      this.usage = null;
    }
  }

  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      this.error = toShown(err);
    }
  }
}

export function toShown(err: unknown): ShownError {
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}
