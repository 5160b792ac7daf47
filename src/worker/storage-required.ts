import { WorkerStateError } from './worker-errors';

/** A part of the worker that needs IndexedDB, or a plain refusal when the browser has none. */
export function requireStorage<T>(part: T | null): T {
  if (!part)
    throw new WorkerStateError(
      'Storage is not available here (IndexedDB is missing or blocked), so nothing can be saved or loaded.',
    );
  return part;
}
