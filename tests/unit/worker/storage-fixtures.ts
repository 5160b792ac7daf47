import type { LanguageModel, LMRequest, LMResponse } from '../../../src/core/lm';
import { getTask } from '../../../src/tasks/index';
import { DatasetRepository } from '../../../src/storage/datasets';
import { IdbCacheStore } from '../../../src/storage/lm-cache-store';
import { ProgramRepository } from '../../../src/storage/programs';
import type { RunLockManager } from '../../../src/storage/run-lock';
import { RunRepository } from '../../../src/storage/runs';
import type { CopaWorkerApi, RunSummary } from '../../../src/worker/api';
import type { StorageDeps } from '../../../src/worker/storage-deps';
import { freshStore } from '../storage/test-stores';
import type { UseStore } from 'idb-keyval';

/** The raw stores of one browser profile; "tabs" open their repositories on them. */
export interface Profile {
  datasets: UseStore;
  programs: UseStore;
  runs: UseStore;
  cache: UseStore;
}

export function freshProfile(): Profile {
  return {
    datasets: freshStore('datasets'),
    programs: freshStore('programs'),
    runs: freshStore('runs'),
    cache: freshStore('lm-cache'),
  };
}

/** A LockManager shared by "tabs", with the Web Locks `ifAvailable` semantics. */
export function sharedLocks(): RunLockManager {
  const held = new Set<string>();
  return {
    async request(name, _options, callback) {
      if (held.has(name)) return callback(null);
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
    async query() {
      return { held: [...held].map((name) => ({ name })) };
    },
  };
}

/** The storage of one tab's worker over a profile: fresh repositories and cache index. */
export function tabStorage(profile: Profile, locks: RunLockManager = sharedLocks()): StorageDeps {
  let next = 0;
  return {
    datasets: new DatasetRepository(profile.datasets),
    programs: new ProgramRepository(profile.programs),
    runs: new RunRepository(profile.runs),
    lmCache: new IdbCacheStore({ store: profile.cache }),
    locks,
    estimator: { estimate: async () => ({ usage: 1000, quota: 2000, persisted: true }) },
    newId: () => `id-${++next}-${Math.random().toString(36).slice(2, 8)}`,
  };
}

/** A model that stops answering (never resolves) after `calls` calls: a tab that died mid-phase. */
export class DyingLM implements LanguageModel {
  readonly id: string;
  /** The inner model's: its answers are cached under the same keys as the inner model's. */
  readonly cacheIdentity: string | undefined;
  private count = 0;

  constructor(
    private readonly inner: LanguageModel,
    private readonly calls: number,
  ) {
    this.id = inner.id;
    this.cacheIdentity = inner.cacheIdentity;
  }

  complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    if (++this.count > this.calls) return new Promise<LMResponse>(() => undefined);
    return this.inner.complete(request, signal);
  }
}

/** A CSV of the ticket-routing task's examples (header `text,label`, not the field names). */
export function ticketCsv(rows = 40): string {
  const t = getTask('ticket-routing');
  const all = [...t.splits.train, ...t.splits.val].slice(0, rows);
  const quote = (v: unknown): string => `"${String(v).replace(/"/g, '""')}"`;
  return ['text,label', ...all.map((e) => `${quote(e.data.ticket)},${quote(e.data.department)}`)]
    .join('\r\n')
    .concat('\r\n');
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The runs a reload offers to resume: paused ones, and `running` ones whose tab died. */
export async function unfinishedRuns(service: CopaWorkerApi): Promise<RunSummary[]> {
  const { items } = await service.listRuns();
  return items.filter((r) => r.status === 'running' || r.status === 'paused');
}

/** A stored dataset's splits, read from the profile's store as another tab would. */
export async function storedSplits(profile: Profile, id: string) {
  const record = await new DatasetRepository(profile.datasets).get(id);
  if (!record) throw new Error(`No dataset ${id} in this profile.`);
  return record.splits;
}

/** The built-in task most worker tests run on. */
export const TICKET_TASK = { kind: 'builtin' as const, taskId: 'ticket-routing' };

/** Settings for a run that finishes in a second or two: one cycle, few candidates. */
export function smallRun(seed?: number) {
  return {
    cycles: 1,
    demoCandidates: 3,
    instructionCandidates: 2,
    minibatchSize: 10,
    ...(seed === undefined ? {} : { seed }),
  };
}
