import { proxy, wrap, type Remote } from 'comlink';
import type { CopaCheckpoint } from '../core/optimizers/checkpoint';
import type {
  CopaWorkerApi,
  EvaluateProgressCallback,
  EvaluateRequest,
  EventsCallback,
  ProgressCallback,
  RunRequest,
} from './api';
import { reviveError } from './revive-error';
import { storageClient } from './storage-bridge';

/** The main thread's handle on the worker: the worker API with typed errors, plus dispose. */
export interface CopaClient extends CopaWorkerApi {
  dispose(): void;
}

/** Starts the optimizer worker (a module worker; WebLLM loads inside it, never here). */
export function createCopaClient(): CopaClient {
  const worker = new Worker(new URL('./copa.worker.ts', import.meta.url), {
    type: 'module',
    name: 'copa-optimizer',
  });
  return clientFor(wrap<CopaWorkerApi>(worker), () => worker.terminate());
}

/** Wraps a comlink remote: errors are rebuilt from their name, callbacks are passed as proxies. */
export function clientFor(remote: Remote<CopaWorkerApi>, terminate: () => void): CopaClient {
  const typed = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (err) {
      throw reviveError(err);
    }
  };
  const cb = <F extends (...args: never[]) => void>(fn: F | undefined): F | undefined =>
    fn ? proxy(fn) : undefined;
  return {
    probe: () => typed(() => remote.probe()),
    catalog: () => typed(() => remote.catalog()),
    addCustomModel: (input) => typed(() => remote.addCustomModel(input)),
    loadModel: (modelId, onProgress?: ProgressCallback) =>
      typed(() => remote.loadModel(modelId, cb(onProgress))),
    cancelLoad: () => typed(() => remote.cancelLoad()),
    useStandIn: (seed, latencyMs) => typed(() => remote.useStandIn(seed, latencyMs)),
    engineStatus: () => typed(() => remote.engineStatus()),
    modelUsage: () => typed(() => remote.modelUsage()),
    cachedModels: () => typed(() => remote.cachedModels()),
    deleteCachedModel: (modelId) => typed(() => remote.deleteCachedModel(modelId)),
    listTasks: () => typed(() => remote.listTasks()),
    startRun: (request: RunRequest, onEvents: EventsCallback) =>
      typed(() => remote.startRun(request, proxy(onEvents))),
    pauseRun: () => typed(() => remote.pauseRun()),
    resumeRun: (onEvents: EventsCallback, checkpoint?: CopaCheckpoint) =>
      typed(() => remote.resumeRun(proxy(onEvents), checkpoint)),
    cancelRun: () => typed(() => remote.cancelRun()),
    evaluateProgram: (request: EvaluateRequest, onProgress?: EvaluateProgressCallback) =>
      typed(() => remote.evaluateProgram(request, cb(onProgress))),
    cancelEvaluation: () => typed(() => remote.cancelEvaluation()),
    runOnce: (request) => typed(() => remote.runOnce(request)),
    taskOverview: (request) => typed(() => remote.taskOverview(request)),
    ...storageClient(remote, typed),
    dispose: terminate,
  };
}
