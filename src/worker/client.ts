import { proxy, wrap, type Remote } from 'comlink';
import type { CopaWorkerApi } from './api';
import { reviveError } from './revive-error';
import { workerNameFor } from './test-hooks';
import type { WorkerGoneError } from './worker-gone';
import { WorkerWatch, type WorkerWatchOptions } from './worker-watch';

/**
 * A worker API as the page calls it: the same methods, with typed errors, plus dispose and,
 * when the worker is watched, word of its death (every pending and later call then rejects
 * with WorkerGoneError).
 */
// The page tells a resumable stop from a final one by the same names the worker uses.
export { RESUMABLE_FAILURES } from './resumable-failures';

export type Client<Api> = Api & {
  dispose(): void;
  /** Calls `listener` once if the worker dies or hangs; returns an unsubscribe. */
  onWorkerGone(listener: (err: WorkerGoneError) => void): () => void;
};

/** The main thread's handle on the optimizer worker. */
export type CopaClient = Client<CopaWorkerApi>;

/** Starts the optimizer worker (a module worker; WebLLM loads inside it, never here). */
export function createCopaClient(): CopaClient {
  const worker = new Worker(new URL('./copa.worker.ts', import.meta.url), {
    type: 'module',
    // The name also carries the browser tests' switch to a simulated engine (test-hooks.ts).
    name: workerNameFor(globalThis.location?.search ?? ''),
  });
  return clientFor(wrap<CopaWorkerApi>(worker), () => worker.terminate(), { events: worker });
}

type RemoteMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * Wraps a comlink remote without listing its methods: any method name is forwarded, callback
 * arguments cross as comlink proxies (a function cannot be copied), and errors are rebuilt
 * from their name. The API type alone says which methods exist.
 */
export function clientFor<Api extends object>(
  remote: Remote<Api>,
  terminate: () => void,
  watch?: Omit<WorkerWatchOptions, 'ping'>,
): Client<Api> {
  const methods = remote as unknown as Record<string, RemoteMethod>;
  // The heartbeat needs the worker's `ping` (HealthApi); without `watch` nothing is watched.
  const watcher = watch ? new WorkerWatch({ ...watch, ping: () => methods.ping!() }) : null;
  const call = async (method: string, args: unknown[]): Promise<unknown> => {
    if (watcher?.gone) throw watcher.gone;
    const pending = methods[method]!(...args.map(asTransferable));
    try {
      return await (watcher ? Promise.race([pending, watcher.whenGone]) : pending);
    } catch (err) {
      if (watcher?.gone === err) throw err;
      throw reviveError(err);
    }
  };
  const dispose = (): void => {
    watcher?.stop();
    terminate();
  };
  const onWorkerGone = (listener: (err: WorkerGoneError) => void): (() => void) =>
    watcher ? watcher.onGone(listener) : () => undefined;
  // A null prototype: Svelte leaves the client alone instead of deep-proxying it as state.
  const target = Object.create(null) as Record<string, unknown>;
  const handle = new Proxy(target, {
    get(_target, key) {
      if (key === 'dispose') return dispose;
      if (key === 'onWorkerGone') return onWorkerGone;
      // `then`: so awaiting the client, or returning it from an async function, does not call it.
      if (typeof key !== 'string' || key === 'then') return undefined;
      return (...args: unknown[]) => call(key, args);
    },
  });
  return handle as Client<Api>;
}

function asTransferable(arg: unknown): unknown {
  return typeof arg === 'function' ? proxy(arg) : arg;
}
