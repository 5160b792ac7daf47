import { AbortedError, CopaError } from '../core/errors';
import { EngineError, isEngineErrorName } from '../engines/webllm/errors';
import { WorkerStateError } from './worker-errors';

/**
 * Rebuilds a typed error from what crossed the worker boundary (comlink keeps name, message and
 * stack only): engine errors as EngineError, aborts as AbortedError, other named errors as
 * CopaError with the same name.
 */
export function reviveError(err: unknown): Error {
  if (!(err instanceof Error) && !(typeof err === 'object' && err !== null && 'message' in err))
    return new CopaError('WorkerError', String(err));
  const { name, message, stack } = err as { name?: unknown; message?: unknown; stack?: unknown };
  const n = typeof name === 'string' ? name : 'Error';
  const m = typeof message === 'string' ? message : '';
  let revived: Error;
  if (isEngineErrorName(n)) revived = EngineError.revive(n, m);
  else if (n === 'AbortError') revived = new AbortedError(m || undefined);
  else if (n === 'WorkerStateError') revived = new WorkerStateError(m);
  else if (n === 'Error' || n === 'TypeError' || n === 'RangeError')
    revived = new CopaError('WorkerError', m);
  else revived = new CopaError(n, m);
  if (typeof stack === 'string') revived.stack = stack;
  return revived;
}
