import { CopaError } from '../core/errors';

/**
 * The optimizer worker is gone (it crashed, was stopped, or stopped answering): every call in
 * flight is rejected with this, and so is every later one. Only a reload starts a new worker.
 */
export class WorkerGoneError extends CopaError {
  constructor(
    readonly reason: 'crashed' | 'unresponsive',
    detail = '',
  ) {
    super(
      'WorkerGoneError',
      `${reason === 'crashed' ? 'The optimizer stopped with an error' : 'The optimizer stopped answering'}${detail ? ` (${detail})` : ''}. Reload the page to start it again; an unfinished run resumes from its last finished phase.`,
    );
  }
}
