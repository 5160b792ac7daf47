import { assertCheckpoint } from '../core/optimizers/checkpoint';
import type { RunRecord } from '../storage/runs';
import type { RunReport } from './storage-api';
import type { StoredRunConfig } from './stored-runs';

/** The report of a stored run, or null when it has no checkpoint yet (nothing was scored). */
export function buildRunReport(run: RunRecord): RunReport | null {
  const state = run.checkpoints[run.checkpoints.length - 1]?.state;
  if (state === undefined) return null;
  assertCheckpoint(state);
  const config = run.config as unknown as StoredRunConfig;
  const taskRef = config.request.task;
  return {
    format: 'copa-run-report',
    version: 1,
    name: config.name,
    status: run.status,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    model: { ...config.engine, standIn: config.engine.kind === 'standin' },
    dataset: {
      task: taskRef.kind === 'builtin' ? taskRef.taskId : 'custom',
      programEdited: taskRef.kind === 'custom' || taskRef.program !== undefined,
      ...(config.request.datasetId ? { id: config.request.datasetId } : {}),
      ...(config.datasetName ? { name: config.datasetName } : {}),
    },
    settings: state.config,
    baselineScore: state.baselineScore,
    bestScore: state.bestScore,
    stopReason: state.finished,
    totals: state.totals,
    curve: state.curve,
    phases: state.history,
    program: state.program,
    ...(run.error ? { error: run.error } : {}),
  };
}
