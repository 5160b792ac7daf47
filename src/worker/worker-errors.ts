import { CopaError } from '../core/errors';

/** A request that does not fit the worker's current state (no model loaded, a run already going…). */
export class WorkerStateError extends CopaError {
  constructor(message: string) {
    super('WorkerStateError', message);
  }
}
