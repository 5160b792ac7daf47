import { AbortedError } from './errors';

/** Waits `ms`, or rejects with AbortedError as soon as `signal` aborts (a cancelled run stops at once). */
export function abortableWait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError());
  return new Promise((resolve, reject) => {
    const done = (): void => {
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = (): void => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}
