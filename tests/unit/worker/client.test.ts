import { proxyMarker, type Remote } from 'comlink';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../src/engines/webllm/errors';
import type { CopaWorkerApi } from '../../../src/worker/api';
import { clientFor } from '../../../src/worker/client';

/** A remote whose methods record their arguments and fail like comlink delivers errors. */
function fakeRemote(failWith?: { name: string; message: string }) {
  const calls: { method: string; args: unknown[] }[] = [];
  const remote = new Proxy(
    {},
    {
      get:
        (_t, method: string) =>
        async (...args: unknown[]) => {
          calls.push({ method, args });
          if (failWith) throw Object.assign(new Error(failWith.message), { name: failWith.name });
          return { ok: true };
        },
    },
  ) as unknown as Remote<CopaWorkerApi>;
  return { remote, calls };
}

describe('clientFor', () => {
  it('rebuilds a typed engine error from the name that crossed the boundary', async () => {
    const message = new EngineError('ModelFilesUnreachableError', 'Failed to fetch').message;
    const { remote } = fakeRemote({ name: 'ModelFilesUnreachableError', message });
    const client = clientFor(remote, () => undefined);
    const err = await client.loadModel('m').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).recovery).toBe('check-network');
    expect((err as Error).message).toBe(message);
  });

  it('passes callbacks as comlink proxies and leaves absent ones out', async () => {
    const { remote, calls } = fakeRemote();
    const client = clientFor(remote, () => undefined);
    await client.startRun({ task: { kind: 'builtin', taskId: 't' } }, () => undefined);
    await client.loadModel('m');
    const onEvents = calls[0]!.args[1] as Record<symbol, unknown>;
    expect(onEvents[proxyMarker]).toBe(true);
    expect(calls[1]!.args[1]).toBeUndefined();
  });

  it('terminates the worker on dispose', () => {
    let terminated = 0;
    clientFor(fakeRemote().remote, () => terminated++).dispose();
    expect(terminated).toBe(1);
  });
});

describe('clientFor without a list of methods', () => {
  it('can be awaited and returned from an async function without calling the worker', async () => {
    const { remote, calls } = fakeRemote();
    const client = await Promise.resolve(clientFor(remote, () => undefined));
    expect(calls).toEqual([]);
    expect(await client.engineStatus()).toEqual({ ok: true });
    expect(calls.map((c) => c.method)).toEqual(['engineStatus']);
  });
});
