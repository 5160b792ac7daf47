import { releaseProxy } from 'comlink';
import type { CopaWorkerApi } from './api';
import { exposedStorageApi } from './storage-bridge';

/**
 * The service as the worker exposes it: callbacks arrive as comlink proxies (each holds a
 * MessagePort open on both sides), so they are released as soon as the call that took them
 * settles.
 */
export function exposedApi(service: CopaWorkerApi): CopaWorkerApi {
  return {
    probe: () => service.probe(),
    catalog: () => service.catalog(),
    addCustomModel: (input) => service.addCustomModel(input),
    loadModel: (modelId, onProgress) =>
      releasing(service.loadModel(modelId, onProgress), onProgress),
    cancelLoad: () => service.cancelLoad(),
    useStandIn: (seed, latencyMs) => service.useStandIn(seed, latencyMs),
    engineStatus: () => service.engineStatus(),
    modelUsage: () => service.modelUsage(),
    cachedModels: () => service.cachedModels(),
    deleteCachedModel: (modelId) => service.deleteCachedModel(modelId),
    listTasks: () => service.listTasks(),
    startRun: (request, onEvents) => releasing(service.startRun(request, onEvents), onEvents),
    pauseRun: () => service.pauseRun(),
    resumeRun: (onEvents, checkpoint) =>
      releasing(service.resumeRun(onEvents, checkpoint), onEvents),
    cancelRun: () => service.cancelRun(),
    evaluateProgram: (request, onProgress) =>
      releasing(service.evaluateProgram(request, onProgress), onProgress),
    cancelEvaluation: () => service.cancelEvaluation(),
    runOnce: (request) => service.runOnce(request),
    taskOverview: (request) => service.taskOverview(request),
    ...exposedStorageApi(service),
  };
}

/** Waits for the call, then releases the callback's proxy (whether the call succeeded or not). */
export async function releasing<T>(call: Promise<T>, callback: unknown): Promise<T> {
  try {
    return await call;
  } finally {
    release(callback);
  }
}

function release(callback: unknown): void {
  if (typeof callback !== 'function') return;
  const remote = callback as unknown as { [releaseProxy]?: () => void };
  try {
    remote[releaseProxy]?.();
  } catch {
    // Already released or the page is gone: nothing to free.
  }
}
