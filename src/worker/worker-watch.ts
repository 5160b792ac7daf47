import { WorkerGoneError } from './worker-gone';

export interface WorkerWatchOptions {
  /** Asks the worker for a sign of life (the HealthApi's ping through comlink). */
  ping: () => Promise<unknown>;
  /** The Worker, for its `error` and `messageerror` events (a crash while loading or running). */
  events?: EventTarget | undefined;
  /** How often to ping (default 3 s). */
  intervalMs?: number;
  /** How long a ping may go unanswered before the worker counts as gone (default 15 s). */
  deadAfterMs?: number;
  clock?: () => number;
}

/**
 * Notices a dead or hung worker: an `error` event, or a heartbeat ping left unanswered for
 * `deadAfterMs`. A worker that is terminated sends nothing at all, so the heartbeat is the only
 * way to notice it; the deadline is long because every long task in the worker yields (a run
 * answers a ping within milliseconds), while a hidden tab's timers may fire late.
 */
export class WorkerWatch {
  /** Set once the worker is gone; never cleared. */
  gone: WorkerGoneError | null = null;
  /** Rejects when the worker is gone; calls race against it. */
  readonly whenGone: Promise<never>;
  private rejectGone!: (err: WorkerGoneError) => void;
  private readonly listeners = new Set<(err: WorkerGoneError) => void>();
  private readonly timer: ReturnType<typeof setInterval>;
  private outstandingSince: number | null = null;
  private readonly clock: () => number;
  private readonly onError = (e: Event): void => {
    const message = (e as { message?: unknown }).message;
    const detail = typeof message === 'string' ? message : '';
    this.declareGone(new WorkerGoneError('crashed', detail));
  };

  constructor(private readonly opts: WorkerWatchOptions) {
    this.clock = opts.clock ?? (() => Date.now());
    this.whenGone = new Promise<never>((_, reject) => (this.rejectGone = reject));
    // Nobody may be racing it yet: an unobserved rejection is not an error here.
    this.whenGone.catch(() => undefined);
    opts.events?.addEventListener('error', this.onError);
    opts.events?.addEventListener('messageerror', this.onError);
    this.timer = setInterval(() => this.beat(), opts.intervalMs ?? 3_000);
  }

  /** Calls `listener` once when the worker is gone (at once if it already is); returns an unsubscribe. */
  onGone(listener: (err: WorkerGoneError) => void): () => void {
    if (this.gone) {
      listener(this.gone);
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    clearInterval(this.timer);
    this.opts.events?.removeEventListener('error', this.onError);
    this.opts.events?.removeEventListener('messageerror', this.onError);
  }

  private beat(): void {
    if (this.gone) return;
    const now = this.clock();
    if (this.outstandingSince !== null) {
      if (now - this.outstandingSince >= (this.opts.deadAfterMs ?? 15_000))
        this.declareGone(
          new WorkerGoneError(
            'unresponsive',
            `no answer for ${Math.round((now - this.outstandingSince) / 1000)} s`,
          ),
        );
      return;
    }
    this.outstandingSince = now;
    this.opts.ping().then(
      () => (this.outstandingSince = null),
      // A ping that fails still shows a living worker; a gone one never answers.
      () => (this.outstandingSince = null),
    );
  }

  private declareGone(err: WorkerGoneError): void {
    if (this.gone) return;
    this.gone = err;
    this.stop();
    this.rejectGone(err);
    for (const l of this.listeners) l(err);
    this.listeners.clear();
  }
}
