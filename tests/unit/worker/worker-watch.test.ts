import type { Remote } from 'comlink';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CopaWorkerApi } from '../../../src/worker/api';
import { clientFor } from '../../../src/worker/client';
import { WorkerGoneError } from '../../../src/worker/worker-gone';

/**
 * A remote worker that answers pings while `alive`, and whose startRun never settles (a run in
 * progress). `alive = false` is a terminated worker: it sends nothing at all, not even an error.
 */
function fakeWorker() {
  const state = { alive: true, pings: 0 };
  const never = new Promise<never>(() => undefined);
  const remote = new Proxy(
    {},
    {
      get: (_t, method: string) => () => {
        if (!state.alive) return never;
        if (method === 'ping') {
          state.pings++;
          return Promise.resolve(Date.now());
        }
        if (method === 'startRun') return never;
        return Promise.resolve('ok');
      },
    },
  ) as unknown as Remote<CopaWorkerApi>;
  return { remote, state, events: new EventTarget() };
}

const task = { kind: 'builtin' as const, taskId: 'ticket-routing' };

describe('a watched worker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stays alive while it answers the heartbeat', async () => {
    const w = fakeWorker();
    const client = clientFor(w.remote, () => undefined, {
      events: w.events,
      intervalMs: 1000,
      deadAfterMs: 5000,
    });
    const gone = vi.fn();
    client.onWorkerGone(gone);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(w.state.pings).toBeGreaterThan(20);
    expect(gone).not.toHaveBeenCalled();
    await expect(client.listRuns()).resolves.toBe('ok');
    client.dispose();
  });

  it('notices a terminated worker by its silence and rejects the pending run and later calls', async () => {
    const w = fakeWorker();
    let terminated = 0;
    const client = clientFor(w.remote, () => terminated++, {
      events: w.events,
      intervalMs: 1000,
      deadAfterMs: 5000,
    });
    const gone = vi.fn();
    client.onWorkerGone(gone);
    const run = client.startRun({ task }, () => undefined).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(3000);
    w.state.alive = false;
    await vi.advanceTimersByTimeAsync(4000);
    expect(gone).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(4000);
    const err = await run;
    expect(err).toBeInstanceOf(WorkerGoneError);
    expect(err).toMatchObject({ name: 'WorkerGoneError', reason: 'unresponsive' });
    expect((err as Error).message).toMatch(/stopped answering.*Reload the page/);
    expect(gone).toHaveBeenCalledTimes(1);
    await expect(client.cancelRun()).rejects.toBeInstanceOf(WorkerGoneError);
    // A listener added afterwards still hears of it.
    const late = vi.fn();
    client.onWorkerGone(late);
    expect(late).toHaveBeenCalledTimes(1);
    client.dispose();
    expect(terminated).toBe(1);
  });

  it('notices a crash at once from the worker error event', async () => {
    const w = fakeWorker();
    const client = clientFor(w.remote, () => undefined, { events: w.events });
    const run = client.startRun({ task }, () => undefined).catch((e: unknown) => e);
    w.events.dispatchEvent(Object.assign(new Event('error'), { message: 'out of memory' }));
    const err = await run;
    expect(err).toMatchObject({ name: 'WorkerGoneError', reason: 'crashed' });
    expect((err as Error).message).toMatch(/stopped with an error \(out of memory\)/);
    client.dispose();
  });

  it('is not watched without options (as in Node tests of the service)', async () => {
    const w = fakeWorker();
    const client = clientFor(w.remote, () => undefined);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(w.state.pings).toBe(0);
    await expect(client.listRuns()).resolves.toBe('ok');
  });
});
