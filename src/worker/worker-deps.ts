import type { GpuAdapterLike, ProbeEnvironment } from '../engines/gpu-probe';
import { StandInModel } from '../engines/standin/standin-model';
import type { WebLLMRuntime } from '../engines/webllm/chat-engine';
import { importWebLLMRuntime } from '../engines/webllm/runtime';
import { BUILT_IN_TASK_METADATA } from '../tasks/metadata';
import { getTask } from '../tasks/index';
import { cachedModelBytes, storageEstimate } from './cache-usage';
import type { ServiceDeps } from './service';
import { browserStorageDeps, type StorageDeps } from './storage-deps';
import { SIMULATED_GPU, simulatedRuntime } from './simulated-deps';
import { isSimulatedWorker } from './test-hooks';

type GpuLike = NonNullable<ProbeEnvironment['gpu']>;

/** The real browser dependencies of the service, inside the worker. */
export function browserServiceDeps(): ServiceDeps {
  let runtime: Promise<WebLLMRuntime> | null = null;
  // TEST ONLY: a worker started for a browser test runs a simulated GPU and engine.
  if (isSimulatedWorker((globalThis as { name?: string }).name))
    return {
      ...baseDeps(),
      probeEnvironment: () => SIMULATED_GPU,
      webllm: () => (runtime ??= simulatedRuntime()),
    };
  return {
    ...baseDeps(),
    probeEnvironment: () => {
      // WebGPU is not in TypeScript's DOM types; read it as the probe's narrow shape.
      const nav = globalThis.navigator as unknown as { gpu?: GpuLike; deviceMemory?: number };
      const gpu = nav.gpu;
      return {
        isSecureContext: globalThis.isSecureContext,
        ...(gpu ? { gpu: wrapGpu(gpu) } : {}),
        // Chromium offers deviceMemory in workers too; other browsers leave it out.
        ...(typeof nav.deviceMemory === 'number' ? { deviceMemoryGB: nav.deviceMemory } : {}),
      };
    },
    webllm: () => {
      runtime ??= importWebLLMRuntime().catch((err: unknown) => {
        runtime = null;
        throw err;
      });
      return runtime;
    },
  };
}

/** What the app's worker and a test worker share: the stand-in, tasks and storage. */
function baseDeps(): Omit<ServiceDeps, 'probeEnvironment' | 'webllm'> {
  return {
    makeStandIn: (seed) => new StandInModel({ seed }),
    cachedBytes: cachedModelBytes,
    storageEstimate,
    tasks: getTask,
    taskList: () => BUILT_IN_TASK_METADATA,
    ...storageIfAvailable(),
  };
}

/** Keeps `this` bound: GPU.requestAdapter must be called on navigator.gpu. */
function wrapGpu(gpu: GpuLike): GpuLike {
  return {
    requestAdapter: (options) => gpu.requestAdapter(options) as Promise<GpuAdapterLike | null>,
  };
}

/** IndexedDB can be missing (some private modes); the app then runs without saving. */
function storageIfAvailable(): { storage?: StorageDeps } {
  if (typeof indexedDB === 'undefined') return {};
  try {
    return { storage: browserStorageDeps() };
  } catch {
    return {};
  }
}
