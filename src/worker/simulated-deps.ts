/**
 * TEST ONLY: what a worker started for a browser test uses instead of the GPU and WebLLM
 * (see test-hooks.ts).
 */
import type { ProbeEnvironment } from '../engines/gpu-probe';
import type { WebLLMRuntime } from '../engines/webllm/chat-engine';

const GB = 1024 ** 3;

/** Adapter limits ample for every catalog model (tests use them too). */
export const SIMULATED_GPU_LIMITS = {
  maxBufferSize: 2 * GB,
  maxStorageBufferBindingSize: 2 * GB,
  maxComputeWorkgroupStorageSize: 32768,
  maxStorageBuffersPerShaderStage: 10,
  maxComputeInvocationsPerWorkgroup: 1024,
};

/** A GPU with shader-f16 and ample limits on a 4 GB device (so the largest model is too large). */
export const SIMULATED_GPU: ProbeEnvironment = {
  isSecureContext: true,
  deviceMemoryGB: 4,
  gpu: {
    requestAdapter: () =>
      Promise.resolve({
        features: new Set(['shader-f16']),
        limits: SIMULATED_GPU_LIMITS,
        info: { vendor: 'simulated', architecture: 'test', description: 'Simulated GPU (tests)' },
      }),
  },
};

/** The simulated WebLLM runtime, loaded on demand so the app's own worker never carries it. */
export async function simulatedRuntime(): Promise<WebLLMRuntime> {
  const { SimulatedRuntime } = await import('../engines/webllm/simulated-runtime');
  return new SimulatedRuntime();
}
