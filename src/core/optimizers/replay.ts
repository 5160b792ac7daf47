import type { ProgramState } from '../program';
import { budgetRemaining, type UsageTotals } from '../usage';
import { partialBaselineExamples, partialBestExamples, type CopaCheckpoint } from './checkpoint';
import type { RunEvent } from './events';

/** What the run looked like right after one finished phase (from the checkpoint saved then). */
export interface PhaseSnapshot {
  program: ProgramState;
  totals: UsageTotals;
}

/**
 * The events that retell a run's finished phases, from its latest checkpoint: the baseline (with
 * the start program when `after(-1)` knows it), then per phase its candidates with their scores
 * and drops, the decision, the insight and the program after it (when the checkpoint saved
 * after that phase is known), and how the run ended if it has. Fed to a fresh view
 * (a run resumed after a reload), they rebuild the phase cards and the curve the user saw
 * before, so a resumed run reads as one story.
 */
export function replayEvents(
  latest: CopaCheckpoint,
  after: (phaseIndex: number) => PhaseSnapshot | undefined,
): RunEvent[] {
  if (latest.nextPhase < 0) return [];
  // The start program is scored as the first phase goes (on a minibatch only, when a candidate
  // was clearly ahead of it): the baseline is what the run had learned, on the examples it rests
  // on, and none before the first phase ended. Absent: an older run's, scored on every example.
  const examples = latest.baselineExamples ?? latest.exampleScores.length;
  const partial = partialBaselineExamples(latest);
  const bestExamples = partialBestExamples(latest);
  const start = after(-1);
  const events: RunEvent[] =
    examples > 0
      ? [
          {
            type: 'baseline',
            score: latest.baselineScore,
            examples,
            ...(start ? { program: start.program } : {}),
            ...(partial !== undefined ? { partial: true } : {}),
            ...(latest.selection ? { selection: latest.selection } : {}),
          },
        ]
      : [];
  for (const record of latest.history) {
    const phase = record.index;
    const snapshot = after(phase);
    events.push({ type: 'phase-started', index: phase, kind: record.kind, cycle: record.cycle });
    if (record.bootstrap) events.push({ type: 'bootstrap-progress', phase, ...record.bootstrap });
    for (const candidate of record.candidates) {
      events.push({ type: 'candidate-proposed', phase, candidate });
      if (candidate.dropped && candidate.dropReason)
        events.push({
          type: 'candidate-dropped',
          phase,
          candidateId: candidate.id,
          minibatchScore: candidate.minibatchScore ?? 0,
          reason: candidate.dropReason,
        });
    }
    events.push({
      type: 'decision',
      phase,
      accepted: record.accepted,
      candidateId: record.winner,
      score: record.scoreAfter,
      incumbentScore: record.scoreBefore,
      ...(record.scoreBeforeExamples !== undefined
        ? { incumbentExamples: record.scoreBeforeExamples }
        : {}),
      reason: record.decision,
    });
    events.push({ type: 'insight', phase, kind: record.kind, text: record.insight });
    events.push({
      type: 'phase-finished',
      record,
      ...(snapshot ? { program: snapshot.program } : {}),
    });
    if (snapshot)
      events.push({
        type: 'budget',
        totals: snapshot.totals,
        remaining: budgetRemaining(latest.config.budget, snapshot.totals),
      });
  }
  if (latest.finished)
    events.push({
      type: 'run-finished',
      method: 'copa',
      reason: latest.finished,
      bestScore: latest.bestScore,
      baselineScore: latest.baselineScore,
      totals: latest.totals,
      curve: latest.curve.map((p) => [p[0], p[1]]),
      ...(partial !== undefined ? { baselineExamples: partial } : {}),
      ...(bestExamples !== undefined ? { bestExamples } : {}),
    });
  return events;
}
