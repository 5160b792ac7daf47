import type { RunEvent, RunOutcome, TaskMetadata } from '../worker/api';
import type { CopaClient } from '../worker/client';
import { toShown, type EngineState, type ShownError } from './engine-state.svelte';

const KEEP_LINES = 200;

/** One COPA run on a built-in task, as the minimal run panel shows it. */
export class RunState {
  tasks = $state<TaskMetadata[]>([]);
  taskId = $state<string | null>(null);
  cycles = $state(3);
  running = $state(false);
  paused = $state(false);
  lines = $state<string[]>([]);
  eventCount = $state(0);
  baseline = $state<number | null>(null);
  best = $state<number | null>(null);
  outcome = $state<RunOutcome | null>(null);
  error = $state<ShownError | null>(null);
  /** The model label when the run started (stand-in results must say so). */
  modelLabel = $state('');
  standIn = $state(false);

  constructor(
    private readonly client: CopaClient,
    private readonly engine: EngineState,
  ) {}

  async init(): Promise<void> {
    try {
      this.tasks = await this.client.listTasks();
      this.taskId ??= this.tasks[0]?.id ?? null;
    } catch (err) {
      this.error = toShown(err);
    }
  }

  async start(): Promise<void> {
    const taskId = this.taskId;
    if (!taskId || this.running) return;
    this.reset();
    this.modelLabel = this.engine.status.label;
    this.standIn = this.engine.status.kind === 'standin';
    await this.drive(() =>
      this.client.startRun(
        { task: { kind: 'builtin', taskId }, config: { cycles: this.cycles } },
        (events) => this.take(events),
      ),
    );
  }

  async resume(): Promise<void> {
    if (this.running) return;
    this.paused = false;
    await this.drive(() => this.client.resumeRun((events) => this.take(events)));
  }

  async pause(): Promise<void> {
    await this.client.pauseRun();
  }

  async cancel(): Promise<void> {
    await this.client.cancelRun();
  }

  private reset(): void {
    this.lines = [];
    this.eventCount = 0;
    this.baseline = null;
    this.best = null;
    this.outcome = null;
    this.error = null;
    this.paused = false;
  }

  private async drive(call: () => Promise<RunOutcome>): Promise<void> {
    this.running = true;
    this.error = null;
    try {
      const outcome = await call();
      this.outcome = outcome;
      this.paused = outcome.status === 'paused' || outcome.status === 'engine-lost';
      if (outcome.status === 'engine-lost' && outcome.error) this.engine.engineLost(outcome.error);
      void this.engine.refreshUsage();
    } catch (err) {
      this.error = toShown(err);
    } finally {
      this.running = false;
    }
  }

  /** Events arrive in batches; the log keeps only recent lines so rendering stays cheap. */
  private take(events: RunEvent[]): void {
    const added: string[] = [];
    for (const e of events) {
      if (e.type === 'baseline') this.baseline = e.score;
      if (e.type === 'decision') this.best = e.score;
      if (e.type === 'run-finished') this.best = e.bestScore;
      const line = describeEvent(e);
      if (line) added.push(line);
    }
    this.eventCount += events.length;
    this.lines = [...this.lines, ...added].slice(-KEEP_LINES);
  }
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** A short sentence per event worth showing; null for chatty ones. */
export function describeEvent(e: RunEvent): string | null {
  switch (e.type) {
    case 'run-started':
      return `Run started (about ${e.estimate.lmCalls} model calls expected).`;
    case 'baseline':
      return `Baseline: ${pct(e.score)} on ${e.examples} validation examples.`;
    case 'phase-started':
      return `Cycle ${e.cycle + 1}: ${e.kind} phase started.`;
    case 'decision':
      return e.accepted
        ? `Accepted a new ${e.candidateId ?? 'candidate'}: ${pct(e.score)} (was ${pct(e.incumbentScore)}).`
        : `Kept the current program (${pct(e.incumbentScore)}): ${e.reason}`;
    case 'insight':
      return `Insight: ${e.text}`;
    case 'run-finished':
      return `Run finished (${e.reason}): best ${pct(e.bestScore)}, baseline ${pct(e.baselineScore)}.`;
    default:
      return null;
  }
}
