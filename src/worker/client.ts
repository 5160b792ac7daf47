import { proxy, wrap, type Remote } from 'comlink';
import type { CopaWorkerApi } from './api';
import { reviveError } from './revive-error';
import { workerNameFor } from './test-hooks';

/** A worker API as the page calls it: the same methods, with typed errors, plus dispose. */
export type Client<Api> = Api & { dispose(): void };

/** The main thread's handle on the optimizer worker. */
export type CopaClient = Client<CopaWorkerApi>;

/** Starts the optimizer worker (a module worker; WebLLM loads inside it, never here). */
export function createCopaClient(): CopaClient {
  const worker = new Worker(new URL('./copa.worker.ts', import.meta.url), {
    type: 'module',
    // The name also carries the browser tests' switch to a simulated engine (test-hooks.ts).
    name: workerNameFor(globalThis.location?.search ?? ''),
  });
  return clientFor(wrap<CopaWorkerApi>(worker), () => worker.terminate());
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
): Client<Api> {
  const methods = remote as unknown as Record<string, RemoteMethod>;
  const call = async (method: string, args: unknown[]): Promise<unknown> => {
    try {
      return await methods[method]!(...args.map(asTransferable));
    } catch (err) {
      throw reviveError(err);
    }
  };
  // A null prototype: Svelte leaves the client alone instead of deep-proxying it as state.
  const target = Object.create(null) as Record<string, unknown>;
  const handle = new Proxy(target, {
    get(_target, key) {
      if (key === 'dispose') return terminate;
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
