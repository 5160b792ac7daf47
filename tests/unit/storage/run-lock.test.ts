import { describe, expect, it } from 'vitest';
import {
  isRunLockHeld,
  mayBeLive,
  withLiveRunMark,
  RUN_LOCK_NAME,
  type RunLockManager,
  withRunLock,
} from '../../../src/storage/run-lock';
import { RunBusyError } from '../../../src/storage/errors';

/** A LockManager shared by "tabs", with the Web Locks `ifAvailable` semantics. */
function sharedLocks(): RunLockManager {
  const held = new Set<string>();
  return {
    async request(name, options, callback) {
      if (held.has(name)) {
        if (options.ifAvailable) return callback(null);
        throw new Error('this fake only supports ifAvailable');
      }
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

describe('run lock', () => {
  it('a second run is refused with RunBusyError while the first holds the lock; free afterwards', async () => {
    const locks = sharedLocks();
    let release!: () => void;
    const first = withRunLock(() => new Promise<string>((r) => (release = () => r('done'))), locks);
    await Promise.resolve();
    expect(await isRunLockHeld(locks)).toBe(true);
    let secondRan = false;
    await expect(
      withRunLock(async () => {
        secondRan = true;
      }, locks),
    ).rejects.toBeInstanceOf(RunBusyError);
    expect(secondRan).toBe(false);
    release();
    expect(await first).toBe('done');
    expect(await isRunLockHeld(locks)).toBe(false);
    expect(await withRunLock(async () => 'again', locks)).toBe('again');
  });

  it('releases the lock when the run throws', async () => {
    const locks = sharedLocks();
    await expect(withRunLock(() => Promise.reject(new Error('boom')), locks)).rejects.toThrow(
      'boom',
    );
    expect(await isRunLockHeld(locks)).toBe(false);
  });

  it('without Web Locks (Node here) falls back to a lock for this tab', async () => {
    let inner: Promise<unknown> | undefined;
    await withRunLock(async () => {
      expect(await isRunLockHeld()).toBe(true);
      inner = withRunLock(async () => 'nested');
      await expect(inner).rejects.toBeInstanceOf(RunBusyError);
    });
    expect(await isRunLockHeld()).toBe(false);
    expect(RUN_LOCK_NAME).toBe('copa-playground-run');
  });

  it('a run is live only while its mark is held, or while a run without a mark goes on', async () => {
    const locks = sharedLocks();
    let release!: () => void;
    let marked!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    const started = new Promise<void>((r) => (marked = r));
    // Between taking the run lock and its mark, any running record may be the live one.
    const run = withRunLock(async () => {
      expect(await mayBeLive('other', locks)).toBe(true);
      await withLiveRunMark(
        'a',
        async () => {
          marked();
          await hold;
        },
        locks,
      );
    }, locks);
    await started;
    expect(await mayBeLive('a', locks)).toBe(true);
    expect(await mayBeLive('other', locks)).toBe(false);
    release();
    await run;
    expect(await mayBeLive('a', locks)).toBe(false);
  });
});
