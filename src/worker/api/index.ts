/**
 * The worker's API, declared once: types only. The service implements it (one small service
 * per concern, see ../service.ts), the worker exposes it and the client calls it generically
 * (../expose.ts, ../client.ts), so a new method is declared in its concern's interface here
 * and implemented in that concern's service, nowhere else.
 *
 * Everything crossing the boundary is plain data; progress and events arrive through callbacks
 * that the client passes as comlink proxies and the worker releases when the call settles.
 * Every method may reject with a named error; the client rebuilds it (see ../revive-error.ts).
 */
import type { DatasetsApi } from './datasets-api';
import type { EnginesApi } from './engines-api';
import type { EvaluationApi } from './evaluation-api';
import type { HealthApi } from './health-api';
import type { LibraryBackupApi } from './library-backup-api';
import type { ProgramsApi } from './programs-api';
import type { RunsApi } from './runs-api';
import type { SiteStorageApi } from './site-storage-api';
import type { TasksApi } from './tasks-api';

export type * from './datasets-api';
export type * from './engines-api';
export type * from './evaluation-api';
export type * from './health-api';
export type * from './library-backup-api';
export type * from './listing';
export type * from './programs-api';
export type * from './runs-api';
export type * from './site-storage-api';
export type * from './tasks-api';

/** What the worker exposes. */
export interface CopaWorkerApi
  extends
    EnginesApi,
    TasksApi,
    RunsApi,
    EvaluationApi,
    DatasetsApi,
    ProgramsApi,
    SiteStorageApi,
    LibraryBackupApi,
    HealthApi {}
