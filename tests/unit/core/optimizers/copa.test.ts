import { describe, expect, it } from 'vitest';
import { MemoryCacheStore } from '../../../../src/core/cache';
import { evaluate } from '../../../../src/core/evaluate';
import { Program } from '../../../../src/core/program';
import type { CopaCheckpoint } from '../../../../src/core/optimizers/checkpoint';
import { runCompilationPhase } from '../../../../src/core/optimizers/compilation-phase';
import { phaseAllowance, planPhase } from '../../../../src/core/optimizers/budget-plan';
import { resolveCopaConfig } from '../../../../src/core/optimizers/copa-config';
import type { RunEvent } from '../../../../src/core/optimizers/events';
import { runPromptPhase } from '../../../../src/core/optimizers/prompt-phase';
import type { PhaseContext } from '../../../../src/core/optimizers/phase-context';
import { kvAdapter } from '../../helpers/kv-adapter';
import { runCopa } from '../../../../src/core/optimizers/copa';
import type { ModelSpeed } from '../../../../src/core/time-estimate';
import {
  bothTask,
  copa,
  essence,
  ONE_SECOND_PER_CALL,
  oneSecondPerCallModel,
  SMALL_CONFIG,
} from './copa-fixture';
import { makeSession } from './session-helpers';
import { ONE_HARD_EXAMPLE, examples, reverse, toyModel, words } from './toy-task';
import { toyTask } from './session-helpers';
import { ScriptedLM } from '../../helpers/scripted-lm';
import { PROPOSER_SIGNATURE } from '../../../../src/core/optimizers/proposer-format';

/** The largest call budget at which the first phase shrinks to leave room for the second. */
function tightFirstPhaseCalls(): number {
  const config = resolveCopaConfig(SMALL_CONFIG);
  const task = bothTask();
  const input = (remainingCalls: number) => ({
    kind: 'compilation' as const,
    remainingCalls,
    phasesLeft: 6,
    valSize: task.valset.length,
    trainSize: task.trainset.length,
    steps: 1,
    unscoredIncumbent: true,
  });
  let left = 300;
  while (
    left > 0 &&
    (planPhase(config, input(left)).demoCandidates === config.demoCandidates ||
      phaseAllowance(config, input(left)) >= left)
  )
    left--;
  expect(left).toBeGreaterThan(0);
  return left;
}

async function phaseAlone(kind: 'compilation' | 'prompt', extra: Partial<PhaseContext> = {}) {
  return (await phaseOutcome(kind, extra)).incumbent.score;
}

async function phaseOutcome(kind: 'compilation' | 'prompt', extra: Partial<PhaseContext> = {}) {
  const task = bothTask();
  const lm = toyModel();
  const session = makeSession(task, lm);
  const base = await session.score(task.program, task.valset);
  const ctx: PhaseContext = {
    session,
    task,
    config: resolveCopaConfig(SMALL_CONFIG),
    index: 0,
    cycle: 0,
    incumbent: { program: task.program, score: base.score, exampleScores: [] },
    insight: null,
    datasetSummary: '',
    instructionHistory: {},
    ...extra,
  };
  const run = kind === 'compilation' ? runCompilationPhase : runPromptPhase;
  return run(ctx);
}

describe('runCompilationPhase', () => {
  it('selects among the first demo sets when its selection is planned again smaller', async () => {
    const whole = await phaseOutcome('compilation');
    const config = resolveCopaConfig(SMALL_CONFIG);
    const fewer = await phaseOutcome('compilation', {
      replanSelection: () => ({ ...config, demoCandidates: 2, finalists: 1 }),
    });
    const ids = (o: typeof whole) => o.record.candidates.map((c) => c.id);
    expect(ids(whole).length).toBeGreaterThan(2);
    expect(ids(fewer)).toEqual(ids(whole).slice(0, 2));
    expect(fewer.record.costs.calls).toBeLessThan(whole.record.costs.calls);
  });
});

describe('runCopa', () => {
  it('reaches a score that neither phase alone reaches', async () => {
    const compilationOnly = await phaseAlone('compilation');
    const promptOnly = await phaseAlone('prompt');
    const r = await copa(toyModel());
    expect(compilationOnly).toBeCloseTo(0.5);
    expect(promptOnly).toBe(0);
    expect(r.baselineScore).toBe(0);
    expect(r.bestScore).toBe(1);
    // At 100% on validation nothing could be accepted any more: the run stops there.
    expect(r.history.map((h) => [h.kind, h.accepted])).toEqual([
      ['compilation', true],
      ['prompt', true],
    ]);
    expect(r.stopReason).toBe('perfect');
    // Demo-set candidates keep their demos, so a phase card can show a rejected one.
    for (const c of r.history.flatMap((h) => h.candidates).filter((x) => x.kind === 'demos'))
      for (const [step, count] of Object.entries(c.demoCounts ?? {}))
        expect(c.demos?.[step]).toHaveLength(count);
    expect(r.history[0]?.candidates.some((c) => (c.demos?.main?.length ?? 0) > 0)).toBe(true);
    // Each phase records what the planner expected it to cost, for calibrating later phases.
    expect(r.history.every((h) => (h.plannedCalls ?? 0) >= h.costs.calls)).toBe(true);
    const program = Program.fromState(r.program);
    expect(program.steps[0]?.signature.instruction).toMatch(/Reverse/);
    expect(program.steps[0]?.demos.some((d) => d.sourceId === 'ex-magic' && d.augmented)).toBe(
      true,
    );
    // The result's score is real: re-evaluating the returned program gives it.
    const check = await evaluate({
      program,
      examples: bothTask().valset,
      metric: bothTask().metric,
      ctx: { lm: toyModel(), adapter: kvAdapter },
    });
    expect(check.score).toBe(r.bestScore);
    expect(r.curve[r.curve.length - 1]?.[1]).toBe(1);
    expect(r.curve.every((p, i) => i === 0 || p[1] >= (r.curve[i - 1]?.[1] ?? 0))).toBe(true);
  });

  it('hands knowledge on: insights reach the next phase and the prompt phase sees the demos', async () => {
    const lm = toyModel({ overrides: ONE_HARD_EXAMPLE });
    const events: RunEvent[] = [];
    const r = await copa(lm, { events });
    expect(r.history.every((h) => h.insight.length > 0)).toBe(true);
    const proposerPrompts = lm.requests
      .map((q) => q.messages.map((m) => m.content).join('\n'))
      .filter((t) => t.includes('previous_instructions:'));
    expect(proposerPrompts[0]).toContain(`What the last phase learned: ${r.history[0]?.insight}`);
    expect(proposerPrompts[0]).toContain('input x: magic');
    // Earlier instructions with scores are shown from the second cycle on.
    const secondCycle = proposerPrompts.find((t) => t.includes('[score '));
    expect(secondCycle).toBeDefined();
    expect(proposerPrompts[0]).toContain('previous_instructions: (none yet)');
    const kinds = events.map((e) => e.type);
    expect(kinds[0]).toBe('run-started');
    expect(kinds).toContain('insight');
    expect(kinds).toContain('decision');
    expect(kinds[kinds.length - 1]).toBe('run-finished');
  });

  it('is deterministic and a second run on a warm cache makes zero model calls', async () => {
    const store = new MemoryCacheStore();
    const first = toyModel();
    const a = await copa(first, { cacheStore: store });
    const second = toyModel();
    const b = await copa(second, { cacheStore: store });
    expect(first.calls).toBeGreaterThan(0);
    expect(second.calls).toBe(0);
    expect(b.totals.calls).toBe(0);
    expect(b.totals.cachedCalls).toBe(a.totals.calls + a.totals.cachedCalls);
    expect(essence(b)).toEqual(essence(a));
    const c = await copa(toyModel());
    expect(essence(c)).toEqual(essence(a));
  });

  it('pausing after phase 3 and resuming gives the same result as an uninterrupted run', async () => {
    const whole = await copa(toyModel({ overrides: ONE_HARD_EXAMPLE }));
    const checkpoints: CopaCheckpoint[] = [];
    const paused = await copa(toyModel({ overrides: ONE_HARD_EXAMPLE }), {
      onCheckpoint: (cp) => {
        checkpoints.push(cp);
      },
      shouldPause: () => checkpoints.length >= 4, // baseline + 3 phases
    });
    expect(paused.stopReason).toBe('paused');
    expect(paused.history).toHaveLength(3);
    const stored = JSON.parse(JSON.stringify(paused.checkpoint)) as CopaCheckpoint;
    const resumed = await copa(toyModel({ overrides: ONE_HARD_EXAMPLE }), { resumeFrom: stored });
    expect(essence(resumed)).toEqual(essence(whole));
    expect(resumed.totals.calls).toBeGreaterThanOrEqual(paused.totals.calls);
  });

  it("says at its start the wall time a resumed run had spent, which the page's elapsed time goes on from", async () => {
    const still = () => 1_000;
    const events: RunEvent[] = [];
    const first = await copa(toyModel(), {
      config: { ...SMALL_CONFIG, stepMode: true },
      clock: still,
      events,
    });
    expect(events[0]).toMatchObject({ type: 'run-started', wallMs: 0 });
    // Three minutes ran before the pause (paused time is not counted).
    const stored = { ...first.checkpoint, totals: { ...first.checkpoint.totals, wallMs: 180_000 } };
    const again: RunEvent[] = [];
    await copa(toyModel(), { resumeFrom: stored, clock: still, events: again });
    expect(again[0]).toMatchObject({ type: 'run-started', resumedAtPhase: 1, wallMs: 180_000 });
  });

  it('step mode pauses after every phase', async () => {
    const r = await copa(toyModel(), { config: { ...SMALL_CONFIG, stepMode: true } });
    expect(r.stopReason).toBe('paused');
    expect(r.history).toHaveLength(1);
    const next = await copa(toyModel(), { resumeFrom: r.checkpoint });
    expect(next.history).toHaveLength(2);
  });

  it('a budget stops the run with the best program so far', async () => {
    const whole = await copa(toyModel());
    const lm = toyModel();
    const r = await copa(lm, { config: { ...SMALL_CONFIG, budget: { maxCalls: 60 } } });
    expect(whole.totals.calls).toBeGreaterThan(60);
    expect(r.stopReason).toBe('budget');
    expect(lm.calls).toBeLessThanOrEqual(60);
    expect(r.bestScore).toBeGreaterThanOrEqual(r.baselineScore);
    const check = await evaluate({
      program: Program.fromState(r.program),
      examples: bothTask().valset,
      metric: bothTask().metric,
      ctx: { lm: toyModel(), adapter: kvAdapter },
    });
    expect(check.score).toBe(r.bestScore);
    // More budget on resume continues from the last finished phase.
    const more = await copa(toyModel(), { resumeFrom: r.checkpoint, config: { budget: {} } });
    expect(more.bestScore).toBe(1);
    // Its checkpoint (and so its report) holds the budget it finished under.
    expect(r.checkpoint.config.budget).toEqual({ maxCalls: 60 });
    expect(more.checkpoint.config.budget).toEqual({});
  });

  it('stops before a phase the budget left cannot finish, without spending the rest, resumable', async () => {
    const whole = await copa(toyModel());
    let stopped = 0;
    for (let budget = 20; budget < whole.totals.calls; budget++) {
      const events: RunEvent[] = [];
      const lm = toyModel();
      const r = await copa(lm, {
        events,
        config: { ...SMALL_CONFIG, budget: { maxCalls: budget } },
      });
      const end = events.find((e) => e.type === 'run-finished');
      if (end?.type !== 'run-finished' || !end.message?.includes('too little for another'))
        continue;
      stopped++;
      expect(r.stopReason).toBe('budget');
      // Not one call after the last finished phase, and fewer left than the budget's limit.
      const spent = r.history.reduce((n, h) => n + h.costs.calls, 0);
      expect(lm.calls).toBe(spent);
      expect(lm.calls).toBeLessThan(budget);
      expect(end.message).toMatch(new RegExp(`^${budget - spent} model calls? of the budget`));
      expect(events.filter((e) => e.type === 'phase-started')).toHaveLength(r.history.length);
      // A larger budget goes on with the phase it did not start.
      const more = await copa(toyModel(), { resumeFrom: r.checkpoint, config: { budget: {} } });
      expect(more.history.length).toBeGreaterThan(r.history.length);
    }
    // Some of these budgets end that way: the checks above are not vacuous.
    expect(stopped).toBeGreaterThan(0);
  });

  it('plans phases to a call budget: whole when it fits, shared when tight, so both phases run', async () => {
    const whole = await copa(toyModel());
    // What the planner expects the first cycle to cost (an upper estimate of what it spends).
    const firstCycle =
      (whole.history[0]?.plannedCalls ?? 0) + (whole.history[1]?.plannedCalls ?? 0);
    // Zero: the start program is scored inside the first phase.
    const baseline = whole.totals.calls - whole.history.reduce((a, h) => a + h.costs.calls, 0);
    expect(baseline).toBe(0);
    // Room for the baseline and the first cycle: both phases run whole and reach the best score.
    const roomy = await copa(toyModel(), {
      config: { ...SMALL_CONFIG, budget: { maxCalls: baseline + firstCycle + 5 } },
    });
    expect(roomy.history.slice(0, 2).map((h) => h.kind)).toEqual(['compilation', 'prompt']);
    expect(roomy.history[0]?.candidates).toHaveLength(SMALL_CONFIG.demoCandidates!);
    expect(roomy.bestScore).toBe(whole.bestScore);
    // Just less than the first phase whole plus the smallest prompt phase: it shrinks so that
    // the prompt phase still runs.
    const budget = baseline + tightFirstPhaseCalls();
    const tight = await copa(toyModel(), {
      config: { ...SMALL_CONFIG, budget: { maxCalls: budget } },
    });
    expect(tight.totals.calls).toBeLessThanOrEqual(budget);
    expect(tight.history[0]?.candidates.length).toBeLessThan(SMALL_CONFIG.demoCandidates!);
    expect(tight.history[0]?.fit?.limit).toBe('calls');
    expect(roomy.history[0]?.fit).toBeUndefined();
    expect(tight.history.map((h) => h.kind)).toContain('prompt');
    expect(tight.bestScore).toBeGreaterThan(tight.baselineScore);
  });

  it("plans phases to a time budget at the model's speed, sharing it between both phases", async () => {
    // Every real call takes one second on this clock, and the warm-up measured just that.
    const run = async (speed: ModelSpeed | null) => {
      const { lm, now } = oneSecondPerCallModel();
      const maxWallMs = tightFirstPhaseCalls() * 1000;
      return runCopa(bothTask(), {
        lm,
        adapter: kvAdapter,
        config: { ...SMALL_CONFIG, budget: { maxWallMs } },
        clock: now,
        speed,
      });
    };
    const planned = await run(ONE_SECOND_PER_CALL);
    expect(planned.history[0]?.candidates.length).toBeLessThan(SMALL_CONFIG.demoCandidates!);
    expect(planned.history.slice(0, 2).map((h) => h.kind)).toEqual(['compilation', 'prompt']);
    expect(planned.history[1]?.accepted).toBe(true);
    // The first phase says why it has fewer demo sets than the settings ask for.
    expect(planned.history[0]?.fit?.limit).toBe('time');
    expect(planned.history[0]?.fit?.changes).toContainEqual({
      setting: 'demoCandidates',
      from: SMALL_CONFIG.demoCandidates,
      to: planned.history[0]?.candidates.length,
    });
    expect(planned.bestScore).toBeGreaterThan(planned.baselineScore);
    // Without the speed the first phase cannot know its calls' time and runs whole; the prompt
    // phase, planned at the pace measured by then, is squeezed into what is left.
    const blind = await run(null);
    expect(blind.history[0]?.candidates).toHaveLength(SMALL_CONFIG.demoCandidates!);
    expect(blind.history[0]?.fit).toBeUndefined();
    expect(blind.history[1]?.kind).toBe('prompt');
    expect(blind.history[1]?.fit?.limit).toBe('time');
    expect(planned.history[1]!.plannedCalls!).toBeGreaterThan(blind.history[1]!.plannedCalls!);
  });

  it('cancel stops promptly with the best so far', async () => {
    const lm = toyModel({ delayMs: 1 });
    const controller = new AbortController();
    let callsAtAbort = -1;
    const r = await copa(lm, {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'phase-started' && e.index === 1) {
          callsAtAbort = lm.calls;
          controller.abort();
        }
      },
    });
    expect(r.stopReason).toBe('cancelled');
    expect(lm.calls).toBe(callsAtAbort);
    expect(r.bestScore).toBeCloseTo(0.5);
    expect(r.history).toHaveLength(1);
  });

  it('counts constraint violations and retries with the violation fed back', async () => {
    const lm = toyModel({ overrides: { aium: 'this answer is far too long' } });
    const task = bothTask();
    const r = await copa(
      lm,
      { config: { ...SMALL_CONFIG, cycles: 1 } },
      {
        ...task,
        constraints: [
          {
            field: 'y',
            description: 'short',
            check: (v) => (String(v).length > 12 ? 'too long' : null),
          },
        ],
      },
    );
    expect(r.constraintViolations).toBeGreaterThan(0);
    const inPhases = r.history.reduce((a, h) => a + h.constraintViolations, 0);
    // The start program is scored inside the first phase, so every violation is a phase's.
    expect(inPhases).toBe(r.constraintViolations);
    expect(
      lm.requests.some((q) =>
        q.messages.some((m) => m.content.includes('Your answer broke a rule: too long')),
      ),
    ).toBe(true);
  });

  it('can start with the prompt phase', async () => {
    const r = await copa(toyModel(), { config: { ...SMALL_CONFIG, startWith: 'prompt' } });
    expect(r.history[0]?.kind).toBe('prompt');
    expect(r.history[1]?.kind).toBe('compilation');
    expect(r.bestScore).toBe(1);
  });

  it('stops when a cycle improves less than the threshold', async () => {
    // One validation word always answered wrong: the first cycle gains less than the whole
    // score range, which a threshold of 1 asks for.
    const stubborn = words('a', 12)[6] ?? '';
    const r = await copa(toyModel({ overrides: { [stubborn]: 'wrong' } }), {
      config: { ...SMALL_CONFIG, minImprovement: 1 },
    });
    expect(r.bestScore).toBeLessThan(1);
    expect(r.stopReason).toBe('converged');
    expect(r.history).toHaveLength(2);
  });
});

describe('runCopa interrupted inside a phase', () => {
  it('resumed on the same answer cache, spends its call budget as an uninterrupted run', async () => {
    const task = bothTask();
    const unlimited = await copa(toyModel({ overrides: ONE_HARD_EXAMPLE }));
    // A budget that ends the run in a later phase: the calls counted decide where it stops.
    const config = { ...SMALL_CONFIG, budget: { maxCalls: unlimited.totals.calls - 10 } };
    const straight = toyModel({ overrides: ONE_HARD_EXAMPLE });
    const whole = await copa(straight, { config, cacheStore: new MemoryCacheStore() });
    expect(whole.stopReason).toBe('budget');

    // The same run, cut off (a lost device, a closed tab) a few calls into its second phase,
    // after the answers it got were cached; it resumes from its last finished phase.
    const store = new MemoryCacheStore();
    const checkpoints: CopaCheckpoint[] = [];
    const cutAt = (whole.history[0]?.costs.calls ?? 0) + 5;
    const first = toyModel({ overrides: ONE_HARD_EXAMPLE });
    const stop = new AbortController();
    const cut = await runCopa(task, {
      lm: {
        id: first.id,
        complete: (request, signal) => {
          if (first.calls + 1 >= cutAt) stop.abort();
          return first.complete(request, signal);
        },
      },
      adapter: kvAdapter,
      config,
      cacheStore: store,
      signal: stop.signal,
      onCheckpoint: (cp) => {
        checkpoints.push(cp);
      },
    });
    expect(cut.stopReason).toBe('cancelled');
    const stored = checkpoints.at(-1);
    expect(stored?.nextPhase).toBe(1);
    expect(first.calls).toBeGreaterThan(stored?.totals.calls ?? Infinity);

    const second = toyModel({ overrides: ONE_HARD_EXAMPLE });
    const resumed = await runCopa(task, {
      lm: second,
      adapter: kvAdapter,
      config,
      cacheStore: store,
      ...(stored ? { resumeFrom: stored } : {}),
    });
    // The answers paid for before the cut count as the calls they were: the resumed run stops
    // where the uninterrupted one did, and the model was called no more often in all.
    expect(essence(resumed)).toEqual(essence(whole));
    expect(resumed.totals.calls).toBe(whole.totals.calls);
    expect(first.calls + second.calls).toBe(straight.calls);
    expect(first.calls + second.calls).toBeLessThanOrEqual(config.budget.maxCalls);
  });
});

describe('runCopa edge cases', () => {
  it('a budget spent inside the first phase returns the program unchanged and redoes the phase on resume', async () => {
    const task = bothTask();
    const r = await copa(toyModel(), { config: { ...SMALL_CONFIG, budget: { maxCalls: 3 } } });
    expect(r.stopReason).toBe('budget');
    expect(r.history).toEqual([]);
    expect(r.program).toEqual(task.program.toState());
    expect(r.checkpoint.nextPhase).toBe(0);
    expect(r.checkpoint.baselineExamples).toBe(0);
    const again = await copa(toyModel(), { resumeFrom: r.checkpoint, config: { budget: {} } });
    expect(again.bestScore).toBe(1);
  });

  it('rejects a checkpoint of another version with an actionable error', async () => {
    const bad = { version: 99 } as unknown as CopaCheckpoint;
    await expect(copa(toyModel(), { resumeFrom: bad })).rejects.toThrow(/Start a new run/);
  });

  it('a finished run resumed returns at once without model calls', async () => {
    const done = await copa(toyModel());
    const lm = toyModel();
    const again = await copa(lm, { resumeFrom: done.checkpoint });
    expect(lm.calls).toBe(0);
    expect(again.stopReason).toBe(done.stopReason);
    expect(again.program).toEqual(done.program);
  });
});

describe('runCopa cut short inside a phase', () => {
  it('never returns the start program once a candidate was proven better, whatever the budget from twice the validation set', async () => {
    const task = bothTask();
    const start = await evaluate({
      program: task.program,
      examples: task.valset,
      metric: task.metric,
      ctx: { lm: toyModel(), adapter: kvAdapter },
    });
    const V = task.valset.length;
    let proven = 0;
    for (let budget = 2 * V; budget <= 8 * V; budget += 3) {
      const events: RunEvent[] = [];
      const r = await copa(toyModel(), {
        events,
        config: { ...SMALL_CONFIG, budget: { maxCalls: budget } },
      });
      const better = events.some(
        (e) => e.type === 'candidate-scored' && e.stage === 'full' && e.score > start.score,
      );
      if (!better) continue;
      proven++;
      expect(r.program).not.toEqual(task.program.toState());
      expect(r.bestScore).toBeGreaterThan(start.score);
    }
    // Most of these budgets get that far: the check above is not vacuous.
    expect(proven).toBeGreaterThan(10);
  });

  it('returns a candidate already proven better on the full set, while the checkpoint stays at the last finished phase', async () => {
    const controller = new AbortController();
    const events: RunEvent[] = [];
    let proven: string | undefined;
    const r = await copa(toyModel(), {
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e);
        // Cancel right after the winning instruction is proven, before its phase ends.
        if (e.type === 'candidate-scored' && e.stage === 'full' && e.score === 1) {
          proven = e.candidateId;
          controller.abort();
        }
      },
    });
    expect(r.stopReason).toBe('cancelled');
    // The phase card names it as what the run returns (it said "…" once the run had ended).
    const end = events.at(-1);
    expect(end?.type === 'run-finished' && end.keptCandidate).toBe(proven);
    expect(proven).toBeDefined();
    expect(r.history).toHaveLength(1);
    expect(r.bestScore).toBe(1);
    expect(r.checkpoint.bestScore).toBe(0.5);
    expect(r.checkpoint.nextPhase).toBe(1);
    const check = await evaluate({
      program: Program.fromState(r.program),
      examples: bothTask().valset,
      metric: bothTask().metric,
      ctx: { lm: toyModel(), adapter: kvAdapter },
    });
    expect(check.score).toBe(1);
  });

  it('returns a proven candidate when the start program was only estimated on a lucky minibatch', async () => {
    // The start program answers right exactly on the first four validation examples it is
    // asked about (the first phase's minibatch): an estimate of 100% for a program that is
    // right on a third of the set. Demos make every answer wrong, so the first phase drops
    // all its demo sets on that minibatch and never scores the start program in full; an
    // instruction saying "better" makes every answer right.
    const lucky = new Set<string>();
    const lm = new ScriptedLM((request) => {
      const system = request.messages[0]?.content ?? '';
      if (system === PROPOSER_SIGNATURE.instruction)
        return `proposed_instruction: Be better, variant ${request.seed % 997}.`;
      const x = ScriptedLM.lastUser(request).slice(3).trim();
      if (/better/.test(system)) return `y: ${reverse(x)}`;
      if (request.messages.length > 2) return `y: ${x}`;
      if (x.startsWith('v') && (lucky.has(x) || lucky.size < 4)) {
        lucky.add(x);
        return `y: ${reverse(x)}`;
      }
      return `y: ${x}`;
    });
    const task = toyTask(examples(words('t', 8)), examples(words('v', 12)));
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const r = await runCopa(task, {
      lm,
      adapter: kvAdapter,
      config: SMALL_CONFIG,
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e);
        // Cancel right after the new instruction is proven better, before its phase ends.
        if (e.type === 'candidate-scored' && e.stage === 'full' && e.score === 1)
          controller.abort();
      },
    });
    expect(r.stopReason).toBe('cancelled');
    // The first phase kept the start program on its minibatch estimate alone.
    expect(r.history).toHaveLength(1);
    expect(r.history[0]?.accepted).toBe(false);
    expect(r.checkpoint.exampleScores).toEqual([]);
    expect(r.checkpoint.bestScore).toBe(1);
    // That estimate is no point of the learning curve, which holds full evaluations: it drew
    // the lucky 100% at the end of the first phase, before anything was scored in full.
    expect(r.curve[0]![0]).toBeGreaterThan(r.history[0]!.costs.calls);
    // The second phase proved the new instruction better on the full set: it is the result.
    expect(events.some((e) => e.type === 'candidate-scored' && e.stage === 'full')).toBe(true);
    const program = Program.fromState(r.program);
    expect(program.steps[0]?.signature.instruction).toMatch(/better/);
    const check = await evaluate({
      program,
      examples: task.valset,
      metric: task.metric,
      ctx: { lm, adapter: kvAdapter },
    });
    expect(check.score).toBe(1);
    expect(r.bestScore).toBe(1);
  });
});
