import type { ModelRecord } from '@mlc-ai/web-llm';
import type { GpuAdapterLike, ProbeEnvironment } from '../../../src/engines/gpu-probe';
import { StandInModel } from '../../../src/engines/standin/standin-model';
import type { ChatEngine, WebLLMRuntime } from '../../../src/engines/webllm/chat-engine';
import { getTask } from '../../../src/tasks/index';
import { BUILT_IN_TASK_METADATA } from '../../../src/tasks/metadata';
import type { ServiceDeps } from '../../../src/worker/service';
import { SIMULATED_GPU_LIMITS } from '../../../src/worker/simulated-deps';
import { FakeEngine, type FakeEngineOptions } from '../engines/webllm/fake-engine';

export function adapterEnv(opts: { f16: boolean; fallback?: boolean } | null): ProbeEnvironment {
  const adapter: GpuAdapterLike | null = opts && {
    features: new Set(opts.f16 ? ['shader-f16'] : []),
    limits: SIMULATED_GPU_LIMITS,
    info: { vendor: 'test', isFallbackAdapter: opts.fallback === true },
  };
  return { isSecureContext: true, gpu: { requestAdapter: async () => adapter } };
}

export function record(model_id: string): ModelRecord {
  return {
    model: `https://models.test/${model_id}`,
    model_id,
    model_lib: 'lib.wasm',
    vram_required_MB: 900,
    low_resource_required: true,
  };
}

/** A WebLLM runtime whose engines are FakeEngines; reload can be made to fail. */
export class FakeRuntime implements WebLLMRuntime {
  readonly engines: FakeEngine[] = [];
  readonly cached = new Set<string>();
  reloadError: Error | null = null;
  readonly prebuiltAppConfig = {
    model_list: [
      record('SmolLM2-360M-Instruct-q4f16_1-MLC'),
      record('SmolLM2-360M-Instruct-q4f32_1-MLC'),
      record('Qwen2.5-0.5B-Instruct-q4f16_1-MLC'),
      record('Qwen2.5-0.5B-Instruct-q4f32_1-MLC'),
    ],
  };

  constructor(private readonly engineOptions: FakeEngineOptions = {}) {}

  createEngine(config: Parameters<WebLLMRuntime['createEngine']>[0]): ChatEngine {
    const engine = new FakeEngine(this.engineOptions);
    const reload = engine.reload.bind(engine);
    engine.reload = async (id: string) => {
      config.initProgressCallback?.({
        progress: 0.5,
        timeElapsed: 1,
        text: 'Fetching param cache[1/2]: 100MB fetched. 50% completed',
      });
      if (this.reloadError) throw this.reloadError;
      await reload(id);
      this.cached.add(id);
      config.initProgressCallback?.({
        progress: 1,
        timeElapsed: 2,
        text: 'Finish loading on test',
      });
    };
    this.engines.push(engine);
    return engine;
  }

  async hasModelInCache(modelId: string): Promise<boolean> {
    return this.cached.has(modelId);
  }

  async deleteModelAllInfoInCache(modelId: string): Promise<void> {
    this.cached.delete(modelId);
  }
}

export function deps(
  env: ProbeEnvironment,
  runtime: WebLLMRuntime = new FakeRuntime(),
): ServiceDeps {
  return {
    probeEnvironment: () => env,
    webllm: async () => runtime,
    makeStandIn: (seed) => new StandInModel({ seed }),
    cachedBytes: async () => 123_000_000,
    storageEstimate: async () => ({ usage: 500_000_000, quota: 10_000_000_000 }),
    tasks: getTask,
    taskList: () => BUILT_IN_TASK_METADATA,
    eventIntervalMs: 5,
  };
}
