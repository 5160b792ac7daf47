/**
 * Named storage errors. Storage may import only types from core, so they extend this local
 * base, which has CopaError's shape: a stable `name` (kept across the worker boundary) and a
 * message a user can act on.
 */
export class CopaError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** A stored record was written by a newer version of the app; it is left untouched. */
export class NewerRecordError extends CopaError {
  constructor(
    readonly collection: string,
    readonly id: string,
    readonly foundVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      'NewerRecordError',
      `The ${collection} "${id}" was saved by a newer version of COPA Playground (record version ${foundVersion}; this version reads up to ${supportedVersion}). Reload the page to get the newest app; the ${collection} has not been changed.`,
    );
  }
}

/** A stored record does not have the shape its schema version promises. */
export class CorruptRecordError extends CopaError {
  constructor(
    readonly collection: string,
    readonly id: string,
    /** What is wrong, without the record's name (for messages about a record not yet stored). */
    readonly detail: string,
  ) {
    super(
      'CorruptRecordError',
      `The stored ${collection} "${id}" is damaged and cannot be read: ${detail}.`,
    );
  }
}

/** The browser refused a write because the site's storage is full; nothing of that write was kept. */
export class StorageQuotaError extends CopaError {
  constructor() {
    super(
      'StorageQuotaError',
      "The browser's storage for this site is full, so this was not saved. Everything saved earlier is intact. Delete old runs, datasets or cached model answers, or allow the site more storage, then try again.",
    );
  }
}

/** A record that should exist does not. */
export class RecordNotFoundError extends CopaError {
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super(
      'RecordNotFoundError',
      `No ${collection} "${id}" is stored (it may have been deleted in another tab).`,
    );
  }
}

/** Another tab (or this one) is already running an optimization. */
export class RunBusyError extends CopaError {
  constructor() {
    super(
      'RunBusyError',
      'An optimization run is already going on in this or another tab. Wait for it to finish, or stop it there, before starting another.',
    );
  }
}

/** Any other storage failure, with the browser's own message kept. */
export class StorageError extends CopaError {
  constructor(message: string) {
    super('StorageError', message);
  }
}
