import { describe, expect, it } from 'vitest';
import { CachedLM } from '../../../src/core/cache';
import { BudgetExceededError } from '../../../src/core/errors';
import { DEFAULT_SAMPLING, type LMRequest } from '../../../src/core/lm';
import { MeteredLM } from '../../../src/core/usage';
import { ScriptedLM } from '../helpers/scripted-lm';

function request(user: string): LMRequest {
  return { messages: [{ role: 'user', content: user }], ...DEFAULT_SAMPLING };
}

/** A clock the test moves by hand. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1000;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('MeteredLM', () => {
  it('counts real calls and their tokens', async () => {
    const model = new ScriptedLM(() => 'abcdefgh'); // 2 completion tokens
    const lm = new MeteredLM(model);
    await lm.complete(request('1234')); // 1 prompt token
    await lm.complete(request('12345678')); // 2 prompt tokens
    expect(lm.totals()).toMatchObject({
      calls: 2,
      cachedCalls: 0,
      promptTokens: 3,
      completionTokens: 4,
    });
  });

  it('records cache hits as free cached calls', async () => {
    const model = new ScriptedLM(() => 'answer');
    const lm = new MeteredLM(new CachedLM(model), { maxCalls: 1 });
    await lm.complete(request('q'));
    const spentAfterOne = lm.totals();
    expect(lm.exhausted()?.kind).toBe('calls');
    // The budget is spent: even a request that would be cached is refused.
    await expect(lm.complete(request('q'))).rejects.toBeInstanceOf(BudgetExceededError);
    expect(spentAfterOne).toMatchObject({ calls: 1, cachedCalls: 0 });

    const roomy = new MeteredLM(new CachedLM(model), { maxCalls: 5 });
    await roomy.complete(request('x'));
    await roomy.complete(request('x'));
    expect(roomy.totals()).toMatchObject({ calls: 1, cachedCalls: 1 });
  });

  it('lets the call that reaches the limit finish and stops the next one', async () => {
    const model = new ScriptedLM(() => 'a');
    const lm = new MeteredLM(model, { maxCalls: 2 });
    await lm.complete(request('1'));
    await lm.complete(request('2'));
    const next = lm.complete(request('3'));
    await expect(next).rejects.toMatchObject({ name: 'BudgetExceededError', kind: 'calls' });
    await expect(next).rejects.toThrow(/call budget is spent: 2 of 2 model calls/);
    expect(model.calls).toBe(2);
  });

  it('stops on the token budget', async () => {
    const model = new ScriptedLM(() => 'x'.repeat(40)); // 10 completion tokens
    const lm = new MeteredLM(model, { maxTokens: 15 });
    await lm.complete(request('hi'));
    await lm.complete(request('hi'));
    await expect(lm.complete(request('hi'))).rejects.toMatchObject({ kind: 'tokens' });
    expect(model.calls).toBe(2);
    expect(lm.remaining().tokens).toBe(0);
  });

  it('stops on the wall-time budget measured from construction or startClock()', async () => {
    const clock = manualClock();
    const model = new ScriptedLM(() => 'a');
    const lm = new MeteredLM(model, { maxWallMs: 100 }, clock.now);
    clock.advance(60);
    lm.startClock();
    clock.advance(60);
    await lm.complete(request('1'));
    expect(lm.remaining().wallMs).toBe(40);
    clock.advance(40);
    await expect(lm.complete(request('2'))).rejects.toMatchObject({ kind: 'time' });
    expect(model.calls).toBe(1);
  });

  it('does not start a call that would likely end past the time budget', async () => {
    const clock = manualClock();
    const model = new ScriptedLM(() => {
      clock.advance(100);
      return 'a';
    });
    const lm = new MeteredLM(model, { maxWallMs: 1050 }, clock.now);
    const refused = async (): Promise<unknown> => {
      for (;;) await lm.complete(request(String(model.calls)));
    };
    // Calls of 100 ms: the tenth ends at 1,000 ms; an eleventh would end at 1,100, past 1,050.
    await expect(refused()).rejects.toThrow(
      /time budget is spent: 1\.0 s of 1\.1 s, and the next model call \(about 0\.1 s\) would have ended past it/,
    );
    expect(model.calls).toBe(10);
    expect(lm.totals().wallMs).toBeLessThanOrEqual(1050);
  });

  it('expects a call with a longer prompt to take longer', async () => {
    const clock = manualClock();
    // A model whose calls take 1 ms per prompt character (prefill).
    const model = new ScriptedLM((r) => {
      clock.advance(r.messages.reduce((n, m) => n + m.content.length, 0));
      return 'a';
    });
    const lm = new MeteredLM(model, { maxWallMs: 1000 }, clock.now);
    const short = 'x'.repeat(100);
    for (let i = 0; i < 3; i++) await lm.complete(request(short + String(i)));
    // 303 ms spent: a call four times as long (about 400 ms) still fits, then it no longer does.
    const long = 'y'.repeat(400);
    await lm.complete(request(long));
    await expect(lm.complete(request(long + '!'))).rejects.toMatchObject({ kind: 'time' });
    await lm.complete(request(short));
    expect(model.calls).toBe(5);
  });

  it('measures LM time with the given clock', async () => {
    const clock = manualClock();
    const model = new ScriptedLM(() => {
      clock.advance(25);
      return 'a';
    });
    const lm = new MeteredLM(model, {}, clock.now);
    await lm.complete(request('1'));
    await lm.complete(request('2'));
    expect(lm.totals().lmMs).toBe(50);
    expect(lm.totals().wallMs).toBe(50);
  });

  it('reports unlimited budgets as Infinity', () => {
    const lm = new MeteredLM(new ScriptedLM(() => 'a'));
    expect(lm.remaining()).toEqual({ calls: Infinity, tokens: Infinity, wallMs: Infinity });
    expect(lm.exhausted()).toBeNull();
  });

  it('keeps counting from restored totals after a resume', async () => {
    const clock = manualClock();
    const model = new ScriptedLM(() => 'a');
    const first = new MeteredLM(model, { maxCalls: 3 }, clock.now);
    await first.complete(request('1'));
    await first.complete(request('2'));
    clock.advance(500);
    const checkpoint = JSON.parse(JSON.stringify(first.totals())) as ReturnType<
      MeteredLM['totals']
    >;

    const resumed = new MeteredLM(model, { maxCalls: 3, maxWallMs: 10_000 }, clock.now, checkpoint);
    expect(resumed.totals()).toEqual(checkpoint);
    await resumed.complete(request('3'));
    expect(resumed.totals().calls).toBe(3);
    await expect(resumed.complete(request('4'))).rejects.toMatchObject({ kind: 'calls' });
    clock.advance(100);
    expect(resumed.totals().wallMs).toBe(600);
  });

  it("measures this session's pace: real calls only, estimated prompt tokens, not restored time", async () => {
    const clock = manualClock();
    const model = new ScriptedLM(() => 'abcdefgh'); // 2 completion tokens
    const restored = { calls: 9, cachedCalls: 0, promptTokens: 90, completionTokens: 9, lmMs: 0 };
    const lm = new MeteredLM(new CachedLM(model), {}, clock.now, { ...restored, wallMs: 5000 });
    await lm.complete(request('x'.repeat(40)));
    clock.advance(300);
    await lm.complete(request('x'.repeat(40))); // a cache hit: no time, no tokens
    await lm.complete(request('y'.repeat(8)));
    clock.advance(100);
    // 40 and 8 characters: 10 and 2 tokens, plus 4 for each message's template.
    expect(lm.pace()).toEqual({
      calls: 2,
      wallMs: 400,
      estimatedPromptTokens: 14 + 6,
      completionTokens: 4,
    });
    expect(lm.totals().wallMs).toBe(5400);
  });

  it('counts a replayed answer as the call it was, but not in the pace', async () => {
    // An answer this run paid for before it was interrupted inside a phase (see CachedLM).
    const replaying = {
      id: 'm',
      complete: async () => ({
        text: 'abcdefgh',
        usage: { promptTokens: 3, completionTokens: 2, latencyMs: 0 },
        cached: false,
        replayed: true,
      }),
    };
    const lm = new MeteredLM(replaying, { maxCalls: 1 });
    await lm.complete(request('q'));
    expect(lm.totals()).toMatchObject({ calls: 1, cachedCalls: 0, promptTokens: 3 });
    expect(lm.pace().calls).toBe(0);
    expect(lm.exhausted()?.kind).toBe('calls');
  });

  it('does not count a call that failed', async () => {
    const lm = new MeteredLM(
      new ScriptedLM(() => {
        throw new Error('boom');
      }),
    );
    await expect(lm.complete(request('1'))).rejects.toThrow('boom');
    expect(lm.totals().calls).toBe(0);
  });
});
