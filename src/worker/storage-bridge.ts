import { proxy, type Remote } from 'comlink';
import type { CopaWorkerApi, EventsCallback } from './api';
import { releasing } from './exposed-api';
import type { StorageWorkerApi } from './storage-api';

/** The storage methods as the worker exposes them (the resume callback's proxy is released). */
export function exposedStorageApi(service: StorageWorkerApi): StorageWorkerApi {
  return {
    previewDataset: (file, taskId, limit) => service.previewDataset(file, taskId, limit),
    importDataset: (input) => service.importDataset(input),
    listDatasets: () => service.listDatasets(),
    deleteDataset: (id) => service.deleteDataset(id),
    datasetExamples: (id) => service.datasetExamples(id),
    taskFields: (taskId) => service.taskFields(taskId),
    listPrograms: () => service.listPrograms(),
    deleteProgram: (id) => service.deleteProgram(id),
    exportProgram: (id, format) => service.exportProgram(id, format),
    importProgram: (fileName, text) => service.importProgram(fileName, text),
    listRuns: () => service.listRuns(),
    listUnfinishedRuns: () => service.listUnfinishedRuns(),
    deleteRun: (id) => service.deleteRun(id),
    resumeStoredRun: (runId, onEvents) =>
      releasing(service.resumeStoredRun(runId, onEvents), onEvents),
    storedRunHistory: (runId) => service.storedRunHistory(runId),
    runReport: (runId) => service.runReport(runId),
    runLockState: () => service.runLockState(),
    lmCacheReport: () => service.lmCacheReport(),
    clearLmCache: () => service.clearLmCache(),
    storageStatus: () => service.storageStatus(),
  };
}

/** The storage methods of the client: typed errors, the resume callback passed as a proxy. */
export function storageClient(
  remote: Remote<CopaWorkerApi>,
  typed: <T>(call: () => Promise<T>) => Promise<T>,
): StorageWorkerApi {
  return {
    previewDataset: (file, taskId, limit) =>
      typed(() => remote.previewDataset(file, taskId, limit)),
    importDataset: (input) => typed(() => remote.importDataset(input)),
    listDatasets: () => typed(() => remote.listDatasets()),
    deleteDataset: (id) => typed(() => remote.deleteDataset(id)),
    datasetExamples: (id) => typed(() => remote.datasetExamples(id)),
    taskFields: (taskId) => typed(() => remote.taskFields(taskId)),
    listPrograms: () => typed(() => remote.listPrograms()),
    deleteProgram: (id) => typed(() => remote.deleteProgram(id)),
    exportProgram: (id, format) => typed(() => remote.exportProgram(id, format)),
    importProgram: (fileName, text) => typed(() => remote.importProgram(fileName, text)),
    listRuns: () => typed(() => remote.listRuns()),
    listUnfinishedRuns: () => typed(() => remote.listUnfinishedRuns()),
    deleteRun: (id) => typed(() => remote.deleteRun(id)),
    resumeStoredRun: (runId, onEvents: EventsCallback) =>
      typed(() => remote.resumeStoredRun(runId, proxy(onEvents))),
    storedRunHistory: (runId) => typed(() => remote.storedRunHistory(runId)),
    runReport: (runId) => typed(() => remote.runReport(runId)),
    runLockState: () => typed(() => remote.runLockState()),
    lmCacheReport: () => typed(() => remote.lmCacheReport()),
    clearLmCache: () => typed(() => remote.clearLmCache()),
    storageStatus: () => typed(() => remote.storageStatus()),
  };
}
