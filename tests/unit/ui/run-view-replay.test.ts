import { describe, expect, it } from 'vitest';
import type { CopaCheckpoint } from '../../../src/core/optimizers/checkpoint';
import type { RunEvent } from '../../../src/core/optimizers/events';
import { replayEvents } from '../../../src/core/optimizers/replay';
import {
  applyEvents,
  baselineWords,
  emptyRunView,
  phaseStatusWords,
  type RunView,
} from '../../../src/ui/optimize/run-view';
import { copa, SMALL_CONFIG } from '../core/optimizers/copa-fixture';
import { ONE_HARD_EXAMPLE, toyModel } from '../core/optimizers/toy-task';
import { easyMinibatchRun } from '../core/optimizers/easy-minibatch';
import { runCopa } from '../../../src/core/optimizers/copa';
import { kvAdapter } from '../helpers/kv-adapter';
import { describeEvent } from '../../../src/ui/optimize/event-lines';
import { PROPOSER_SIGNATURE } from '../../../src/core/optimizers/proposer-format';
import { ScriptedLM } from '../helpers/scripted-lm';
import { toyTask } from '../core/optimizers/session-helpers';
import { examples, reverse, words } from '../core/optimizers/toy-task';

/** What a finished phase's card shows, without the live-only progress details. */
function cards(view: RunView) {
  return view.phases.map((p) => ({
    index: p.index,
    kind: p.kind,
    done: p.done,
    record: p.record,
    decision: p.decision,
    insight: p.insight,
    program: p.program,
    startCalls: p.startCalls,
    endCalls: p.endCalls,
    candidates: p.candidates.map((c) => [
      c.record.id,
      c.minibatchScore,
      c.record.minibatchExamples,
      c.fullScore,
      c.dropped,
    ]),
  }));
}

/** A run whose start program is only scored on the first phase's 20-example minibatch. */
async function recordedMinibatchRun(): Promise<{ events: RunEvent[]; saved: CopaCheckpoint[] }> {
  const { task, lm, config } = easyMinibatchRun();
  const events: RunEvent[] = [];
  const saved: CopaCheckpoint[] = [];
  await runCopa(task, {
    lm,
    adapter: kvAdapter,
    config,
    onEvent: (e) => events.push(e),
    onCheckpoint: (cp) => {
      saved.push(cp);
    },
  });
  return { events, saved };
}

describe('replaying a stored run', () => {
  it('rebuilds the phase cards and the curve a live view showed, from the saved checkpoints', async () => {
    const events: RunEvent[] = [];
    const saved: CopaCheckpoint[] = [];
    const r = await copa(toyModel({ overrides: ONE_HARD_EXAMPLE }), {
      // Copied when sent, as the worker boundary does: a record changed later in the phase
      // (its minibatch examples, the start program's full score) is not seen by the view.
      onEvent: (e) => events.push(structuredClone(e)),
      onCheckpoint: (cp) => {
        saved.push(cp);
      },
    });
    expect(r.history.length).toBeGreaterThanOrEqual(3);
    const live = emptyRunView();
    applyEvents(live, events);

    const latest = saved.at(-1) as CopaCheckpoint;
    const replayed = emptyRunView();
    applyEvents(
      replayed,
      replayEvents(latest, (phase) => {
        const cp = saved.find((c) => c.nextPhase === phase + 1);
        return cp && { program: cp.program, totals: cp.totals };
      }),
    );
    expect(cards(replayed)).toEqual(cards(live));
    // Both show the run's exact curve (a point per full evaluation), not one pieced together
    // from phase ends: the same chart live and reopened.
    expect(live.curve).toEqual(r.curve);
    expect(replayed.curve).toEqual(live.curve);
    expect(replayed.baseline).toBe(live.baseline);
    expect(replayed.best).toBe(r.bestScore);
  });

  it('retells the baseline on the examples the live run measured it on', async () => {
    // The start program is only ever scored on the first phase's 20-example minibatch.
    const { events, saved } = await recordedMinibatchRun();
    const live = events.find((e) => e.type === 'baseline');
    expect(live).toMatchObject({ examples: 20 });
    const latest = saved.at(-1) as CopaCheckpoint;
    const retold = replayEvents(latest, () => undefined).find((e) => e.type === 'baseline');
    expect(retold && describeEvent(retold)).toBe(live && describeEvent(live));
  });

  it('retells no baseline for a run saved before its first phase finished', async () => {
    // The start program is scored as the first phase goes: until it ends there is no baseline
    // (the live run reports none), not one of 0% on 0 examples.
    const saved: CopaCheckpoint[] = [];
    await copa(toyModel(), {
      onCheckpoint: (cp) => {
        saved.push(cp);
      },
    });
    const first = saved[0] as CopaCheckpoint;
    expect(first.nextPhase).toBe(0);
    expect(replayEvents(first, () => undefined)).toEqual([]);
  });

  it('retells nothing for a run stopped before its baseline was scored', () => {
    const cp = { nextPhase: -1, history: [] } as unknown as CopaCheckpoint;
    expect(replayEvents(cp, () => undefined)).toEqual([]);
  });

  it('says a baseline scored on a minibatch only is one, live, at the end and reopened', async () => {
    // The scores line read "Baseline 50.0%" and the log "baseline 50.0%" of a start program
    // scored on 20 of the 40 validation examples, as if on all of them.
    const { events, saved } = await recordedMinibatchRun();
    const live = emptyRunView();
    applyEvents(live, events);
    expect(live.baselineExamples).toBe(20);
    expect(baselineWords(live)).toBe('50.0% (on 20 validation examples)');
    const finished = events.find((e) => e.type === 'run-finished');
    expect(finished && describeEvent(finished)).toMatch(
      /baseline 50\.0% on 20 validation examples\.$/,
    );
    const replayed = emptyRunView();
    applyEvents(
      replayed,
      replayEvents(saved.at(-1) as CopaCheckpoint, () => undefined),
    );
    expect(baselineWords(replayed)).toBe(baselineWords(live));
  });

  it('says a start program no candidate beat is kept, not a best score, when it has only an estimate', async () => {
    // A finished run that changed nothing said "best 25.0%" of its start program's estimate on
    // one 20-example minibatch (a bench row read it as the program's validation score), and the
    // program was saved with that estimate as its validation score.
    // The model answers right only without demos and with the program's own instruction, so
    // every candidate falls behind the start program on its first minibatch.
    const lm = new ScriptedLM((request) => {
      const system = request.messages[0]?.content ?? '';
      if (system === PROPOSER_SIGNATURE.instruction)
        return `proposed_instruction: Answer with care, take ${request.seed % 997}.`;
      const x = ScriptedLM.lastUser(request).slice(3).trim();
      const plain = request.messages.length <= 2 && !system.includes('Answer with care');
      return `y: ${plain ? reverse(x) : x}`;
    });
    const task = toyTask(examples(words('t', 8)), examples(words('v', 40)));
    const events: RunEvent[] = [];
    const saved: CopaCheckpoint[] = [];
    const result = await runCopa(task, {
      lm,
      adapter: kvAdapter,
      config: { ...SMALL_CONFIG, minibatchSize: 20 },
      onEvent: (e) => events.push(e),
      onCheckpoint: (cp) => {
        saved.push(cp);
      },
    });
    expect(result.history.some((r) => r.accepted)).toBe(false);
    expect(result.exampleScores).toEqual([]);
    const finished = events.find((e) => e.type === 'run-finished');
    expect(finished).toMatchObject({ bestExamples: 20, bestScore: 1 });
    expect(finished && describeEvent(finished)).toMatch(
      /: no candidate beat the starting program \(100\.0% on 20 validation examples\), which stays\.$/,
    );
    const live = emptyRunView();
    applyEvents(live, events);
    expect(live.bestExamples).toBe(20);
    const replayed = emptyRunView();
    applyEvents(
      replayed,
      replayEvents(saved.at(-1) as CopaCheckpoint, () => undefined),
    );
    expect(replayed.bestExamples).toBe(20);
    // While a phase goes on, the start program is "best so far" on its estimate as well.
    const before = emptyRunView();
    applyEvents(before, events.slice(0, events.findIndex((e) => e.type === 'decision') + 1));
    expect(before.bestExamples).toBe(20);
  });

  it('says no program was scored when a run stops before its first phase ends', async () => {
    // It said "Run finished (budget): best 0.0%, baseline 0.0%" of a run that scored nothing.
    const events: RunEvent[] = [];
    await copa(toyModel(), {
      config: { ...SMALL_CONFIG, budget: { maxCalls: 3 } },
      onEvent: (e) => events.push(e),
    });
    const finished = events.find((e) => e.type === 'run-finished');
    expect(finished).toMatchObject({ baselineExamples: 0 });
    expect(finished && describeEvent(finished)).toBe(
      'Run finished (budget reached) before any program was scored.',
    );
    const view = emptyRunView();
    applyEvents(view, events);
    expect(view.baseline).toBeNull();
    expect(view.best).toBeNull();
    expect(baselineWords(view)).toBe('not scored');
  });

  it("a phase a budget cut short says so, not 'running…' after the run stopped", async () => {
    const events: RunEvent[] = [];
    await copa(toyModel(), {
      config: { ...SMALL_CONFIG, budget: { maxCalls: 3 } },
      onEvent: (e) => events.push(e),
    });
    const view = emptyRunView();
    applyEvents(view, events.slice(0, -1));
    expect(phaseStatusWords(view.phases[0]!)).toBe('running…');
    applyEvents(view, events.slice(-1));
    expect(phaseStatusWords(view.phases[0]!)).toBe('stopped before it finished');
  });
});
