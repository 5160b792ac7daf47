import { releaseProxy } from 'comlink';
import { describe, expect, it, vi } from 'vitest';
import { AbortedError, CopaError } from '../../../src/core/errors';
import { EngineError } from '../../../src/engines/webllm/errors';
import { EventBatcher } from '../../../src/worker/event-batcher';
import { composeServices } from '../../../src/worker/compose-services';
import { exposedApi } from '../../../src/worker/expose';
import { reviveError } from '../../../src/worker/revive-error';
import { createCopaService } from '../../../src/worker/service';
import { WorkerStateError } from '../../../src/worker/worker-errors';
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
    const service = createCopaService(deps(adapterEnv(null)));
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
    const api = exposedApi(createCopaService(deps(adapterEnv({ f16: true }), runtime)));
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

describe('composeServices', () => {
  class Counter {
    #count = 0;
    async add(n: number): Promise<number> {
      this.#count += n;
      return this.#count;
    }
  }
  class Greeter {
    greet = async (name: string): Promise<string> => `hello ${name}`;
  }

  it('offers every public method of each service, bound to it, and nothing private', async () => {
    const api = composeServices(new Counter(), new Greeter());
    const { add } = api;
    await add(2);
    expect(await add(3)).toBe(5);
    expect(await api.greet('you')).toBe('hello you');
    expect(Object.keys(api).sort()).toEqual(['add', 'greet']);
  });

  // That the composed service offers every method of the API is checked by tsc:
  // createCopaService returns CopaWorkerApi.
  it('refuses two services offering the same method', () => {
    expect(() => composeServices(new Counter(), new Counter())).toThrow(/"add"/);
  });
});
