import { describe, expect, it } from 'vitest';
import { DelayedLM } from '../../../src/core/delayed-lm';
import { GuardedLM } from '../../../src/core/guarded-lm';
import { RecordingLM } from '../../../src/core/recording-lm';
import { YieldingLM } from '../../../src/core/yielding-lm';
import { ScriptedLM } from '../helpers/scripted-lm';

describe('YieldingLM', () => {
  it('yields to the event loop once a time slice is used up, not on every call', async () => {
    let now = 0;
    let pauses = 0;
    const lm = new YieldingLM(
      new ScriptedLM(() => 'a'),
      10,
      () => now,
      async () => {
        pauses++;
      },
    );
    const request = { messages: [], temperature: 0, topP: 1, maxTokens: 5, seed: 0 };
    await lm.complete(request);
    now = 5;
    await lm.complete(request);
    expect(pauses).toBe(0);
    now = 12;
    await lm.complete(request);
    expect(pauses).toBe(1);
  });
});

describe('DelayedLM', () => {
  const request = { messages: [], temperature: 0, topP: 1, maxTokens: 5, seed: 0 };

  it('adds its delay to the reported latency', async () => {
    const res = await new DelayedLM(new ScriptedLM(() => 'a'), 1).complete(request);
    expect(res.usage.latencyMs).toBe(1);
  });

  it('stops waiting with AbortError when the signal aborts, without calling the model', async () => {
    const inner = new ScriptedLM(() => 'a');
    const controller = new AbortController();
    const pending = new DelayedLM(inner, 60_000).complete(request, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(inner.calls).toBe(0);
  });
});

describe('GuardedLM', () => {
  const request = { messages: [], temperature: 0, topP: 1, maxTokens: 5, seed: 0 };

  it('passes ordinary errors on and remembers the first fatal one', async () => {
    let stops = 0;
    const errors = [
      new Error('odd answer'),
      Object.assign(new Error('gone'), { name: 'GPUDeviceLostError' }),
    ];
    const lm = new GuardedLM(
      new ScriptedLM(() => {
        throw errors.shift()!;
      }),
      () => stops++,
    );
    await expect(lm.complete(request)).rejects.toThrow('odd answer');
    expect(lm.fatal).toBeNull();
    await expect(lm.complete(request)).rejects.toThrow('gone');
    expect(lm.fatal?.name).toBe('GPUDeviceLostError');
    expect(stops).toBe(1);
  });

  it('a fatal error the optimizer would end the run on reaches it as an abort', async () => {
    const failing = Object.assign(new Error('failed 3 calls in a row'), {
      name: 'EngineFailureError',
    });
    const lm = new GuardedLM(
      new ScriptedLM(() => {
        throw failing;
      }),
      () => undefined,
      (err) => err === failing,
    );
    await expect(lm.complete(request)).rejects.toMatchObject({
      name: 'AbortError',
      message: 'failed 3 calls in a row',
    });
    expect(lm.fatal).toBe(failing);
  });
});

describe('RecordingLM', () => {
  it('keeps each request as sent and its reply, in order', async () => {
    const lm = new RecordingLM(new ScriptedLM((req) => `re: ${req.maxTokens}`));
    const request = { messages: [], temperature: 0, topP: 1, maxTokens: 5, seed: 0 };
    await lm.complete(request);
    request.maxTokens = 7;
    await lm.complete(request);
    expect(lm.requests.map((r) => r.maxTokens)).toEqual([5, 7]);
    expect(lm.replies).toEqual(['re: 5', 're: 7']);
  });
});
