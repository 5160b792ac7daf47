import { releaseProxy } from 'comlink';
import { describe, expect, it, vi } from 'vitest';
import { AbortedError, CopaError } from '../../../src/core/errors';
import { EngineError } from '../../../src/engines/webllm/errors';
import { DelayedLM } from '../../../src/worker/delayed-lm';
import { EventBatcher } from '../../../src/worker/event-batcher';
import { exposedApi } from '../../../src/worker/exposed-api';
import { reviveError } from '../../../src/worker/revive-error';
import { CopaService } from '../../../src/worker/service';
import { WorkerStateError } from '../../../src/worker/worker-errors';
import { YieldingLM } from '../../../src/worker/yielding-lm';
import { ScriptedLM } from '../helpers/scripted-lm';
import { adapterEnv, deps, FakeRuntime } from './fakes';

/** What a comlink proxy of a callback looks like on the worker side. */
function remoteCallback<T extends unknown[]>(): ((...args: T) => void) & { released: number } {
  const fn = Object.assign((..._args: T) => undefined, { released: 0 });
  Object.assign(fn, { [releaseProxy]: () => fn.released++ });
  return fn;
}

/** Errors as comlink delivers them: a plain Error with name and message copied over. */
function overTheWire(err: Error): Error {
  return Object.assign(new Error(err.message), { name: err.name, stack: err.stack });
}

describe('exposedApi releases callback proxies when the call settles', () => {
  it('after a successful run', async () => {
    const service = new CopaService(deps(adapterEnv(null)));
    const api = exposedApi(service);
    await api.useStandIn(0);
    const onEvents = remoteCallback<[unknown[]]>();
    await api.startRun(
      { task: { kind: 'builtin', taskId: 'ticket-routing' }, config: { cycles: 1 } },
      onEvents,
    );
    expect(onEvents.released).toBe(1);
  });

  it('after a failed load', async () => {
    const runtime = new FakeRuntime();
    runtime.reloadError = new TypeError('Failed to fetch');
    const api = exposedApi(new CopaService(deps(adapterEnv({ f16: true }), runtime)));
    const onProgress = remoteCallback<[unknown]>();
    await expect(
      api.loadModel('Qwen2.5-0.5B-Instruct-q4f16_1-MLC', onProgress),
    ).rejects.toMatchObject({
      name: 'ModelFilesUnreachableError',
    });
    expect(onProgress.released).toBe(1);
  });
});

describe('reviveError', () => {
  it('rebuilds engine errors as EngineError with their name, message and recovery', () => {
    const original = new EngineError('GPUDeviceLostError', 'lost');
    const revived = reviveError(overTheWire(original));
    expect(revived).toBeInstanceOf(EngineError);
    expect(revived.name).toBe('GPUDeviceLostError');
    expect(revived.message).toBe(original.message);
    expect((revived as EngineError).recovery).toBe('recreate-engine');
  });

  it('rebuilds aborts, worker-state and other named core errors', () => {
    expect(reviveError(overTheWire(new AbortedError()))).toBeInstanceOf(AbortedError);
    expect(reviveError(overTheWire(new WorkerStateError('busy')))).toBeInstanceOf(WorkerStateError);
    const budget = reviveError(overTheWire(new CopaError('BudgetExceededError', 'spent')));
    expect(budget).toBeInstanceOf(CopaError);
    expect(budget).toMatchObject({ name: 'BudgetExceededError', message: 'spent' });
  });

  it('turns unnamed and non-error values into a WorkerError', () => {
    expect(reviveError(new TypeError('x'))).toMatchObject({ name: 'WorkerError', message: 'x' });
    expect(reviveError(42)).toMatchObject({ name: 'WorkerError', message: '42' });
  });
});

describe('EventBatcher', () => {
  it('sends items in batches and flushes the rest', () => {
    vi.useFakeTimers();
    try {
      const batches: number[][] = [];
      const b = new EventBatcher<number>((x) => batches.push(x), 50);
      b.push(1);
      b.push(2);
      vi.advanceTimersByTime(50);
      b.push(3);
      b.flush();
      b.flush();
      expect(batches).toEqual([[1, 2], [3]]);
    } finally {
      vi.useRealTimers();
    }
  });
});

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
