import type { OptimizerResult } from './records';
import type { OptimizerTask } from './session';
import {
  runBootstrapFewShot,
  runInstructionOnly,
  runJointSearch,
  runRandomSearch,
  runReflectiveSearch,
  type BaselineOptions,
} from './baselines';
import type { BaselineMethod } from './cost-estimate';

export { runCopa, phaseKind, type CopaResult, type CopaRunOptions, type CopaTask } from './copa';
export { DEFAULT_COPA_CONFIG, resolveCopaConfig, type CopaConfig } from './copa-config';
export {
  estimateBaselineCost,
  estimateCopaCost,
  type BaselineMethod,
  type CostEstimate,
} from './cost-estimate';
export { assertCheckpoint, CheckpointError, type CopaCheckpoint } from './checkpoint';
export { replayEvents, type PhaseSnapshot } from './replay';
export type { RunEvent, RunEventListener } from './events';
export type * from './records';
export type { OptimizerRunOptions, OptimizerTask } from './session';
export {
  runBootstrapFewShot,
  runInstructionOnly,
  runJointSearch,
  runRandomSearch,
  runReflectiveSearch,
  type BaselineConfig,
  type BaselineOptions,
} from './baselines';

/** The baseline optimizers by name (for the worker and the bench). */
export const BASELINES: Record<
  BaselineMethod,
  (task: OptimizerTask, options: BaselineOptions) => Promise<OptimizerResult>
> = {
  'bootstrap-fewshot': runBootstrapFewShot,
  'random-search': runRandomSearch,
  'instruction-only': runInstructionOnly,
  'joint-search': runJointSearch,
  'reflective-search': runReflectiveSearch,
};
