import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/core/optimizers/events';
import type { PhaseRecord, StopReason } from '../../../src/core/optimizers/records';
import {
  applyEvents,
  decisionScoresWords,
  emptyRunView,
  STOP_REASON_SHORT,
  stopReasonText,
} from '../../../src/ui/optimize/run-view';
import { describeEvent } from '../../../src/ui/optimize/event-lines';
import { DEFAULT_SAMPLING } from '../../../src/core/lm';
import { MeteredLM } from '../../../src/core/usage';
import { ScriptedLM } from '../helpers/scripted-lm';

const costs = { calls: 40, cachedCalls: 2, promptTokens: 1000, completionTokens: 100, lmMs: 5 };
const totals = (calls: number) => ({ ...costs, calls });

function record(index: number, accepted: boolean): PhaseRecord {
  return {
    index,
    cycle: Math.floor(index / 2),
    kind: index % 2 === 0 ? 'compilation' : 'prompt',
    candidates: [],
    scoreBefore: 0.5,
    scoreAfter: accepted ? 0.7 : 0.5,
    accepted,
    winner: accepted ? 'b' : null,
    decision: accepted ? 'b is better' : 'nothing better',
    insight: 'learned',
    costs,
    constraintViolations: 0,
  };
}

const candidate = (id: string) => ({
  id,
  label: id,
  kind: 'demos' as const,
  minibatchScore: null,
  minibatchExamples: 0,
  fullScore: null,
  dropped: false,
});

describe('applyEvents', () => {
  it('builds phase cards, scores, decisions and the curve from the events of a run', () => {
    const view = emptyRunView();
    const events: RunEvent[] = [
      {
        type: 'run-started',
        method: 'copa',
        config: {},
        estimate: { lmCalls: 500, promptTokens: 1, completionTokens: 1 },
      },
      { type: 'baseline', score: 0.5, examples: 20 },
      { type: 'phase-started', index: 0, kind: 'compilation', cycle: 0 },
      { type: 'candidate-proposed', phase: 0, candidate: candidate('a') },
      { type: 'candidate-proposed', phase: 0, candidate: candidate('b') },
      {
        type: 'candidate-scored',
        phase: 0,
        candidateId: 'b',
        stage: 'minibatch',
        score: 0.6,
        examples: 10,
      },
      {
        type: 'candidate-scored',
        phase: 0,
        candidateId: 'b',
        stage: 'full',
        score: 0.7,
        examples: 20,
      },
      {
        type: 'candidate-dropped',
        phase: 0,
        candidateId: 'a',
        minibatchScore: 0.3,
        reason: 'minibatch',
      },
      {
        type: 'decision',
        phase: 0,
        accepted: true,
        candidateId: 'b',
        score: 0.7,
        incumbentScore: 0.5,
        reason: 'b is better',
      },
      { type: 'insight', phase: 0, kind: 'compilation', text: 'demos help' },
      { type: 'phase-finished', record: record(0, true) },
      { type: 'budget', totals: totals(60), remaining: { calls: 1, tokens: 1, wallMs: 1 } },
    ];
    // Delivered in two batches, as the worker does.
    applyEvents(view, events.slice(0, 5));
    applyEvents(view, events.slice(5));
    expect(view.estimateCalls).toBe(500);
    expect(view.selection).toBeNull();
    applyEvents(view, [{ ...events[0]!, selection: { examples: 138, of: 200 } } as RunEvent]);
    expect(view.selection).toEqual({ examples: 138, of: 200 });
    expect(view.baseline).toBe(0.5);
    expect(view.best).toBe(0.7);
    expect(view.phases).toHaveLength(1);
    const phase = view.phases[0]!;
    expect(phase.done).toBe(true);
    expect(phase.insight).toBe('demos help');
    expect(phase.decision?.accepted).toBe(true);
    expect(phase.candidates.find((c) => c.record.id === 'b')).toMatchObject({
      minibatchScore: 0.6,
      fullScore: 0.7,
      dropped: null,
    });
    expect(phase.candidates.find((c) => c.record.id === 'a')?.dropped).toMatch(/minibatch/);
    // The phase spanned calls 20..60 (its own 40 calls after the baseline's 20).
    expect([phase.startCalls, phase.endCalls]).toEqual([20, 60]);
    expect(view.curve).toEqual([
      [20, 0.5],
      [60, 0.7],
    ]);
  });

  it('a resumed run that redoes an unfinished phase replaces its card, and the stop reason is kept', () => {
    const view = emptyRunView();
    applyEvents(view, [
      { type: 'phase-started', index: 0, kind: 'compilation', cycle: 0 },
      { type: 'candidate-proposed', phase: 0, candidate: candidate('a') },
      {
        type: 'run-finished',
        method: 'copa',
        reason: 'budget',
        bestScore: 0.5,
        baselineScore: 0.5,
        totals: totals(10),
        message: 'Used 10 of 10 calls',
      },
      { type: 'phase-started', index: 0, kind: 'compilation', cycle: 0 },
    ]);
    expect(view.phases).toHaveLength(1);
    expect(view.phases[0]!.candidates).toEqual([]);
    expect(view.stopReason).toBe('budget');
    expect(stopReasonText('budget', view.stopMessage)).toContain('Used 10 of 10 calls');
  });

  it('spans a phase a budget cut short up to the stop, and names the finalist the run keeps from it', () => {
    // The chart's axis ended at the last finished phase (84 of 150 calls), and the cut phase's
    // candidates said "…" after the run had ended, the one the run returns among them.
    const view = emptyRunView();
    const finished = (keptCandidate?: string): RunEvent => ({
      type: 'run-finished',
      method: 'copa',
      reason: 'budget',
      bestScore: 0.7,
      baselineScore: 0.5,
      totals: totals(150),
      ...(keptCandidate ? { keptCandidate } : {}),
    });
    applyEvents(view, [
      { type: 'phase-started', index: 0, kind: 'compilation', cycle: 0 },
      { type: 'phase-finished', record: record(0, false) },
      { type: 'budget', totals: totals(84), remaining: { calls: 66, tokens: 1, wallMs: 1 } },
      { type: 'phase-started', index: 1, kind: 'prompt', cycle: 0 },
      { type: 'candidate-proposed', phase: 1, candidate: candidate('p1') },
      { type: 'candidate-proposed', phase: 1, candidate: candidate('p2') },
      finished('p2'),
    ]);
    const cut = view.phases[1]!;
    expect(cut.cut).toBe(true);
    expect([cut.startCalls, cut.endCalls]).toEqual([84, 150]);
    expect(cut.kept).toBe('p2');
    // A pause (a lost engine) keeps nothing: the phase is run again on resume.
    const paused = emptyRunView();
    applyEvents(paused, [
      { type: 'phase-started', index: 0, kind: 'prompt', cycle: 0 },
      { ...finished('p2'), reason: 'paused' } as RunEvent,
    ]);
    expect(paused.phases[0]).toMatchObject({ cut: true, kept: null, startCalls: 0, endCalls: 150 });
  });

  it('shows how a phase was sized to the budget from its start, and keeps it when it ends', () => {
    const view = emptyRunView();
    const fit = {
      limit: 'time' as const,
      changes: [{ setting: 'finalists' as const, from: 3, to: 1 }],
    };
    applyEvents(view, [{ type: 'phase-started', index: 0, kind: 'compilation', cycle: 0, fit }]);
    expect(view.phases[0]?.fit).toEqual(fit);
    applyEvents(view, [{ type: 'phase-finished', record: { ...record(0, true), fit } }]);
    expect(view.phases[0]?.fit).toEqual(fit);
    applyEvents(view, [{ type: 'phase-started', index: 1, kind: 'prompt', cycle: 0 }]);
    expect(view.phases[1]?.fit).toBeNull();
  });

  it("says a decision's scores, and on how many examples a start program was measured", () => {
    const full = { accepted: true, score: 0.717, incumbentScore: 0.52 };
    expect(decisionScoresWords(full)).toBe('full validation set: 52.0% → 71.7%');
    const partial = { ...full, incumbentExamples: 25 };
    expect(decisionScoresWords(partial)).toBe(
      'before: 52.0% on 25 validation examples; after: 71.7% on the full validation set',
    );
    expect(decisionScoresWords({ ...partial, accepted: false, score: 0.52 })).toBe(
      'current program: 52.0% on 25 validation examples',
    );

    // A run that selects on a sample says so, not "full validation set".
    const sample = { examples: 100, of: 200 };
    expect(decisionScoresWords(full, sample)).toBe('100-example validation sample: 52.0% → 71.7%');
    expect(decisionScoresWords(partial, sample)).toBe(
      'before: 52.0% on 25 validation examples; after: 71.7% on the 100-example validation sample',
    );
  });

  it("takes a stored run's sample from its replayed baseline", () => {
    const view = emptyRunView();
    applyEvents(view, [
      { type: 'baseline', score: 0.4, examples: 100, selection: { examples: 100, of: 200 } },
    ]);
    expect(view.selection).toEqual({ examples: 100, of: 200 });
  });

  it('ignores events for phases it never saw start', () => {
    const view = emptyRunView();
    applyEvents(view, [
      { type: 'insight', phase: 3, kind: 'prompt', text: 'x' },
      {
        type: 'candidate-scored',
        phase: 3,
        candidateId: 'z',
        stage: 'full',
        score: 1,
        examples: 1,
      },
    ]);
    expect(view.phases).toEqual([]);
  });

  it('shows a candidate raced over several minibatch rounds at their mean, with their count, before its phase ends', () => {
    // The card of a phase still going (or cut off) showed the last round's score alone, and
    // no "on N", where the phase's record gives the mean over all rounds.
    const view = emptyRunView();
    applyEvents(view, [
      { type: 'phase-started', index: 1, kind: 'prompt', cycle: 0 },
      { type: 'candidate-proposed', phase: 1, candidate: candidate('p') },
      ...(
        [
          [0.6, 10],
          [0.9, 20],
        ] as const
      ).map(([score, examples]): RunEvent => ({
        type: 'candidate-scored',
        phase: 1,
        candidateId: 'p',
        stage: 'minibatch',
        score,
        examples,
      })),
    ]);
    const c = view.phases[0]?.candidates[0];
    expect(c?.minibatchScore).toBeCloseTo(0.8, 10);
    expect(c?.minibatchExamples).toBe(30);
  });

  it('says why a run stopped in words, not by its code', () => {
    // The status line read "Finished (no-change)." and the log "Run finished (cycles-done)".
    for (const reason of Object.keys(STOP_REASON_SHORT) as StopReason[]) {
      expect(STOP_REASON_SHORT[reason]).not.toMatch(/-/);
      const line = describeEvent({
        type: 'run-finished',
        method: 'copa',
        reason,
        bestScore: 0.6,
        baselineScore: 0.2,
        totals: totals(10),
      });
      // A pause is no finish: the log says "Run paused" (event-lines.test.ts).
      if (reason !== 'paused')
        expect(line).toContain(`Run finished (${STOP_REASON_SHORT[reason]})`);
    }
    expect(STOP_REASON_SHORT['no-change']).toBe('a cycle changed nothing');
  });

  it('says a cycle that changed nothing replaced nothing, not that no candidate scored higher', () => {
    // Under "Keep only clear gains" a run stops on no-change after a finalist scored higher
    // than the current program by less than the margin; it said "no candidate beat" it.
    const text = stopReasonText('no-change', null);
    expect(text).toContain('no candidate replaced the current program');
    expect(text).not.toMatch(/beat/);
  });

  it('names the larger of one standard error and the minimum gain as what a cycle must gain', () => {
    // It said "less than the threshold (or one standard error)": stop-reason.ts takes the larger.
    expect(stopReasonText('converged', null)).toMatch(
      /less than that score's noise \(one standard error\) or 1 point, whichever is larger/,
    );
    expect(stopReasonText('converged', null, 0.025)).toContain('or 2.5 points, whichever');
  });

  it('says a spent budget in clean sentences: no brackets within brackets, no doubled full stop', async () => {
    // The messages a run's budget really stops it with, for each kind of budget.
    let clock = 0;
    const spent = async (budget: Record<string, number>): Promise<string> => {
      const lm = new MeteredLM(new ScriptedLM(() => 'a'), budget, () => clock);
      await lm.complete({ messages: [{ role: 'user', content: 'q' }], ...DEFAULT_SAMPLING });
      clock += 90_000;
      return lm.exhausted()?.message ?? '';
    };
    const messages = [
      await spent({ maxCalls: 1 }),
      await spent({ maxTokens: 1 }),
      await spent({ maxWallMs: 60_000 }),
    ];
    for (const message of [...messages, 'Used 10 of 10 calls', '  The budget is spent.  ']) {
      const text = stopReasonText('budget', message);
      expect(text).not.toMatch(/\([^)]*\(/);
      expect(text).not.toMatch(/\.\s*\.|\.\)/);
      expect(text).toMatch(/^\S.*\. The best program so far is kept\.$/);
    }
    expect(stopReasonText('budget', messages[0]!)).toBe(
      'The call budget is spent: 1 of 1 model call. Raise the call limit for a longer run. The best program so far is kept.',
    );
    expect(stopReasonText('budget', null)).toBe(
      'The budget was spent. The best program so far is kept.',
    );
  });
});
