import type { CacheStore } from '../core/cache';
import type { CopaWorkerApi, TaskMetadata } from './api';
import { composeServices } from './compose-services';
import { DatasetLibrary } from './dataset-library';
import { DatasetsService } from './datasets-service';
import { EngineHolder, type EngineHolderDeps } from './engine-holder';
import { EnginesService } from './engines-service';
import { EvaluationService } from './evaluation-service';
import { HealthService } from './health-service';
import { LibraryBackupService } from './library-backup-service';
import { ProgramLibrary } from './program-library';
import { ProgramsService } from './programs-service';
import { RunController } from './run-controller';
import { RunsService } from './runs-service';
import { SiteStorageService } from './site-storage-service';
import type { StorageDeps } from './storage-deps';
import { StoredRuns } from './stored-runs';
import type { TaskLookup } from './task-resolver';
import { TasksService } from './tasks-service';

export interface ServiceDeps extends EngineHolderDeps {
  tasks: TaskLookup;
  taskList: () => readonly TaskMetadata[];
  cacheStore?: CacheStore;
  eventIntervalMs?: number;
  /** IndexedDB stores; without them runs are not persisted and storage methods refuse. */
  storage?: StorageDeps;
}

/**
 * Everything the worker does, as a plain object: one small service per concern of the API,
 * sharing the engine, the run controller and the stores. The worker entry only exposes it
 * through comlink; tests call it directly in Node.
 */
export function createCopaService(deps: ServiceDeps): CopaWorkerApi {
  const engines = new EngineHolder(deps);
  const cacheStore = deps.cacheStore ?? deps.storage?.lmCache;
  const runner = new RunController({
    model: () => engines.model(),
    speed: () => engines.speed(),
    tasks: deps.tasks,
    onEngineLost: () => engines.dropAfterDeviceLoss(),
    stopsRun: (err) => engines.stopsRun(err),
    ...(cacheStore ? { cacheStore } : {}),
    ...(deps.eventIntervalMs !== undefined ? { eventIntervalMs: deps.eventIntervalMs } : {}),
  });
  const storage = deps.storage ?? null;
  const datasets = storage ? new DatasetLibrary(storage, deps.tasks) : null;
  const stored =
    storage && datasets
      ? new StoredRuns(storage, runner, () => engines.status(), deps.tasks, datasets)
      : null;
  const evaluation = new EvaluationService(engines, deps.tasks, datasets);
  return composeServices(
    new EnginesService(engines, runner),
    new TasksService(deps.tasks, deps.taskList, datasets),
    new RunsService(runner, stored, () => void evaluation.cancelEvaluation()),
    evaluation,
    new DatasetsService(datasets),
    new ProgramsService(storage ? new ProgramLibrary(storage) : null),
    new SiteStorageService(storage, runner),
    new LibraryBackupService(storage),
    new HealthService(),
  );
}
