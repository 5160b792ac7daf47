import type { JsonObject } from '../json';
import { modelCallsPerScore } from '../metric';
import { Program, type ProgramState } from '../program';
import type { UsageTotals } from '../usage';
import {
  assertCheckpoint,
  partialBaselineExamples,
  partialBestExamples,
  snapshot,
  type CopaCheckpoint,
} from './checkpoint';
import { runCompilationPhase } from './compilation-phase';
import { resolveCopaConfig, type CopaConfig } from './copa-config';
import { estimateCopaCost } from './cost-estimate';
import { measurePromptSize } from './prompt-size';
import { selectionSetWords, selectionSize, selectionSubset } from './selection-set';
import { summarizeDataset } from './dataset-summary';
import type { PhaseContext, PhaseOutcome } from './phase-context';
import { runPromptPhase } from './prompt-phase';
import type { CurvePoint, PhaseKind, PhaseRecord, StopReason } from './records';
import { tooLittleForPhase, tooLittleMessage, unfinishableShare } from './unfinishable-phase';
import type { Incumbent } from './candidate-pool';
import { standardError } from './selection';
import { OptimizerSession, type OptimizerRunOptions, type OptimizerTask } from './session';
import { stopReasonOf } from './stop-reason';
import {
  callsLeft,
  planNextPhase,
  plannedCalls,
  replanSelection,
  type NextPhase,
  type PhasePlan,
} from './phase-plan';
import type { ModelSpeed } from '../time-estimate';

export type CopaTask = OptimizerTask;

export interface CopaRunOptions extends OptimizerRunOptions {
  config?: Partial<CopaConfig>;
  /** Continue a paused run. Budget and stepMode may be changed through `config`; nothing else. */
  resumeFrom?: CopaCheckpoint;
  /** Called with plain JSON after every phase. */
  onCheckpoint?: (cp: CopaCheckpoint) => void | Promise<void>;
  /** Checked between phases; when true the run returns with reason 'paused'. */
  shouldPause?: () => boolean;
  /**
   * The model's measured speed (the warm-up's), so a time budget can size the first phase
   * before the run has a pace of its own. Without it the first phase is planned by calls only.
   */
  speed?: ModelSpeed | null;
  /**
   * Validation examples a new run selects on, instead of the number its budget calls for
   * (selection-set.ts): `npm run study:selection` compares sizes under the same budget.
   */
  selectionExamples?: number;
}

export interface CopaResult {
  method: 'copa';
  program: ProgramState;
  baselineScore: number;
  bestScore: number;
  /**
   * Per-example validation scores of the program returned; empty when it was not scored in full
   * (a start program no candidate beat, scored on minibatches only).
   */
  exampleScores: number[];
  history: PhaseRecord[];
  totals: UsageTotals;
  curve: [number, number][];
  stopReason: StopReason;
  constraintViolations: number;
  /** Resume from this to continue a paused or budget-stopped run. */
  checkpoint: CopaCheckpoint;
}

export { estimateCopaCost };

/** Which kind of phase has this index. */
export function phaseKind(config: CopaConfig, index: number): PhaseKind {
  const first = config.startWith;
  const other: PhaseKind = first === 'compilation' ? 'prompt' : 'compilation';
  return index % 2 === 0 ? first : other;
}

/**
 * COPA: alternates compilation (demos) and prompt (instruction) phases, each conditioned on
 * the other's winner and insight, keeping the best program on the full validation set.
 * Never throws for budget or cancel: returns the best so far with the reason.
 */
export async function runCopa(task: CopaTask, options: CopaRunOptions): Promise<CopaResult> {
  const resumed = options.resumeFrom;
  if (resumed) assertCheckpoint(resumed);
  const config = resumed
    ? resolveCopaConfig({
        ...resumed.config,
        ...(options.config?.budget ? { budget: options.config.budget } : {}),
        ...(options.config?.stepMode !== undefined ? { stepMode: options.config.stepMode } : {}),
      })
    : resolveCopaConfig(options.config);
  // A new run gets a tag of its own; a resumed one keeps its tag (none in older checkpoints).
  const runTag = resumed ? resumed.runTag : crypto.randomUUID();
  const session = new OptimizerSession(task, options, {
    budget: config.budget,
    maxRetries: config.maxRetries,
    ...(runTag !== undefined ? { runTag } : {}),
    ...(resumed
      ? {
          initialTotals: resumed.totals,
          initialCurve: resumed.curve,
          initialViolations: resumed.constraintViolations,
          replayFrom: resumed.nextPhase,
        }
      : {}),
  });
  const promptSize = measurePromptSize(task.program, options.adapter, task.trainset);
  const valSize = task.valset.length;
  // The validation examples this run selects on (all but under a tight budget): fixed at the
  // start, so every score of the run rests on the same examples.
  const selectionExamples = resumed
    ? Math.min(valSize, resumed.selection?.examples ?? valSize)
    : options.selectionExamples !== undefined
      ? Math.min(valSize, Math.max(1, Math.trunc(options.selectionExamples)))
      : selectionSize(config, {
          callsAfforded: callsLeft({
            session,
            config,
            kind: phaseKind(config, 0),
            incumbent: task.program,
            promptSize,
            speed: options.speed ?? null,
          }).calls,
          valSize,
          trainSize: task.trainset.length,
          steps: task.program.steps.length + modelCallsPerScore(task.metric),
        });
  const sample = selectionExamples < valSize ? { examples: selectionExamples, of: valSize } : null;
  session.selectionSetWords = selectionSetWords(sample);
  const runTask: CopaTask = {
    ...task,
    valset: selectionSubset(task.valset, selectionExamples, config.seed),
  };
  session.emit({
    type: 'run-started',
    method: 'copa',
    config: config as unknown as JsonObject,
    estimate: estimateCopaCost({ ...runTask, promptSize }, config),
    ...(resumed ? { resumedAtPhase: resumed.nextPhase } : {}),
    wallMs: session.totals().wallMs ?? 0,
    ...(sample ? { selection: sample } : {}),
  });

  // nextPhase -1: a checkpoint stored by an earlier version before its baseline was scored;
  // such a run starts over.
  // A resumed run's checkpoints carry the budget and step mode it now runs under, so its report
  // and a later resume see what it finished with.
  let cp: CopaCheckpoint | null =
    resumed && resumed.nextPhase >= 0 ? { ...snapshot(resumed), config } : null;
  const finish = (reason: StopReason, message?: string): CopaResult => {
    const state: CopaCheckpoint = cp ?? {
      ...initialCheckpoint(runTask, config, session, 0, [], runTag),
      nextPhase: -1,
    };
    // The checkpoint stays as the last finished phase left it, totals included: a run resumed
    // from it redoes an unfinished phase, whose calls count again as they are replayed.
    const totals = session.totals();
    if (reason !== 'paused' && reason !== 'budget' && reason !== 'cancelled')
      state.finished = reason;
    const final = snapshot(state);
    // Cut short inside a phase: a candidate it already proved better is the best so far. The
    // checkpoint stays at the last finished phase, so a resumed run redoes that phase exactly.
    // The session holds only a candidate this phase proved better than its start program, the
    // checkpoint's program, so its score is not compared with the checkpoint's: for a start
    // program never scored in full that is a minibatch estimate, which may well be higher.
    const pending = session.unsettled;
    const better = pending !== null;
    if (better) session.recordBest(pending.score);
    const bestScore = better ? pending.score : final.bestScore;
    const baselineExamples = partialBaselineExamples(final);
    // The returned program's full scores: none when it is a start program kept on an estimate.
    const exampleScores = better ? [...pending.exampleScores] : final.exampleScores;
    const bestExamples = partialBestExamples({ ...final, exampleScores });
    // A copy of the curve, for the event and the result alike (neither is changed afterwards).
    const curve = session.curve.map((p): CurvePoint => [p[0], p[1]]);
    session.emit({
      type: 'run-finished',
      method: 'copa',
      reason,
      bestScore,
      baselineScore: final.baselineScore,
      totals,
      ...(message ? { message } : {}),
      ...(baselineExamples !== undefined ? { baselineExamples } : {}),
      ...(bestExamples !== undefined ? { bestExamples } : {}),
      curve,
      ...(pending ? { keptCandidate: pending.candidateId } : {}),
    });
    return {
      method: 'copa',
      program: better ? pending.program.toState() : final.program,
      baselineScore: final.baselineScore,
      bestScore,
      exampleScores,
      history: final.history,
      totals,
      curve,
      stopReason: reason,
      constraintViolations: session.violations,
      checkpoint: final,
    };
  };

  try {
    if (!cp) {
      // The start program is not scored on the whole validation set here: the first phase
      // scores it like a candidate (minibatches first) and in full only when a decision needs it.
      cp = initialCheckpoint(runTask, config, session, 0, [], runTag);
      cp.baselineExamples = 0;
      if (sample) cp.selection = sample;
      await options.onCheckpoint?.(snapshot(cp));
    }
    if (cp.finished) return finish(cp.finished);
    const totalPhases = config.cycles * 2;
    while (cp.nextPhase < totalPhases) {
      const index: number = cp.nextPhase;
      const cycle = Math.floor(index / 2);
      const kind = phaseKind(config, index);
      session.phase = index;
      const incumbent: Incumbent = {
        program: Program.fromState(cp.program),
        score: cp.bestScore,
        exampleScores: cp.exampleScores,
      };
      const next: NextPhase = {
        session,
        config,
        kind,
        phasesLeft: totalPhases - index,
        incumbent: incumbent.program,
        unscoredIncumbent: cp.exampleScores.length !== runTask.valset.length,
        history: cp.history,
        valSize: runTask.valset.length,
        trainSize: runTask.trainset.length,
        promptSize,
        speed: options.speed ?? null,
      };
      const plan = planNextPhase(next);
      // A phase the budget left cannot finish would spend it for nothing: the run stops before
      // it (a run's first phase always starts, as nothing was gained yet to keep).
      const share = unfinishableShare(plan.limit, options.speed != null);
      if (index > 0 && tooLittleForPhase(config, plan.input, share))
        return finish(
          'budget',
          tooLittleMessage(config, plan.input, {
            limit: plan.limit,
            wallMs: session.lm.remaining().wallMs,
          }),
        );
      const replanned: { plan: PhasePlan | null } = { plan: null };
      session.emit({
        type: 'phase-started',
        index,
        kind,
        cycle,
        ...(plan.fit ? { fit: plan.fit } : {}),
      });
      const ctx: PhaseContext = {
        session,
        task: runTask,
        config: plan.config,
        index,
        cycle,
        incumbent,
        insight: cp.insight,
        datasetSummary: cp.datasetSummary,
        instructionHistory: cp.instructionHistory,
        replanSelection: () => {
          replanned.plan = replanSelection(next, plan);
          return replanned.plan.config;
        },
      };
      const outcome: PhaseOutcome =
        kind === 'compilation' ? await runCompilationPhase(ctx) : await runPromptPhase(ctx);
      outcome.record.plannedCalls = plannedCalls(plan, replanned.plan);
      const fit = replanned.plan ? replanned.plan.fit : plan.fit;
      if (fit) outcome.record.fit = fit;
      session.unsettled = null;
      const baseline = baselineLearned(cp, outcome, runTask.valset.length);
      if (baseline) {
        cp = { ...cp, ...baseline, cycleStartScore: baseline.baselineScore };
        // The curve holds full evaluations only, each at the call it was made (selection.ts
        // puts the start program's there): a minibatch estimate of it is no "best validation
        // score" (its chart drew 52% on 25 examples as the line's start).
        session.emit({
          type: 'baseline',
          score: baseline.baselineScore,
          examples: baseline.baselineExamples,
          program: task.program.toState(),
          ...(baseline.baselineExamples < runTask.valset.length ? { partial: true } : {}),
        });
      }
      if (outcome.incumbent.examples === undefined) session.recordBest(outcome.incumbent.score);
      session.emit({
        type: 'decision',
        phase: index,
        accepted: outcome.record.accepted,
        candidateId: outcome.record.winner,
        score: outcome.incumbent.score,
        incumbentScore: outcome.record.scoreBefore,
        ...(outcome.record.scoreBeforeExamples !== undefined
          ? { incumbentExamples: outcome.record.scoreBeforeExamples }
          : {}),
        reason: outcome.record.decision,
      });
      session.emit({ type: 'insight', phase: index, kind, text: outcome.insight.text });
      session.emit({
        type: 'phase-finished',
        record: outcome.record,
        program: outcome.incumbent.program.toState(),
      });
      session.reportBudget();

      cp = {
        ...cp,
        nextPhase: index + 1,
        program: outcome.incumbent.program.toState(),
        bestScore: outcome.incumbent.score,
        exampleScores: outcome.incumbent.exampleScores,
        insight: outcome.insight,
        instructionHistory: ctx.instructionHistory,
        history: [...cp.history, outcome.record],
        totals: session.totals(),
        curve: session.curve,
        constraintViolations: session.violations,
      };
      const stop = stopReasonOf(cp, config, index);
      if (index % 2 === 1) cp.cycleStartScore = cp.bestScore;
      if (stop) cp.finished = stop;
      await options.onCheckpoint?.(snapshot(cp));
      if (stop) return finish(stop);
      if (config.stepMode || options.shouldPause?.()) return finish('paused');
    }
    return finish('cycles-done');
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'BudgetExceededError') return finish('budget', (err as Error).message);
    if (name === 'AbortError') return finish('cancelled');
    throw err;
  }
}

/**
 * What a phase taught about the start program's score, while it is not known in full: the
 * phase scored it (in full, or on minibatches only) before deciding. Null when nothing new.
 */
function baselineLearned(
  cp: CopaCheckpoint,
  outcome: PhaseOutcome,
  valSize: number,
): { baselineScore: number; baselineExamples: number } | null {
  const known = cp.baselineExamples ?? valSize;
  // Once a phase has replaced the start program, no later phase scores it again.
  if (known >= valSize || cp.history.some((r) => r.accepted)) return null;
  const before = outcome.before;
  const examples = before.examples ?? valSize;
  if (examples <= known) return null;
  return { baselineScore: before.score, baselineExamples: examples };
}

function initialCheckpoint(
  task: CopaTask,
  config: CopaConfig,
  session: OptimizerSession,
  baselineScore: number,
  exampleScores: number[],
  runTag: string | undefined,
): CopaCheckpoint {
  return {
    ...(runTag !== undefined ? { runTag } : {}),
    version: 1,
    config,
    nextPhase: 0,
    program: task.program.toState(),
    bestScore: baselineScore,
    baselineScore,
    exampleScores,
    datasetSummary: summarizeDataset(task.program, task.trainset),
    insight: null,
    instructionHistory: {},
    history: [],
    cycleStartScore: baselineScore,
    totals: session.totals(),
    curve: session.curve,
    constraintViolations: session.violations,
    finished: null,
  };
}

export { standardError };
