import type { DataIdentity } from '../../core/data-fingerprint';
import type { CopaResult } from '../../core/optimizers/copa';
import type { CopaCheckpoint } from '../../core/optimizers/checkpoint';
import type { CopaConfig } from '../../core/optimizers/copa-config';
import type { MetricId } from '../../core/metrics';
import type { RunEvent } from '../../core/optimizers/events';
import type { CurvePoint, PhaseRecord, StopReason } from '../../core/optimizers/records';
import type { ProgramState } from '../../core/program';
import type { ValidationSample } from '../../core/optimizers/selection-set';
import type { UsageTotals } from '../../core/usage';
import type { EngineStatus } from './engines-api';
import type { EvaluateSummary } from './evaluation-api';
import type { Listing } from './listing';
import type { AdapterName, TaskRef } from './tasks-api';

export type { RunEvent };

export interface RunRequest {
  task: TaskRef;
  /** Run a built-in task's program on this stored dataset's splits instead of the task's own. */
  datasetId?: string;
  adapter?: AdapterName;
  config?: Partial<CopaConfig>;
}

/** How a run ended. 'engine-lost': the GPU was lost; resume after loading a model again. */
export type RunStatus = 'finished' | 'paused' | 'cancelled' | 'engine-lost';

/** How many of a run's answers could be read, and how many could not (format not followed). */
export interface AnswerCount {
  read: number;
  unreadable: number;
}

export interface RunOutcome {
  status: RunStatus;
  stopReason: StopReason;
  result: CopaResult;
  /** Set when status is 'engine-lost'. */
  error?: { name: string; message: string };
  /** The model's answers this run could read and could not (this stretch, when resumed). */
  answers?: AnswerCount;
  /** The stored run (when storage is available) and the program a finished run saved. */
  runId?: string;
  programId?: string;
}

/** Run events arrive in small batches so the main thread handles few messages. */
export type EventsCallback = (events: RunEvent[]) => void;

export type StoredRunStatus = 'running' | 'paused' | 'finished' | 'failed' | 'cancelled';

export interface RunSummary {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  status: StoredRunStatus;
  /** Phases finished so far (0 before the baseline was scored). */
  checkpoints: number;
  lastCheckpointLabel?: string;
  bestScore?: number;
  /** Examples bestScore rests on when it is the start program's minibatch estimate. */
  bestExamples?: number;
  programId?: string;
  datasetId?: string;
  error?: { name: string; message: string };
  /** The model it ran with, as shown when it started (the stand-in labeled as such). */
  model?: string;
  /** Its seed: two runs of one task and model differ by it. */
  seed?: number;
}

/** Whether some tab holds the run lock, and whether it is this one. */
export interface RunLockState {
  busy: boolean;
  here: boolean;
}

/**
 * Everything a stored run did, in one plain-JSON document: who ran what on which data with
 * which settings, every phase's candidates, scores, decisions, insights and costs, and the
 * program it ended with. It is what someone needs to check or repeat a run elsewhere.
 */
export interface RunReport {
  format: 'copa-run-report';
  version: 1;
  name: string;
  status: StoredRunStatus;
  createdAt: string;
  updatedAt: string;
  model: EngineStatus & { standIn: boolean };
  /** The built-in task (or "custom"), and the stored dataset when the run used one. */
  dataset: { task: string; programEdited: boolean; id?: string; name?: string };
  /** The metric the run scored with (absent when its task is not known to this build). */
  metricId?: MetricId;
  /** The splits' sizes and fingerprint, taken when the run started (absent in older runs). */
  data?: DataIdentity;
  /** The app build that started the run (absent in runs stored before it was recorded). */
  appBuild?: string;
  settings: CopaConfig;
  baselineScore: number;
  /**
   * Examples baselineScore rests on, when fewer than the validation set (minibatch examples: a
   * candidate was clearly ahead of the start program, which was not scored in full); 0 when no
   * phase has scored it yet, so neither score means anything. Absent: the whole set.
   */
  baselineExamples?: number;
  bestScore: number;
  /**
   * Examples bestScore rests on when the run kept its start program, scored on minibatches only
   * (no candidate beat it). Absent: a full score.
   */
  bestExamples?: number;
  /** The sample of the validation set a tight budget had the run select on (absent: all of it). */
  selection?: ValidationSample;
  /** Why the run ended; null while it can still be resumed. */
  stopReason: StopReason | null;
  totals: UsageTotals;
  curve: CurvePoint[];
  phases: PhaseRecord[];
  program: ProgramState;
  /**
   * The test-set scores of the last before/after evaluation kept with the run (absent when none
   * was made): start program, the program found (null when only the start was scored).
   */
  evaluation?: {
    baseline: number;
    optimized: number | null;
    examples: number;
    evaluatedAt: string;
  };
  error?: { name: string; message: string };
}

/** A run's program before and after, scored on the test set (kept with the run). */
export interface RunEvaluation {
  baseline: EvaluateSummary;
  /** Null when only the baseline was scored. */
  optimized: EvaluateSummary | null;
  evaluatedAt: string;
}

/** What Results and Try it need of a stored run, to show it again after a reload. */
export interface StoredRunResults {
  runId: string;
  name: string;
  status: StoredRunStatus;
  /** The built-in task the run's program came from, and the stored dataset it ran on. */
  taskId?: string;
  datasetId?: string;
  model: EngineStatus & { standIn: boolean };
  /** The settings it was started with (what they leave out was COPA's default). */
  settings: Partial<CopaConfig>;
  /** The program the run started from (the baseline) and the best it found. */
  startProgram: ProgramState;
  bestProgram: ProgramState;
  /** The saved program a finished run produced (for exports). */
  programId?: string;
  baselineScore: number;
  bestScore: number;
  /** The last before/after evaluation on the test set, when one was made. */
  evaluation?: RunEvaluation;
  /**
   * What stopped it inside a phase: an error (status failed), or a lost engine (status paused;
   * a pause between phases has none).
   */
  error?: { name: string; message: string };
}

/** COPA runs: one at a time, with pause, resume and cancel; stored runs survive reloads. */
export interface RunsApi {
  startRun(request: RunRequest, onEvents: EventsCallback): Promise<RunOutcome>;
  /** Pauses at the end of the current phase. */
  pauseRun(): Promise<void>;
  resumeRun(onEvents: EventsCallback, checkpoint?: CopaCheckpoint): Promise<RunOutcome>;
  /** Stops scheduling and interrupts the generation in flight (and any evaluation). */
  cancelRun(): Promise<void>;
  listRuns(): Promise<Listing<RunSummary>>;
  deleteRun(id: string): Promise<void>;
  /**
   * Gives a stored run a new name (as renameProgram), also while it runs: the program it saves
   * when it finishes takes the new name.
   */
  renameRun(id: string, name: string): Promise<RunSummary>;
  /** Continues a stored run from its last checkpoint with the current model. */
  resumeStoredRun(runId: string, onEvents: EventsCallback): Promise<RunOutcome>;
  /** A stored run's finished phases retold as events, to show a past run as it happened. */
  storedRunHistory(runId: string): Promise<RunEvent[]>;
  /** Everything a stored run did, as one document (null before its baseline was scored). */
  runReport(runId: string): Promise<RunReport | null>;
  runLockState(): Promise<RunLockState>;
  /**
   * Whether a run started now is saved: false when the browser gives no storage (IndexedDB
   * missing, or refused as in some private windows); such a run goes on unsaved.
   */
  runsAreSaved(): Promise<boolean>;
  /** A stored run's programs and evaluation; without an id, the latest finished run's (or null). */
  storedRunResults(runId?: string): Promise<StoredRunResults | null>;
  /** Keeps a before/after evaluation with a stored run (dated now), for Results after a reload. */
  saveRunEvaluation(runId: string, evaluation: Omit<RunEvaluation, 'evaluatedAt'>): Promise<void>;
}
