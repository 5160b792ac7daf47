import { describe, expect, it } from 'vitest';
import type { LMRequest } from '../../../../src/core/lm';
import { Rng } from '../../../../src/core/rng';
import type { RunEvent } from '../../../../src/core/optimizers/events';
import type { Candidate } from '../../../../src/core/optimizers/candidate-pool';
import { clearlyBehind } from '../../../../src/core/optimizers/racing';
import { selectCandidate, standardError } from '../../../../src/core/optimizers/selection';
import { OptimizerSession } from '../../../../src/core/optimizers/session';
import { kvAdapter } from '../../helpers/kv-adapter';
import { ScriptedLM } from '../../helpers/scripted-lm';
import { makeSession, toyTask } from './session-helpers';
import { DROP_WORDS } from '../../../../src/ui/optimize/run-view';
import { examples, reverse, toyProgram, words } from './toy-task';

const val = examples(words('c', 10));
const rank = new Map(val.map((e, i) => [String(e.data.x), i]));

/** Instruction "score:K" answers the first K validation examples right, the rest wrong. */
function scoreModel(): ScriptedLM {
  return new ScriptedLM((req: LMRequest) => {
    const k = Number(/score:(\d+)/.exec(req.messages[0]?.content ?? '')?.[1] ?? 0);
    const x = (ScriptedLM.lastUser(req).split(': ')[1] ?? '').trim();
    return `y: ${(rank.get(x) ?? 99) < k ? reverse(x) : x}`;
  });
}

function candidate(id: string, instruction: string): Candidate {
  return {
    program: toyProgram(instruction),
    record: {
      id,
      label: id,
      kind: 'instruction',
      minibatchScore: null,
      minibatchExamples: 0,
      fullScore: null,
      dropped: false,
    },
  };
}

async function select(
  instructions: string[],
  incumbentK: number,
  minibatchSize = 3,
  { scored = true }: { scored?: boolean } = {},
) {
  const lm = scoreModel();
  const events: RunEvent[] = [];
  const session = makeSession(toyTask([], val), lm, { events });
  // A scored incumbent comes with its per-example scores; a run's start program comes without.
  const incumbent = {
    program: toyProgram(`score:${incumbentK}`),
    score: scored ? incumbentK / 10 : 0,
    exampleScores: scored ? val.map((_, i) => (i < incumbentK ? 1 : 0)) : [],
  };
  const cands = instructions.map((t, i) => candidate(`c${i}`, t));
  const outcome = await selectCandidate(session, cands, incumbent, val, new Rng(1), {
    minibatchSize,
    phase: 0,
  });
  return { outcome, cands, lm, events };
}

describe('selectCandidate', () => {
  it("counts the start program's minibatch examples once each, however many rounds drew them", async () => {
    // Each halving round draws its own minibatch from the same 10 examples: two rounds of 6
    // were counted as 12 examples, more than the set holds, which read as a full score.
    const { outcome } = await select(
      ['score:10', 'score:9', 'score:8', 'score:7', 'score:6', 'score:5', 'score:4', 'score:3'],
      0,
      6,
      { scored: false },
    );
    expect(outcome.accepted).toBe(true);
    expect(outcome.before.exampleScores).toEqual([]);
    expect(outcome.before.examples).toBeGreaterThan(6);
    expect(outcome.before.examples).toBeLessThan(val.length);
    expect(outcome.before.score).toBe(0);
  });

  it('replaces the incumbent with the best full-set scorer on a strict improvement', async () => {
    const { outcome, cands } = await select(
      ['score:5', 'score:7', 'score:2', 'score:3', 'score:1'],
      6,
    );
    expect(outcome.accepted).toBe(true);
    expect(outcome.winnerId).toBe('c1');
    expect(outcome.incumbent.score).toBeCloseTo(0.7);
    expect(outcome.incumbent.exampleScores).toHaveLength(10);
    expect(cands.filter((c) => c.record.dropped).length).toBeGreaterThan(0);
    for (const c of cands)
      expect(c.record.dropped ? c.record.fullScore === null : c.record.fullScore !== null).toBe(
        true,
      );
  });

  it('compares candidates on the same minibatch (paired) before halving', async () => {
    const { lm, events } = await select(['score:5', 'score:7', 'score:2', 'score:3', 'score:1'], 6);
    const firstRound = new Map<string, Set<string>>();
    let seen = 0;
    for (const req of lm.requests) {
      const ins = req.messages[0]?.content ?? '';
      const set = firstRound.get(ins) ?? new Set<string>();
      if (set.size === 3) continue;
      set.add(ScriptedLM.lastUser(req));
      firstRound.set(ins, set);
      if (++seen === 15) break;
    }
    const batches = [...firstRound.values()].map((s) => [...s].sort().join('|'));
    expect(batches).toHaveLength(5);
    expect(new Set(batches).size).toBe(1);
    const dropped = events.filter((e) => e.type === 'candidate-dropped');
    expect(dropped.length).toBeGreaterThan(0);
  });

  it('never replaces the incumbent with a regressing or tying candidate', async () => {
    const worse = await select(['score:4', 'score:5', 'score:3'], 6);
    expect(worse.outcome.accepted).toBe(false);
    expect(worse.outcome.incumbent.program.steps[0]?.signature.instruction).toBe('score:6');
    const tie = await select(['score:6 (same skill, other words)'], 6);
    expect(tie.outcome.accepted).toBe(false);
    expect(tie.outcome.bestCandidateScore).toBeCloseTo(0.6);
  });

  it('does not re-evaluate a candidate identical to the incumbent', async () => {
    const { lm, cands, outcome } = await select(['score:6'], 6);
    expect(lm.calls).toBe(0);
    expect(cands[0]?.record.kind).toBe('incumbent');
    expect(cands[0]?.record.fullScore).toBeCloseTo(0.6);
    expect(outcome.accepted).toBe(false);
  });
});

describe('selectCandidate cost savers', () => {
  it('a finalist stopped by a better finalist is said to be, not to trail the current program', async () => {
    // The racing bar is the higher of the current program and the best finalist proven so far:
    // the words said "could no longer beat the current program" of one well above it.
    const { cands } = await select(['score:9', 'score:6'], 2);
    expect(cands[0]?.record.fullScore).toBeCloseTo(0.9);
    expect(cands[1]?.record.dropReason).toBe('cannot-win');
    expect(DROP_WORDS['cannot-win']).not.toMatch(/could no longer beat the current program$/);
    expect(DROP_WORDS['cannot-win']).toMatch(/a finalist scored before it/);
  });

  it('a tie with the incumbent on the minibatch goes on: only a lower mean is dropped', async () => {
    // The words said "not above the current program", which a tie is too.
    const { cands, outcome } = await select(['score:6, said again'], 6);
    // The same answers as the incumbent: a tie on the minibatch, so it is scored on the full set.
    expect(cands[0]?.record.minibatchExamples).toBe(3);
    expect(cands[0]?.record.dropReason).toBe('cannot-win');
    expect(DROP_WORDS['below-incumbent']).toMatch(/^below the current program/);
    // The phase's insight must not say that none got to the full set (it said so).
    expect(outcome.anyFullyScored).toBe(false);
    expect(outcome.anyStoppedOnFullSet).toBe(true);
  });

  it('an outcome whose candidates all fell on the minibatches says no finalist was stopped', async () => {
    const { outcome } = await select(['score:5', 'score:4', 'score:2'], 6);
    expect(outcome.anyStoppedOnFullSet).toBe(false);
  });

  it('drops finalists that do not beat the incumbent on the same minibatch, with the reason', async () => {
    const { events, cands } = await select(['score:5', 'score:4', 'score:2'], 6);
    const reasons = events.flatMap((e) => (e.type === 'candidate-dropped' ? [e.reason] : []));
    expect(reasons).toContain('below-incumbent');
    expect(cands.every((c) => c.record.fullScore === null)).toBe(true);
  });

  it('stops a full evaluation once the candidate can no longer win (racing)', async () => {
    // The validation set fits in one minibatch, so the candidate goes straight to the full set.
    const { lm, cands, outcome } = await select(['score:0'], 6, 20);
    // After 4 misses, even 6 right answers out of the remaining 6 only tie the incumbent's 0.6.
    expect(lm.calls).toBe(4);
    expect(cands[0]?.record.dropReason).toBe('cannot-win');
    expect(cands[0]?.record.fullScore).toBeNull();
    expect(outcome.accepted).toBe(false);
    expect(outcome.reason).toMatch(/No candidate could beat/);
  });

  it('reports each finalist scored in full beside the incumbent, for studies of the rule', async () => {
    const lm = scoreModel();
    const seen: { cand: number; inc: number; n: number }[] = [];
    const session = new OptimizerSession(
      toyTask([], val),
      {
        lm,
        adapter: kvAdapter,
        onComparison: (c) =>
          seen.push({
            cand: c.candidateScores.reduce((a, b) => a + b, 0),
            inc: c.incumbentScores.reduce((a, b) => a + b, 0),
            n: c.candidateScores.length,
          }),
      },
      { budget: {}, maxRetries: 0 },
    );
    const incumbent = {
      program: toyProgram('score:6'),
      score: 0.6,
      exampleScores: val.map((_, i) => (i < 6 ? 1 : 0)),
    };
    await selectCandidate(session, [candidate('c0', 'score:8')], incumbent, val, new Rng(1), {
      minibatchSize: 20,
      phase: 0,
    });
    expect(seen).toEqual([{ cand: 8, inc: 6, n: 10 }]);
  });

  it('racing keeps the decision: a real winner is still fully scored', async () => {
    const { outcome, lm } = await select(['score:7'], 6, 20);
    expect(outcome.accepted).toBe(true);
    expect(outcome.incumbent.score).toBeCloseTo(0.7);
    expect(lm.calls).toBe(10);
  });
});

const big = examples(words('d', 60));
const bigOrder = new Map(big.map((e, i) => [String(e.data.x), i]));

/**
 * On the 60 examples of `big`, instruction "score:K" answers right the examples whose position
 * ends in a digit below K (K tenths of them); with `nineIsPerfect`, "score:9" answers them all.
 */
function decileModel({ nineIsPerfect = false } = {}): ScriptedLM {
  return new ScriptedLM((req: LMRequest) => {
    const k = Number(/score:(\d+)/.exec(req.messages[0]?.content ?? '')?.[1] ?? 0);
    const x = (ScriptedLM.lastUser(req).split(': ')[1] ?? '').trim();
    const right = (nineIsPerfect && k === 9) || (bigOrder.get(x) ?? 0) % 10 < k;
    return `y: ${right ? reverse(x) : x}`;
  });
}

describe('selectCandidate full-set racing', () => {
  it('stops a finalist clearly behind the incumbent on the same examples, long before the bound', async () => {
    const lm = decileModel();
    const session = makeSession(toyTask([], big), lm);
    const incumbent = {
      program: toyProgram('score:6'),
      score: 0.6,
      exampleScores: big.map((_, i) => (i % 10 < 6 ? 1 : 0)),
    };
    const outcome = await selectCandidate(
      session,
      [candidate('c0', 'score:3')],
      incumbent,
      big,
      new Rng(2),
      { minibatchSize: 60, phase: 0 },
    );
    expect(outcome.accepted).toBe(false);
    // The bound alone (cannot end above 0.6) would need 24 misses, about 34 answers.
    expect(lm.calls).toBeLessThan(20);
  });

  it('drops a finalist that scored exactly as the incumbent on every minibatch example', async () => {
    const lm = decileModel();
    const events: RunEvent[] = [];
    const session = makeSession(toyTask([], big), lm, { events });
    const incumbent = {
      program: toyProgram('score:6'),
      score: 0.6,
      exampleScores: big.map((_, i) => (i % 10 < 6 ? 1 : 0)),
    };
    // Other words, the same answers: nothing a full evaluation could find.
    const same = candidate('c0', 'score:6, in other words');
    const better = candidate('c1', 'score:8');
    const outcome = await selectCandidate(session, [same, better], incumbent, big, new Rng(2), {
      minibatchSize: 20,
      phase: 0,
    });
    expect(same.record.dropReason).toBe('same-as-incumbent');
    expect(same.record.fullScore).toBeNull();
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'candidate-dropped', reason: 'same-as-incumbent' }),
    );
    // Only the candidate that answered differently was scored beyond its minibatch.
    const sameCalls = lm.requests.filter((r) => r.messages[0]?.content.includes('other words'));
    expect(sameCalls).toHaveLength(20);
    expect(outcome.winnerId).toBe('c1');
    expect(outcome.incumbent.score).toBeCloseTo(0.8);
  });

  it('does not drop a tie with a near-perfect incumbent whose minibatch held none of its misses', async () => {
    // "score:9" misses 6 of the 60; "score:10" gets them all. On a minibatch without any of the
    // six, the two agree on every example: that says nothing of the misses, where a gain lies.
    const incumbent = {
      program: toyProgram('score:9'),
      score: 0.9,
      exampleScores: big.map((_, i) => (i % 10 < 9 ? 1 : 0)),
    };
    const missed = (x: string) => (bigOrder.get(x) ?? 0) % 10 === 9;
    let found = false;
    for (let seed = 0; seed < 100 && !found; seed++) {
      const lm = decileModel();
      const session = makeSession(toyTask([], big), lm);
      const better = candidate('c0', 'score:10');
      const outcome = await selectCandidate(session, [better], incumbent, big, new Rng(seed), {
        minibatchSize: 20,
        phase: 0,
      });
      const minibatch = lm.requests
        .filter((r) => r.messages[0]?.content.includes('score:10'))
        .slice(0, 20)
        .map((r) => (ScriptedLM.lastUser(r).split(': ')[1] ?? '').trim());
      if (minibatch.some(missed)) continue;
      found = true;
      expect(better.record.dropReason).toBeUndefined();
      expect(outcome.winnerId).toBe('c0');
      expect(outcome.incumbent.score).toBe(1);
    }
    expect(found).toBe(true);
  });
});

describe('selectCandidate with an unscored start program', () => {
  it('scores it on minibatches like a candidate and skips its full evaluation when clearly beaten', async () => {
    const lm = decileModel({ nineIsPerfect: true });
    const session = makeSession(toyTask([], big), lm);
    const start = { program: toyProgram('score:0'), score: 0, exampleScores: [] };
    const outcome = await selectCandidate(
      session,
      [candidate('c0', 'score:9'), candidate('c1', 'score:1')],
      start,
      big,
      new Rng(2),
      { minibatchSize: 10, phase: 0 },
    );
    expect(outcome.accepted).toBe(true);
    expect(outcome.winnerId).toBe('c0');
    expect(outcome.incumbent.score).toBe(1);
    // The start program answered only its minibatch, never the whole set.
    const startCalls = lm.requests.filter((r) => r.messages[0]?.content.includes('score:0'));
    expect(startCalls.length).toBe(10);
    expect(outcome.before.examples).toBe(10);
    expect(outcome.before.score).toBe(0);
    expect(outcome.reason).toMatch(/clearly ahead of the start program/);
  });

  it('scores it in full when no finalist is clearly ahead, and keeps it on a tie', async () => {
    const { outcome, lm } = await select(['score:6 (again)'], 6, 20, { scored: false });
    expect(outcome.accepted).toBe(false);
    expect(outcome.before.score).toBeCloseTo(0.6);
    expect(outcome.before.exampleScores).toHaveLength(10);
    expect(outcome.before.examples).toBeUndefined();
    expect(outcome.incumbent.score).toBeCloseTo(0.6);
    expect(lm.calls).toBe(20);
  });

  it('says the start score it kept rests on a minibatch when every candidate fell there', async () => {
    const { outcome } = await select(['score:1', 'score:2'], 6, 5, { scored: false });
    expect(outcome.accepted).toBe(false);
    expect(outcome.before.examples).toBeDefined();
    expect(outcome.before.examples).toBeLessThan(val.length);
    // A bare "(60.0%)" read as the program's validation score.
    expect(outcome.reason).toBe(
      `No candidate could beat the current program (${(outcome.before.score * 100).toFixed(1)}% on ${outcome.before.examples} examples); kept it.`,
    );
  });

  it("puts the start program's full score on the learning curve when it is known", async () => {
    const lm = scoreModel();
    const session = makeSession(toyTask([], val), lm);
    const start = { program: toyProgram('score:6'), score: 0, exampleScores: [] };
    const outcome = await selectCandidate(
      session,
      [candidate('c0', 'score:9')],
      start,
      val,
      new Rng(1),
      { minibatchSize: 20, phase: 0 },
    );
    expect(outcome.winnerId).toBe('c0');
    // Scored in full first (10 calls), then the finalist (10 more): each when it was known.
    expect(session.curve.map(([calls, best]) => [calls, Number(best.toFixed(2))])).toEqual([
      [10, 0.6],
      [20, 0.9],
    ]);
  });
});

describe('standardError', () => {
  it('is the standard error of the mean and 0 for fewer than two scores', () => {
    expect(standardError([1])).toBe(0);
    expect(standardError([0, 1, 0, 1])).toBeCloseTo(Math.sqrt(1 / 3 / 4));
  });
});

describe('selectCandidate with an acceptance margin', () => {
  /** Incumbent right on the first 6 examples; its per-example scores are known. */
  async function selectWithMargin(instruction: string, acceptMargin: number) {
    const session = makeSession(toyTask([], val), scoreModel());
    const incumbent = {
      program: toyProgram('score:6'),
      score: 0.6,
      exampleScores: val.map((_, i) => (i < 6 ? 1 : 0)),
    };
    return selectCandidate(session, [candidate('c0', instruction)], incumbent, val, new Rng(1), {
      minibatchSize: 3,
      phase: 0,
      acceptMargin,
    });
  }

  it('keeps the incumbent when the gain is within the noise of the paired differences', async () => {
    // One more example right out of ten: a gain of 0.1 with a standard error of 0.1.
    const strict = await selectWithMargin('score:7', 0);
    const guarded = await selectWithMargin('score:7', 1.5);
    expect(strict.accepted).toBe(true);
    expect(guarded.accepted).toBe(false);
    expect(guarded.incumbent.score).toBeCloseTo(0.6);
    expect(guarded.reason).toMatch(/less than the margin/);
  });

  it('still accepts a gain that clearly exceeds the margin', async () => {
    const outcome = await selectWithMargin('score:10', 1.5);
    expect(outcome.accepted).toBe(true);
    expect(outcome.incumbent.score).toBeCloseTo(1);
  });
});

describe('selectCandidate with an acceptance margin and two finalists', () => {
  const val20 = examples(words('d', 20));
  const at = new Map(val20.map((e, i) => [String(e.data.x), i]));
  /** Instruction "right:A-B,C-D" answers the validation examples in those ranges right. */
  function rangeModel(): ScriptedLM {
    return new ScriptedLM((req: LMRequest) => {
      const spec = /right:([\d,-]+)/.exec(req.messages[0]?.content ?? '')?.[1] ?? '';
      const i = at.get((ScriptedLM.lastUser(req).split(': ')[1] ?? '').trim()) ?? -1;
      const right = spec.split(',').some((r) => {
        const [a, b] = r.split('-').map(Number);
        return i >= (a ?? 0) && i <= (b ?? a ?? 0);
      });
      const x = val20[i]?.data.x ?? '';
      return `y: ${right ? reverse(String(x)) : String(x)}`;
    });
  }

  it('accepts the best finalist that clears the margin, not the start program, when a higher one does not', async () => {
    // The start program is right on examples 0-9 (50%). A is right on 0-14 (75%, five more,
    // none lost: 2.5 standard errors). B is right on 3-18 (80%, but three lost and nine won:
    // 1.8 standard errors). With a margin of 2, A is a clear gain and B is not.
    const session = makeSession(toyTask([], val20), rangeModel());
    const incumbent = {
      program: toyProgram('right:0-9'),
      score: 0.5,
      exampleScores: val20.map((_, i) => (i < 10 ? 1 : 0)),
    };
    const outcome = await selectCandidate(
      session,
      [candidate('a', 'right:0-14'), candidate('b', 'right:3-18')],
      incumbent,
      val20,
      new Rng(1),
      { minibatchSize: 20, phase: 0, acceptMargin: 2 },
    );
    expect(outcome.accepted).toBe(true);
    expect(outcome.winnerId).toBe('a');
    expect(outcome.incumbent.score).toBeCloseTo(0.75);
    expect(outcome.reason).toMatch(/b scored higher \(80\.0%\) but by less than the margin/);
    // The same program a run cut short at this point would have returned.
    expect(session.unsettled?.score).toBeCloseTo(0.75);
  });
});

describe('racing on the minibatch', () => {
  it('calls a candidate clearly behind only after a net deficit beyond chance', () => {
    // Three losses in a row could be chance; four are not (sign test at two standard deviations).
    expect(clearlyBehind([-1, -1, -1])).toBe(false);
    expect(clearlyBehind([-1, -1, -1, -1])).toBe(true);
    // Disagreements both ways widen the walk: -5 over 7 disagreements is not enough, -6 over 8 is.
    expect(clearlyBehind([-1, -1, -1, -1, -1, -1, 1])).toBe(false);
    expect(clearlyBehind([-1, -1, -1, -1, -1, -1, -1, 1])).toBe(true);
    expect(clearlyBehind([0, 0, 0, 0, 0, 0])).toBe(false);
    expect(clearlyBehind([1, -1, 1, -1])).toBe(false);
  });

  it('stops a candidate part-way through its minibatch once it is clearly behind the incumbent', async () => {
    const big = examples(words('c', 40));
    const order = new Map(big.map((e, i) => [String(e.data.x), i]));
    // "score:K": right on the first K examples of the 40.
    const lm = new ScriptedLM((req: LMRequest) => {
      const k = Number(/score:(\d+)/.exec(req.messages[0]?.content ?? '')?.[1] ?? 0);
      const x = (ScriptedLM.lastUser(req).split(': ')[1] ?? '').trim();
      return `y: ${(order.get(x) ?? 99) < k ? reverse(x) : x}`;
    });
    const events: RunEvent[] = [];
    const session = makeSession(toyTask([], big), lm, { events });
    const incumbent = {
      program: toyProgram('score:40'),
      score: 1,
      exampleScores: big.map(() => 1),
    };
    const hopeless = candidate('hopeless', 'score:0');
    const close = candidate('close', 'score:39');
    const outcome = await selectCandidate(session, [hopeless, close], incumbent, big, new Rng(3), {
      minibatchSize: 20,
      phase: 0,
    });
    expect(outcome.accepted).toBe(false);
    expect(hopeless.record.dropReason).toBe('behind-incumbent');
    // Four answers, all wrong where the incumbent is right: the other 16 were never asked.
    expect(hopeless.record.minibatchExamples).toBe(4);
    expect(close.record.dropReason).not.toBe('behind-incumbent');
    const asked = lm.requests.filter((r) => r.messages[0]?.content.includes('score:0')).length;
    expect(asked).toBe(4);
    expect(
      events.some(
        (e) =>
          e.type === 'candidate-dropped' &&
          e.candidateId === 'hopeless' &&
          e.reason === 'behind-incumbent',
      ),
    ).toBe(true);
  });
});

describe('racing against the minibatch leader', () => {
  const big = examples(words('l', 40));
  const order = new Map(big.map((e, i) => [String(e.data.x), i]));
  /** "score:K": right on the first K examples of the 40. */
  const model = (): ScriptedLM =>
    new ScriptedLM((req: LMRequest) => {
      const k = Number(/score:(\d+)/.exec(req.messages[0]?.content ?? '')?.[1] ?? 0);
      const x = (ScriptedLM.lastUser(req).split(': ')[1] ?? '').trim();
      return `y: ${(order.get(x) ?? 99) < k ? reverse(x) : x}`;
    });
  async function race(instructions: string[]) {
    const lm = model();
    const session = makeSession(toyTask([], big), lm, {});
    const incumbent = {
      program: toyProgram('score:10'),
      score: 10 / 40,
      exampleScores: big.map((_, i) => (i < 10 ? 1 : 0)),
    };
    const cands = instructions.map((t) => candidate(t, t));
    await selectCandidate(session, cands, incumbent, big, new Rng(5), {
      minibatchSize: 20,
      phase: 0,
    });
    return { cands, lm };
  }

  it('stops a candidate clearly behind the leader on the same examples, though ahead of the incumbent', async () => {
    const { cands } = await race(['score:40', 'score:12']);
    const weak = cands[1];
    expect(weak?.record.dropReason).toBe('behind-leader');
    expect(weak?.record.minibatchExamples).toBeLessThan(20);
    expect(cands[0]?.record.fullScore).toBe(1);
  });

  it('scores the same candidate on its whole minibatch when no candidate leads', async () => {
    const { cands } = await race(['score:12']);
    expect(cands[0]?.record.minibatchExamples).toBe(20);
    expect(cands[0]?.record.dropReason).not.toBe('behind-leader');
  });
});

describe('selectCandidate with candidates made one at a time', () => {
  /** Runs selection where each later candidate is made by `make(leader instruction or null)`. */
  async function selectBuilt(make: (leader: string | null) => string | null) {
    const lm = scoreModel();
    const session = makeSession(toyTask([], val), lm);
    const incumbent = {
      program: toyProgram('score:2'),
      score: 0.2,
      exampleScores: val.map((_, i) => (i < 2 ? 1 : 0)),
    };
    const leaders: (string | null)[] = [];
    let n = 0;
    const outcome = await selectCandidate(
      session,
      [],
      incumbent,
      val,
      new Rng(1),
      { minibatchSize: 9, phase: 0 },
      async (leader) => {
        const base = leader?.program.steps[0]?.signature.instruction ?? null;
        leaders.push(base);
        const next = make(base);
        return next === null ? null : candidate(`c${++n}`, next);
      },
    );
    return { outcome, leaders };
  }

  it('builds each new candidate on the one ahead of the incumbent on the first minibatch', async () => {
    const { outcome, leaders } = await selectBuilt((leader) => {
      const k = Number(/score:(\d+)/.exec(leader ?? 'score:2')?.[1]);
      return k >= 8 ? null : `score:${k + 3}`;
    });
    // score:5 leads, so score:8 is built on it; then nothing more.
    expect(leaders).toEqual([null, 'score:5', 'score:8']);
    expect(outcome.accepted).toBe(true);
    expect(outcome.incumbent.score).toBeCloseTo(0.8);
  });

  it('keeps building on the incumbent while no candidate is ahead of it', async () => {
    const made: string[] = ['score:1', 'score:7'];
    const { leaders, outcome } = await selectBuilt(() => made.shift() ?? null);
    expect(leaders).toEqual([null, null, 'score:7']);
    expect(outcome.winnerId).toBe('c2');
  });
});
