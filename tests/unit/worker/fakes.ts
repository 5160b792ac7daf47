import type { ModelRecord } from '@mlc-ai/web-llm';
import type { GpuAdapterLike, ProbeEnvironment } from '../../../src/engines/gpu-probe';
import { StandInModel } from '../../../src/engines/standin/standin-model';
import type { WebLLMRuntime } from '../../../src/engines/webllm/chat-engine';
import { WrappedRuntime } from '../../../src/engines/webllm/simulated-runtime';
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

/** A WebLLM runtime whose engines are FakeEngines; reload can be made to fail (reloadError). */
export class FakeRuntime extends WrappedRuntime<FakeEngine> {
  constructor(engineOptions: FakeEngineOptions = {}) {
    super(
      () => new FakeEngine(engineOptions),
      [
        record('SmolLM2-360M-Instruct-q4f16_1-MLC'),
        record('SmolLM2-360M-Instruct-q4f32_1-MLC'),
        record('Qwen2.5-0.5B-Instruct-q4f16_1-MLC'),
        record('Qwen2.5-0.5B-Instruct-q4f32_1-MLC'),
      ],
    );
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
