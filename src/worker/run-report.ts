import { partialBaselineExamples, partialBestExamples } from '../core/optimizers/checkpoint';
import type { RunRecord } from '../storage/runs';
import type { MetricId } from '../core/metrics';
import type { RunReport, TaskRef } from './api';
import { parseRunEvaluation } from './schemas/run-evaluation-schema';
import { lastCheckpoint } from './schemas/checkpoint-schema';
import { runConfigOf } from './schemas/stored-run-config';

/**
 * The report of a stored run, or null when it has no checkpoint yet (nothing was scored).
 * `metricOf` names the metric of the run's task (edited, else the task's own), when known.
 */
export function buildRunReport(
  run: RunRecord,
  metricOf: (task: TaskRef) => MetricId | undefined = () => undefined,
): RunReport | null {
  const checkpoint = lastCheckpoint(run);
  if (!checkpoint) return null;
  const config = runConfigOf(run);
  const taskRef = config.request.task;
  const baselineExamples = partialBaselineExamples(checkpoint);
  const bestExamples = partialBestExamples(checkpoint);
  const metricId = metricOf(taskRef);
  const evaluation = parseRunEvaluation(run.evaluation);
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
    ...(metricId ? { metricId } : {}),
    ...(config.data ? { data: config.data } : {}),
    ...(config.appBuild ? { appBuild: config.appBuild } : {}),
    settings: checkpoint.config,
    baselineScore: checkpoint.baselineScore,
    ...(baselineExamples !== undefined ? { baselineExamples } : {}),
    bestScore: checkpoint.bestScore,
    ...(bestExamples !== undefined ? { bestExamples } : {}),
    ...(checkpoint.selection ? { selection: checkpoint.selection } : {}),
    stopReason: checkpoint.finished,
    totals: checkpoint.totals,
    curve: checkpoint.curve,
    phases: checkpoint.history,
    program: checkpoint.program,
    ...(evaluation
      ? {
          evaluation: {
            baseline: evaluation.baseline.score,
            optimized: evaluation.optimized?.score ?? null,
            examples: evaluation.baseline.evaluated,
            evaluatedAt: evaluation.evaluatedAt,
          },
        }
      : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}
