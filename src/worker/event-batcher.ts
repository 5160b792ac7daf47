/**
 * Collects items and hands them on in batches, at most one batch per `intervalMs`, so a fast
 * run does not flood the main thread with messages. `flush` sends what is left.
 */
export class EventBatcher<T> {
  private pending: T[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (batch: T[]) => void,
    private readonly intervalMs = 50,
  ) {}

  push(item: T): void {
    this.pending.push(item);
    if (this.timer === null) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.send(batch);
  }
}
