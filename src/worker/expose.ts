import { releaseProxy } from 'comlink';

/**
 * A service as the worker exposes it: every method call goes through unchanged, and the
 * callbacks it was given (comlink proxies, each holding a MessagePort open on both sides) are
 * released as soon as the call settles, whether it succeeded or not.
 */
export function exposedApi<Api extends object>(service: Api): Api {
  return new Proxy(service, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => unknown).apply(target, args);
        } finally {
          args.forEach(release);
        }
      };
    },
  });
}

function release(arg: unknown): void {
  if (typeof arg !== 'function') return;
  const remote = arg as { [releaseProxy]?: () => void };
  try {
    remote[releaseProxy]?.();
  } catch {
    // Already released or the page is gone: nothing to free.
  }
}
