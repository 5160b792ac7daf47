import type { RunEvent } from '../worker/api';
import type { ClockResume } from './lib/run-clock-words';

/** How often the running time ticks on screen (and in the tab's title). */
const TICK_MS = 1_000;

/**
 * A run's running time as the page shows it: the clock the time budget counts on (the worker's
 * wall time of the run, a resumed run's time before its pause included, time paused not), ticked
 * on in the page between the worker's readings, and frozen at the run's end.
 */
export class RunClock {
  /** The worker's wall time at its last reading, and the page's clock then. */
  private anchor = $state.raw<{ wallMs: number; at: number } | null>(null);
  private now = $state(0);
  private ticking = $state(false);
  /** The running time at the run's end (null while it runs, or when it ended without saying). */
  private final = $state<number | null>(null);
  /**
   * The run shown was resumed: its running time goes on from its last checkpoint (null: it was
   * not resumed).
   */
  resumed = $state.raw<ClockResume | null>(null);
  /** The run started in this page continues one that stopped inside a phase (see start). */
  private cutOff = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** The running time now; null until the run has said when it started. */
  elapsedMs = $derived.by(() => {
    if (!this.ticking) return this.final;
    if (this.anchor === null) return null;
    return this.anchor.wallMs + Math.max(0, this.now - this.anchor.at);
  });

  /** Whether the time goes on (a run is going on in this page and has started). */
  get live(): boolean {
    return this.ticking && this.anchor !== null;
  }

  /**
   * A run starts or resumes in this page: tick until it ends. `cutOff`: it continues a run that
   * stopped inside a phase, which it runs again (the worker's event cannot tell).
   */
  start(cutOff = false): void {
    this.stopTicking();
    this.cutOff = cutOff;
    this.final = null;
    this.anchor = null;
    this.ticking = true;
    this.now = this.clock();
    this.timer = setInterval(() => (this.now = this.clock()), TICK_MS);
  }

  /** Reads the run's time from its events (a stored run's history too: its final time). */
  observe(events: readonly RunEvent[]): void {
    for (const e of events) {
      if (e.type === 'run-started') {
        this.resumed =
          e.resumedAtPhase === undefined
            ? null
            : { atPhase: e.resumedAtPhase, cutOff: this.cutOff };
        if (e.wallMs !== undefined) {
          this.now = this.clock();
          this.anchor = { wallMs: e.wallMs, at: this.now };
        }
      } else if (e.type === 'run-finished' && e.totals.wallMs !== undefined) {
        this.stopTicking();
        this.final = e.totals.wallMs;
      }
    }
  }

  /**
   * The run stopped. One that ended without its last event (an error, the worker gone) has no
   * running time the worker vouched for: none is shown rather than a guess.
   */
  stop(): void {
    this.stopTicking();
  }

  /** Nothing shown (a new run, another task). */
  reset(): void {
    this.stopTicking();
    this.final = null;
    this.anchor = null;
    this.resumed = null;
    this.cutOff = false;
  }

  private stopTicking(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.ticking = false;
  }
}
