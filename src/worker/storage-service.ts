import type { Example } from '../core/example';
import type {
  EngineStatus,
  EventsCallback,
  RunEvent,
  RunOutcome,
  RunRequest,
  TaskRef,
} from './api';
import { builtInRefForDataset, refOnDataset } from './dataset-ref';
import { DatasetLibrary } from './dataset-library';
import { ProgramLibrary } from './program-library';
import type { RunController } from './run-controller';
import type {
  DatasetFileInput,
  DatasetImportInput,
  DatasetImportResult,
  DatasetPreview,
  DatasetSummary,
  ExportedFile,
  Listing,
  LmCacheReport,
  ProgramExportFormat,
  ProgramSummary,
  RunLockState,
  RunReport,
  RunSummary,
  StorageStatus,
  StorageWorkerApi,
  TaskFields,
} from './storage-api';
import type { StorageDeps } from './storage-deps';
import { StoredRuns } from './stored-runs';
import type { TaskLookup } from './task-resolver';

/** The storage half of the worker: datasets, programs, stored runs, the answer cache. */
export class StorageService implements StorageWorkerApi {
  readonly datasets: DatasetLibrary;
  readonly programs: ProgramLibrary;
  readonly runs: StoredRuns;

  constructor(
    private readonly deps: StorageDeps,
    controller: RunController,
    engine: () => EngineStatus,
    private readonly tasks: TaskLookup,
  ) {
    this.datasets = new DatasetLibrary(deps, tasks);
    this.programs = new ProgramLibrary(deps);
    this.runs = new StoredRuns(deps, controller, engine, tasks, this.datasets);
  }

  async previewDataset(
    file: DatasetFileInput,
    taskId: string,
    limit?: number,
  ): Promise<DatasetPreview> {
    return this.datasets.preview(file, taskId, limit);
  }
  importDataset = (input: DatasetImportInput): Promise<DatasetImportResult> =>
    this.datasets.import(input);
  listDatasets = (): Promise<Listing<DatasetSummary>> => this.datasets.list();
  deleteDataset = (id: string): Promise<void> => this.datasets.delete(id);
  async datasetExamples(
    id: string,
  ): Promise<{ train: Example[]; val: Example[]; test: Example[] }> {
    return (await this.datasets.get(id)).splits;
  }
  /** A built-in task's reference on a stored dataset's data (see refOnDataset). */
  async refOnDataset(ref: TaskRef, datasetId: string): Promise<TaskRef> {
    const builtIn = builtInRefForDataset(ref);
    return refOnDataset(
      builtIn,
      await this.datasets.get(datasetId),
      this.tasks(builtIn.taskId, builtIn.dataSeed),
    );
  }
  taskFields = async (taskId: string): Promise<TaskFields> => this.datasets.taskFields(taskId);
  listPrograms = (): Promise<Listing<ProgramSummary>> => this.programs.list();
  deleteProgram = (id: string): Promise<void> => this.programs.delete(id);
  exportProgram = (id: string, format: ProgramExportFormat): Promise<ExportedFile> =>
    this.programs.export(id, format);
  importProgram = (fileName: string, text: string): Promise<ProgramSummary> =>
    this.programs.import(fileName, text);
  listRuns = (): Promise<Listing<RunSummary>> => this.runs.list();
  listUnfinishedRuns = (): Promise<RunSummary[]> => this.runs.listUnfinished();
  deleteRun = (id: string): Promise<void> => this.runs.delete(id);
  /** `replay`: retell the finished phases first (for a view that starts empty). */
  resumeStoredRun = (
    runId: string,
    onEvents: EventsCallback,
    replay = false,
  ): Promise<RunOutcome> => this.runs.resume(runId, onEvents, replay);
  storedRunHistory = (runId: string): Promise<RunEvent[]> => this.runs.history(runId);
  runReport = (runId: string): Promise<RunReport | null> => this.runs.report(runId);
  startStoredRun = (request: RunRequest, onEvents: EventsCallback): Promise<RunOutcome> =>
    this.runs.start(request, onEvents);
  runLockState = (): Promise<RunLockState> => this.runs.lockState();

  async lmCacheReport(): Promise<LmCacheReport> {
    const stats = await this.deps.lmCache.stats();
    return { entries: stats.entries, maxEntries: stats.maxEntries, bytes: stats.bytes };
  }

  async clearLmCache(): Promise<LmCacheReport> {
    await this.deps.lmCache.clear();
    return this.lmCacheReport();
  }

  async storageStatus(): Promise<StorageStatus> {
    const e = await this.deps.estimator.estimate().catch(() => null);
    return {
      usageBytes: e?.usage ?? null,
      quotaBytes: e?.quota ?? null,
      persisted: e?.persisted ?? false,
    };
  }
}
