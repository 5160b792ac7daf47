import { partialBaselineExamples } from '../core/optimizers/checkpoint';
import type { RunRecord } from '../storage/runs';
import type { RunReport } from './api';
import { lastCheckpoint } from './schemas/checkpoint-schema';
import { runConfigOf } from './schemas/stored-run-config';

/** The report of a stored run, or null when it has no checkpoint yet (nothing was scored). */
export function buildRunReport(run: RunRecord): RunReport | null {
  const checkpoint = lastCheckpoint(run);
  if (!checkpoint) return null;
  const config = runConfigOf(run);
  const taskRef = config.request.task;
  const baselineExamples = partialBaselineExamples(checkpoint);
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
    ...(config.data ? { data: config.data } : {}),
    ...(config.appBuild ? { appBuild: config.appBuild } : {}),
    settings: checkpoint.config,
    baselineScore: checkpoint.baselineScore,
    ...(baselineExamples !== undefined ? { baselineExamples } : {}),
    bestScore: checkpoint.bestScore,
    ...(checkpoint.selection ? { selection: checkpoint.selection } : {}),
    stopReason: checkpoint.finished,
    totals: checkpoint.totals,
    curve: checkpoint.curve,
    phases: checkpoint.history,
    program: checkpoint.program,
    ...(run.error ? { error: run.error } : {}),
  };
}
