import type { HealthApi } from './api';

/** Answers the page's heartbeat; every long task in the worker yields, so it answers in time. */
export class HealthService implements HealthApi {
  async ping(): Promise<number> {
    return Date.now();
  }
}
