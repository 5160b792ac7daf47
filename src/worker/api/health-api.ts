/** Whether the worker is alive: the page's heartbeat (see ../worker-watch.ts). */
export interface HealthApi {
  /** Answers at once with the worker's clock; a worker that is gone or stuck never answers. */
  ping(): Promise<number>;
}
