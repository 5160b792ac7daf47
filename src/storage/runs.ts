import type { UseStore } from 'idb-keyval';
import type { JsonObject, JsonValue } from '../core/json';
import { RecordNotFoundError } from './errors';
import { openCollection, request, transaction } from './idb';
import {
  type RecordSchema,
  requireArray,
  requireObject,
  requireString,
  upgradeRecord,
} from './record-schema';
import { Repository } from './repository';

export type RunStatus = 'running' | 'paused' | 'finished' | 'failed' | 'cancelled';
const STATUSES: readonly string[] = ['running', 'paused', 'finished', 'failed', 'cancelled'];

/** The optimizer's state after a phase: opaque JSON to storage, handed back on resume. */
export interface RunCheckpoint {
  /** 0-based index of the phase that just ended. */
  phase: number;
  label: string;
  savedAt: string;
  state: JsonValue;
}

export interface RunRecord {
  schemaVersion: number;
  id: string;
  createdAt: string;
  updatedAt: string;
  status: RunStatus;
  /** Everything needed to start the run again (program, dataset id, model, seed, budgets...). */
  config: JsonObject;
  datasetId?: string;
  /** The saved program a finished run produced. */
  programId?: string;
  checkpoints: RunCheckpoint[];
  /** How many events are stored for this run (they live apart, see `events`). */
  eventCount: number;
  /**
   * The before/after evaluation on the test set last made for this run (opaque JSON to storage;
   * the worker checks it when reading), so Results survive a reload.
   */
  evaluation?: JsonObject;
  error?: { name: string; message: string };
}

export const RUN_SCHEMA_VERSION = 1;
/** Older checkpoints beyond this many are dropped; resuming needs only the last. */
export const KEPT_CHECKPOINTS = 20;

export const runSchema: RecordSchema<RunRecord> = {
  noun: 'run',
  version: RUN_SCHEMA_VERSION,
  migrations: {},
  validate(record, fail) {
    requireString(record, 'createdAt', fail);
    requireString(record, 'updatedAt', fail);
    if (!STATUSES.includes(String(record.status)))
      fail(`unknown status "${String(record.status)}"`);
    requireObject(record, 'config', fail);
    requireArray(record, 'checkpoints', fail);
    if (typeof record.eventCount !== 'number') fail('"eventCount" is not a number');
    if (record.evaluation !== undefined) requireObject(record, 'evaluation', fail);
    return record as unknown as RunRecord;
  },
};

/** Events of a run are stored in batches under array keys `[runId, firstIndex]`. */
function eventKeys(runId: string): IDBKeyRange {
  return IDBKeyRange.bound([runId], [runId, []]);
}

export interface NewRun {
  id: string;
  config: JsonObject;
  datasetId?: string;
  now?: Date;
}

/**
 * Runs with their checkpoints and event log. Every change to a run (status, checkpoint,
 * events) is one read-modify-write transaction of the runs store, so a crash leaves either the
 * old or the new state, never a mix.
 */
export class RunRepository extends Repository<RunRecord> {
  constructor(store: UseStore = openCollection('runs')) {
    super(store, runSchema);
  }

  /** Creates a run in status `running`. */
  async create(init: NewRun): Promise<RunRecord> {
    const now = (init.now ?? new Date()).toISOString();
    const record: RunRecord = {
      schemaVersion: RUN_SCHEMA_VERSION,
      id: init.id,
      createdAt: now,
      updatedAt: now,
      status: 'running',
      config: init.config,
      checkpoints: [],
      eventCount: 0,
      ...(init.datasetId ? { datasetId: init.datasetId } : {}),
    };
    await this.put(record);
    return record;
  }

  /** Appends a checkpoint (and the events of that phase) atomically. */
  async saveCheckpoint(
    runId: string,
    checkpoint: Omit<RunCheckpoint, 'savedAt'> & { savedAt?: string },
    events: JsonValue[] = [],
  ): Promise<RunRecord> {
    return this.change(runId, events, (r) => ({
      ...r,
      checkpoints: [
        ...r.checkpoints,
        { ...checkpoint, savedAt: checkpoint.savedAt ?? new Date().toISOString() },
      ].slice(-KEPT_CHECKPOINTS),
    }));
  }

  /**
   * Sets the status (with the error of a failed run or of one paused by a lost engine, or the
   * program of a finished one).
   */
  async setStatus(
    runId: string,
    status: RunStatus,
    extra: { error?: { name: string; message: string }; programId?: string } = {},
  ): Promise<RunRecord> {
    // A run going on again is no longer failed: its old error would be shown beside its end.
    return this.change(runId, [], ({ error, ...r }) => ({
      ...r,
      ...(status === 'failed' && error ? { error } : {}),
      status,
      ...extra,
    }));
  }

  /** Keeps the run's before/after evaluation (replacing an earlier one). */
  async setEvaluation(runId: string, evaluation: JsonObject): Promise<RunRecord> {
    return this.change(runId, [], (r) => ({ ...r, evaluation }));
  }

  async appendEvents(runId: string, events: JsonValue[]): Promise<RunRecord> {
    return this.change(runId, events, (r) => r);
  }

  /** The run's events in order, from index `from`. */
  async events(runId: string, from = 0): Promise<JsonValue[]> {
    const batches = await transaction(this.store, 'readonly', (s) =>
      request(s.getAll(eventKeys(runId))),
    );
    const all = batches.flatMap((b) => (Array.isArray(b) ? (b as JsonValue[]) : []));
    return all.slice(from);
  }

  /** The last checkpoint, or undefined before the first phase ended. */
  async lastCheckpoint(runId: string): Promise<RunCheckpoint | undefined> {
    const run = await this.get(runId);
    if (!run) throw new RecordNotFoundError('run', runId);
    return run.checkpoints[run.checkpoints.length - 1];
  }

  /**
   * Adds runs with their events in one transaction (all or none), each run's events as one
   * batch; like `addAll`, a stored id fails the write rather than being overwritten.
   */
  async addAllWithEvents(
    runs: readonly { record: RunRecord; events: JsonValue[] }[],
  ): Promise<void> {
    if (runs.length === 0) return;
    await transaction(this.store, 'readwrite', async (s) => {
      await Promise.all(
        runs.flatMap(({ record, events }) => [
          request(s.add(this.stamp({ ...record, eventCount: events.length }), record.id)),
          ...(events.length > 0 ? [request(s.add(structuredClone(events), [record.id, 0]))] : []),
        ]),
      );
    });
  }

  /** Deletes the run and its events together. */
  override async delete(id: string): Promise<void> {
    await transaction(this.store, 'readwrite', async (s) => {
      await request(s.delete(id));
      await request(s.delete(eventKeys(id)));
    });
  }

  private async change(
    runId: string,
    events: JsonValue[],
    update: (r: RunRecord) => RunRecord,
  ): Promise<RunRecord> {
    return transaction(this.store, 'readwrite', async (s) => {
      const raw: unknown = await request(s.get(runId));
      if (raw === undefined) throw new RecordNotFoundError('run', runId);
      const current = upgradeRecord(this.schema, runId, raw);
      const next: RunRecord = {
        ...update(current),
        eventCount: current.eventCount + events.length,
        updatedAt: new Date().toISOString(),
      };
      if (events.length > 0)
        s.put(structuredClone(events) as JsonValue[], [runId, current.eventCount]);
      await request(s.put(this.stamp(next), runId));
      return next;
    });
  }
}
