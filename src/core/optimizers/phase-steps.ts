import type { PhaseContext } from './phase-context';
import type { PhaseKind, PhaseRecord } from './records';
import type { Candidate } from './candidate-pool';
import type { NextCandidate } from './minibatch-screening';
import { selectCandidate, type SelectionOutcome } from './selection';
import { phaseRng } from './seeds';
import { usageDelta } from './session';
import type { UsageTotals } from '../usage';

/** What the session had spent when a phase began, to report the phase's own cost. */
export interface PhaseStart {
  totals: UsageTotals;
  violations: number;
  contextTrims: { calls: number; demosDropped: number };
}

export function phaseStart(ctx: PhaseContext): PhaseStart {
  return {
    totals: ctx.session.totals(),
    violations: ctx.session.violations,
    contextTrims: { ...ctx.session.contextTrims },
  };
}

/** Paired selection among a phase's candidates, with the run's settings and the phase's seed. */
export function selectForPhase(
  ctx: PhaseContext,
  candidates: Candidate[],
  more?: NextCandidate,
): Promise<SelectionOutcome> {
  const { config, index } = ctx;
  return selectCandidate(
    ctx.session,
    candidates,
    ctx.incumbent,
    ctx.task.valset,
    phaseRng(config.seed, index, 'selection'),
    {
      minibatchSize: config.minibatchSize,
      finalists: config.finalists,
      acceptMargin: config.acceptMargin,
      phase: index,
    },
    more,
  );
}

/** The record every phase writes: candidates, decision, insight and what the phase cost. */
export function phaseRecord(
  ctx: PhaseContext,
  kind: PhaseKind,
  candidates: readonly Candidate[],
  outcome: SelectionOutcome,
  insight: string,
  start: PhaseStart,
): PhaseRecord {
  return {
    index: ctx.index,
    cycle: ctx.cycle,
    kind,
    candidates: candidates.map((c) => c.record),
    scoreBefore: outcome.before.score,
    ...(outcome.before.examples !== undefined && outcome.before.examples < ctx.task.valset.length
      ? { scoreBeforeExamples: outcome.before.examples }
      : {}),
    scoreAfter: outcome.incumbent.score,
    accepted: outcome.accepted,
    winner: outcome.winnerId,
    decision: outcome.reason,
    insight,
    costs: usageDelta(ctx.session.totals(), start.totals),
    constraintViolations: ctx.session.violations - start.violations,
    ...contextTrimsSince(ctx, start),
  };
}

/** The phase's prompts cut to fit the context window, when there were any. */
function contextTrimsSince(
  ctx: PhaseContext,
  start: PhaseStart,
): Pick<PhaseRecord, 'contextTrims'> {
  const now = ctx.session.contextTrims;
  const calls = now.calls - start.contextTrims.calls;
  return calls > 0
    ? {
        contextTrims: {
          calls,
          demosDropped: now.demosDropped - start.contextTrims.demosDropped,
        },
      }
    : {};
}
