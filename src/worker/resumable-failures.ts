/**
 * Names of the errors that stop a run but keep it resumable from its last finished phase: the
 * model kept failing (load it again), or the browser's storage was full (free some space). The
 * worker keeps such a run ready for a plain Resume; the page offers that Resume.
 */
export const RESUMABLE_FAILURES: readonly string[] = ['EngineFailureError', 'StorageQuotaError'];
