/** Records that could not be read (saved by a newer version, or damaged), with why. */
export interface StoredProblem {
  id: string;
  name: string;
  message: string;
}

/** Stored records that could be read, and why the others could not. */
export interface Listing<T> {
  items: T[];
  problems: StoredProblem[];
}
