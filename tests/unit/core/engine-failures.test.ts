import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../src/core/adapters/chat-adapter';
import {
  EngineFailureError,
  EngineFailureGuard,
  isEngineFailure,
} from '../../../src/core/engine-failures';
import { BudgetExceededError, ParseError } from '../../../src/core/errors';
import { evaluate } from '../../../src/core/evaluate';
import type { LanguageModel, LMRequest, LMResponse } from '../../../src/core/lm';
import type { CopaCheckpoint } from '../../../src/core/optimizers/checkpoint';
import { Program, predict } from '../../../src/core/program';
import { ScriptedLM } from '../helpers/scripted-lm';
import { copa } from './optimizers/copa-fixture';
import { ONE_HARD_EXAMPLE, toyModel } from './optimizers/toy-task';

/** A model that answers through `inner` until call `failFrom`, then always throws `error`. */
class BreakingLM implements LanguageModel {
  readonly id: string;
  calls = 0;
  constructor(
    private readonly inner: LanguageModel,
    private readonly failFrom: number,
    private readonly error: () => Error = () =>
      Object.assign(new Error('GPU device was lost'), { name: 'DeviceLostError' }),
  ) {
    this.id = inner.id;
  }
  complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    if (this.calls++ >= this.failFrom) return Promise.reject(this.error());
    return this.inner.complete(request, signal);
  }
}

const program = new Program([predict('qa', 'question -> answer')]);
const examples = ['one', 'two', 'three', 'four', 'five'].map((q, i) => ({
  id: String(i),
  data: { question: q, answer: q },
}));
const metric = (e: { data: Record<string, unknown> }, p: Record<string, unknown>): number =>
  e.data.answer === p.answer ? 1 : 0;
const echo = new ScriptedLM((r) => {
  const q = /\[\[ ## question ## \]\]\n(\w+)/.exec(ScriptedLM.lastUser(r))?.[1] ?? '';
  return `[[ ## answer ## ]]\n${q}`;
});

describe('engine failures are loud', () => {
  it('tells engine failures from the run’s own errors', () => {
    expect(isEngineFailure(new Error('out of memory'))).toBe(true);
    expect(isEngineFailure(new ParseError('x', 'raw'))).toBe(false);
    expect(isEngineFailure(new BudgetExceededError('spent', 'calls'))).toBe(false);
  });

  it('a failure now and then is scored as a failed example; a streak stops evaluate', async () => {
    let call = 0;
    const flaky = new EngineFailureGuard(
      {
        id: 'flaky',
        complete: (r, s) =>
          call++ % 2 === 1 ? Promise.reject(new Error('transient')) : echo.complete(r, s),
      },
      3,
    );
    const ok = await evaluate({
      program,
      examples,
      metric,
      ctx: { lm: flaky, adapter: chatAdapter },
    });
    expect(ok.errors).toBe(2);
    expect(ok.results).toHaveLength(5);

    const dead = new EngineFailureGuard(new BreakingLM(echo, 1), 3);
    const err = await evaluate({
      program,
      examples,
      metric,
      ctx: { lm: dead, adapter: chatAdapter },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineFailureError);
    expect((err as EngineFailureError).name).toBe('EngineFailureError');
    expect((err as EngineFailureError).message).toMatch(/3 calls in a row.*DeviceLostError/s);
    // The advice fits a local server as well as a browser model.
    expect((err as EngineFailureError).message).toMatch(/restart the server it runs on/);
  });

  it('a persistently failing engine stops COPA with a named error, its checkpoint kept', async () => {
    // How many calls a whole run makes, to break the engine halfway through.
    const whole = toyModel({ overrides: ONE_HARD_EXAMPLE });
    await copa(whole);
    const failFrom = Math.floor(whole.calls / 2);
    const checkpoints: CopaCheckpoint[] = [];
    const lm = new BreakingLM(toyModel({ overrides: ONE_HARD_EXAMPLE }), failFrom);
    // Given the bare model: the optimizer guards it itself, as it does for any caller.
    const err = await copa(lm as unknown as ScriptedLM, {
      lm,
      onCheckpoint: (cp) => {
        checkpoints.push(cp);
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineFailureError);
    // Stopped after the streak, not after scoring everything else as zeros.
    expect(lm.calls).toBe(failFrom + 3);
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(checkpoints[checkpoints.length - 1]?.nextPhase).toBeGreaterThan(0);
  });
});
