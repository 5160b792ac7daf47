import * as v from 'valibot';
import {
  CheckpointError,
  COPA_CHECKPOINT_VERSION,
  type CopaCheckpoint,
} from '../../core/optimizers/checkpoint';
import { FITTED_SETTINGS, type BudgetFit } from '../../core/optimizers/budget-fit';
import { DEFAULT_COPA_CONFIG, type CopaConfig } from '../../core/optimizers/copa-config';
import type { Insight } from '../../core/optimizers/insight';
import {
  DROP_REASONS,
  type CandidateRecord,
  type PhaseRecord,
  type StopReason,
} from '../../core/optimizers/records';
import type { Budget, UsageTotals } from '../../core/usage';
import type { RunRecord } from '../../storage/runs';
import { demo, issueText, programState } from './plain-data';

const phaseKind = v.picklist(['compilation', 'prompt']);

const stopReason: v.GenericSchema<StopReason> = v.picklist([
  'cycles-done',
  'converged',
  'no-change',
  'perfect',
  'budget',
  'cancelled',
  'paused',
]);

const usageTotals: v.GenericSchema<UsageTotals> = v.looseObject({
  calls: v.number(),
  cachedCalls: v.number(),
  promptTokens: v.number(),
  completionTokens: v.number(),
  lmMs: v.number(),
  wallMs: v.optional(v.number()),
});

const budget: v.GenericSchema<Budget> = v.looseObject({
  maxCalls: v.optional(v.number()),
  maxTokens: v.optional(v.number()),
  maxWallMs: v.optional(v.number()),
});

const copaConfigObject = v.looseObject({
  seed: v.number(),
  cycles: v.number(),
  startWith: phaseKind,
  maxBootstrappedDemos: v.number(),
  maxLabeledDemos: v.number(),
  // Settings added after runs were first stored: an older checkpoint gets today's default.
  demoTokenBudget: v.optional(v.number(), DEFAULT_COPA_CONFIG.demoTokenBudget),
  bootstrapPatience: v.optional(v.number(), DEFAULT_COPA_CONFIG.bootstrapPatience),
  proposerExampleTokens: v.optional(v.number(), DEFAULT_COPA_CONFIG.proposerExampleTokens),
  maxRounds: v.number(),
  demoCandidates: v.number(),
  instructionCandidates: v.number(),
  minibatchSize: v.number(),
  finalists: v.number(),
  acceptMargin: v.number(),
  minImprovement: v.number(),
  maxRetries: v.number(),
  budget,
  stepMode: v.boolean(),
  failureProbeSize: v.number(),
  maxInstructionChars: v.number(),
  metricThreshold: v.number(),
});
// Input: what was stored (older records lack newer settings); output: a whole CopaConfig.
const copaConfig: v.GenericSchema<unknown, CopaConfig> = copaConfigObject;

/** The settings a run request may give (the rest are defaults). */
export const partialCopaConfig: v.GenericSchema<Partial<CopaConfig>> = v.partial(copaConfigObject);

const candidateRecord: v.GenericSchema<CandidateRecord> = v.looseObject({
  id: v.string(),
  label: v.string(),
  kind: v.picklist(['incumbent', 'demos', 'instruction', 'joint']),
  instructions: v.optional(v.record(v.string(), v.string())),
  demoCounts: v.optional(v.record(v.string(), v.number())),
  demos: v.optional(v.record(v.string(), v.array(demo))),
  minibatchScore: v.nullable(v.number()),
  minibatchExamples: v.number(),
  fullScore: v.nullable(v.number()),
  dropped: v.boolean(),
  dropReason: v.optional(v.picklist(DROP_REASONS)),
});

const budgetFit: v.GenericSchema<BudgetFit> = v.looseObject({
  limit: v.picklist(['calls', 'time']),
  changes: v.array(
    v.looseObject({ setting: v.picklist(FITTED_SETTINGS), from: v.number(), to: v.number() }),
  ),
});

const phaseRecord: v.GenericSchema<PhaseRecord> = v.looseObject({
  index: v.number(),
  cycle: v.number(),
  kind: phaseKind,
  candidates: v.array(candidateRecord),
  scoreBefore: v.number(),
  scoreBeforeExamples: v.optional(v.number()),
  scoreAfter: v.number(),
  accepted: v.boolean(),
  winner: v.nullable(v.string()),
  decision: v.string(),
  insight: v.string(),
  costs: usageTotals,
  constraintViolations: v.number(),
  bootstrap: v.optional(v.looseObject({ attempts: v.number(), successes: v.number() })),
  plannedCalls: v.optional(v.number()),
  probedFailures: v.optional(v.looseObject({ failed: v.number(), probed: v.number() })),
  failedProposals: v.optional(v.number()),
  proposerEvidenceLeftOut: v.optional(v.number()),
  contextTrims: v.optional(v.looseObject({ calls: v.number(), demosDropped: v.number() })),
  fit: v.optional(budgetFit),
});

const insight: v.GenericSchema<Insight> = v.looseObject({
  phase: v.number(),
  kind: phaseKind,
  text: v.string(),
  focusIds: v.array(v.string()),
});

const checkpoint: v.GenericSchema<unknown, CopaCheckpoint> = v.looseObject({
  version: v.literal(COPA_CHECKPOINT_VERSION),
  config: copaConfig,
  nextPhase: v.number(),
  program: programState,
  bestScore: v.number(),
  baselineScore: v.number(),
  baselineExamples: v.optional(v.number()),
  selection: v.optional(v.object({ examples: v.number(), of: v.number() })),
  exampleScores: v.array(v.number()),
  datasetSummary: v.string(),
  insight: v.nullable(insight),
  instructionHistory: v.record(
    v.string(),
    v.array(
      v.looseObject({
        instruction: v.string(),
        score: v.number(),
        examples: v.optional(v.number()),
      }),
    ),
  ),
  history: v.array(phaseRecord),
  cycleStartScore: v.number(),
  totals: usageTotals,
  curve: v.array(v.tuple([v.number(), v.number()])),
  constraintViolations: v.number(),
  finished: v.nullable(stopReason),
  runTag: v.optional(v.string()),
});

// Said for every use of the checkpoint: resuming, and showing the run's phases, results or report.
const UNREADABLE_RUN =
  'it cannot be resumed, and its phases, results and report cannot be shown. The saved run is kept, and so is a program it saved (in the Library).';

/**
 * A checkpoint read from storage, checked field by field. One from another version of the
 * optimizer, or a damaged one, is refused with CheckpointError; the stored run is left as it is.
 */
export function parseCheckpoint(value: unknown): CopaCheckpoint {
  const version = (value as { version?: unknown } | null)?.version;
  if (version !== COPA_CHECKPOINT_VERSION)
    throw new CheckpointError(
      `This saved run was written by another version of COPA: ${UNREADABLE_RUN}`,
    );
  const parsed = v.safeParse(checkpoint, value);
  if (!parsed.success)
    throw new CheckpointError(
      `This saved run is damaged (its checkpoint's ${issueText(parsed.issues)}): ${UNREADABLE_RUN}`,
    );
  return parsed.output;
}

/** A stored run's last checkpoint, checked (undefined before its baseline was scored). */
export function lastCheckpoint(run: RunRecord): CopaCheckpoint | undefined {
  const state = run.checkpoints[run.checkpoints.length - 1]?.state;
  return state === undefined ? undefined : parseCheckpoint(state);
}
