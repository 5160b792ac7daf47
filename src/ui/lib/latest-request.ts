/**
 * Orders the answers of repeated requests for the same thing: each request takes a ticket,
 * and only the answer to the newest one is used, so an older answer that arrives late can
 * never overwrite a newer one.
 */
export class LatestRequest {
  #newest = 0;

  /** Starts a request; the returned check says whether it is still the newest. */
  start(): () => boolean {
    const ticket = ++this.#newest;
    return () => ticket === this.#newest;
  }
}
