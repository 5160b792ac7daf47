import { RunBusyError } from './errors';

/** The Web Lock every optimization run holds, so only one runs at a time across tabs. */
export const RUN_LOCK_NAME = 'copa-playground-run';

/** The part of the Web Locks API used here (navigator.locks). */
export interface RunLockManager {
  request<T>(
    name: string,
    options: { ifAvailable: boolean },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

/** Fallback where Web Locks are missing (insecure context, old browser): this tab only. */
class InTabLocks implements RunLockManager {
  private readonly held = new Set<string>();

  async request<T>(
    name: string,
    _o: { ifAvailable: boolean },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T> {
    if (this.held.has(name)) return callback(null);
    this.held.add(name);
    try {
      return await callback({ name });
    } finally {
      this.held.delete(name);
    }
  }

  async query(): Promise<{ held: { name: string }[] }> {
    return { held: [...this.held].map((name) => ({ name })) };
  }
}

const inTab = new InTabLocks();

/** navigator.locks where there is one, else a lock that covers this tab only. */
export function defaultRunLocks(): RunLockManager {
  const nav = (globalThis as { navigator?: { locks?: RunLockManager } }).navigator;
  return nav?.locks ?? inTab;
}

/** Runs `fn` holding the run lock; throws RunBusyError at once if another run holds it. */
export async function withRunLock<T>(
  fn: () => Promise<T>,
  locks: RunLockManager = defaultRunLocks(),
): Promise<T> {
  return locks.request(RUN_LOCK_NAME, { ifAvailable: true }, async (lock) => {
    if (!lock) throw new RunBusyError();
    return fn();
  });
}

/** True while some tab (this one included) is running an optimization. */
export async function isRunLockHeld(locks: RunLockManager = defaultRunLocks()): Promise<boolean> {
  const state = await locks.query();
  return (state.held ?? []).some((l) => l.name === RUN_LOCK_NAME);
}

/**
 * The lock a stored run holds while it goes on, besides RUN_LOCK_NAME: it names which run is
 * live, so a run whose tab died (its record still says `running`) can be deleted while another
 * run goes on elsewhere.
 */
export function liveRunLockName(runId: string): string {
  return `${RUN_LOCK_NAME}:${runId}`;
}

/** Runs `fn` marking the stored run `runId` live (under the run lock, so never contended). */
export async function withLiveRunMark<T>(
  runId: string,
  fn: () => Promise<T>,
  locks: RunLockManager = defaultRunLocks(),
): Promise<T> {
  return locks.request(liveRunLockName(runId), { ifAvailable: true }, () => fn());
}

/**
 * Whether the stored run `runId` may be going on in some tab: it holds its mark, or a run goes
 * on that holds no mark yet (between taking the run lock and its mark, or a tab of an earlier
 * build), which might be this one.
 */
export async function mayBeLive(
  runId: string,
  locks: RunLockManager = defaultRunLocks(),
): Promise<boolean> {
  const names = ((await locks.query()).held ?? []).map((l) => l.name ?? '');
  if (!names.includes(RUN_LOCK_NAME)) return false;
  if (names.includes(liveRunLockName(runId))) return true;
  return !names.some((n) => n.startsWith(`${RUN_LOCK_NAME}:`));
}
