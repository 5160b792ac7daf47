import { describe, expect, it } from 'vitest';
import { CachedLM } from '../../../src/core/cache';
import { EngineFailureGuard } from '../../../src/core/engine-failures';
import {
  chatTokens,
  DEFAULT_SAMPLING,
  type LanguageModel,
  type LMRequest,
  type LMResponse,
} from '../../../src/core/lm';
import { chatAdapter } from '../../../src/core/adapters/chat-adapter';
import { exactMatch } from '../../../src/core/metrics';
import { runCopa } from '../../../src/core/optimizers';
import { MeteredLM } from '../../../src/core/usage';
import { examples, toyProgram } from './optimizers/toy-task';

const request = (user: string): LMRequest => ({
  messages: [{ role: 'user', content: user }],
  ...DEFAULT_SAMPLING,
});

/** A model written outside the core: its answers are whatever `answer` returns. */
function looseModel(answer: (r: LMRequest) => unknown): LanguageModel {
  return {
    id: 'loose',
    complete: (r) => Promise.resolve(answer(r) as LMResponse),
  };
}

describe('answers from a model that leaves out what the interface asks for', () => {
  it('are metered with estimated token counts when usage is missing, on first asking and from the cache', async () => {
    const metered = new MeteredLM(
      new CachedLM(new EngineFailureGuard(looseModel(() => ({ text: 'billing' })))),
    );
    const first = await metered.complete(request('Route this ticket, please.'));
    expect(first.usage).toEqual({
      promptTokens: chatTokens(request('Route this ticket, please.').messages),
      completionTokens: 2,
      latencyMs: 0,
    });
    await metered.complete(request('Route this ticket, please.'));
    await metered.complete(request('Another ticket'));
    const totals = metered.totals();
    expect(totals.calls).toBe(2);
    expect(totals.cachedCalls).toBe(1);
    expect(totals.promptTokens).toBe(
      chatTokens(request('Route this ticket, please.').messages) +
        chatTokens(request('Another ticket').messages),
    );
  });

  it('keep the counts a model gives and replace only those that are not counts', async () => {
    const lm = new EngineFailureGuard(
      looseModel(() => ({
        text: '',
        usage: { promptTokens: 40, completionTokens: Number.NaN, latencyMs: -3 },
      })),
    );
    expect((await lm.complete(request('x'))).usage).toEqual({
      promptTokens: 40,
      completionTokens: 0,
      latencyMs: 0,
    });
  });

  it('are an engine failure with a name when they hold no text', async () => {
    for (const answer of [undefined, { usage: {} }, { text: 42 }]) {
      const lm = new EngineFailureGuard(looseModel(() => answer));
      await expect(lm.complete(request('x'))).rejects.toMatchObject({
        name: 'MalformedResponseError',
        message: expect.stringContaining('returns { text, usage }'),
      });
    }
  });

  it('stop an optimizer run after a few in a row without text, naming why', async () => {
    const task = {
      program: toyProgram('Copy x.'),
      trainset: examples(['a', 'b', 'c']),
      valset: examples(['d', 'e', 'f']),
      metric: exactMatch('y'),
    };
    const err = await runCopa(task, {
      lm: looseModel(() => ({ usage: { promptTokens: 1, completionTokens: 1, latencyMs: 1 } })),
      adapter: chatAdapter,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: 'EngineFailureError',
      message: expect.stringContaining('MalformedResponseError'),
    });
  });
});
