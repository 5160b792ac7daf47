/**
 * Named errors of the core. Each has a stable `name` so it survives the worker boundary
 * (comlink keeps name, message and stack only) and can be rebuilt on the other side.
 */
export class CopaError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** The model's text could not be read as the signature's output fields. Keeps the raw text. */
export class ParseError extends CopaError {
  constructor(
    message: string,
    readonly rawText: string,
    readonly missingFields: readonly string[] = [],
  ) {
    super('ParseError', message);
  }
}

/** A budget (LM calls, tokens or wall time) is spent; no further calls are made. */
export class BudgetExceededError extends CopaError {
  constructor(
    message: string,
    readonly kind: 'calls' | 'tokens' | 'time',
  ) {
    super('BudgetExceededError', message);
  }
}

/** The operation was cancelled through an AbortSignal. */
export class AbortedError extends CopaError {
  constructor(message = 'The operation was cancelled.') {
    super('AbortError', message);
  }
}

/** A signature string or field definition is malformed. */
export class SignatureError extends CopaError {
  constructor(message: string) {
    super('SignatureError', message);
  }
}

/** Program state could not be loaded (wrong shape or unknown version). */
export class ProgramStateError extends CopaError {
  constructor(message: string) {
    super('ProgramStateError', message);
  }
}

/** An output violated a constraint after all retries. */
export class ConstraintViolationError extends CopaError {
  constructor(
    message: string,
    readonly field: string,
    readonly rawText: string,
  ) {
    super('ConstraintViolationError', message);
  }
}

/** Throws an AbortedError when the signal is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError();
}

/**
 * True for errors that mean "stop everything now" rather than "this example failed". An
 * EngineFailureError (see engine-failures.ts) means the model keeps failing: going on would
 * only score zeros.
 */
export function isFatalError(err: unknown): boolean {
  return (
    err instanceof Error &&
    (err.name === 'AbortError' ||
      err.name === 'BudgetExceededError' ||
      err.name === 'EngineFailureError')
  );
}
