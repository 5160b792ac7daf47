import { describe, expect, it } from 'vitest';
import { withMemoryStorage } from '../helpers/memory-storage';
import {
  ScreenAwake,
  type PageVisibility,
  type ScreenLock,
  type ScreenLockApi,
} from '../../../src/ui/screen-awake.svelte';

/** A wake lock API that grants (or refuses) locks and can drop them as a hidden tab does. */
function fakeApi(refuse = false) {
  const locks: { released: boolean; onRelease: (() => void)[] }[] = [];
  const api: ScreenLockApi = {
    request: async () => {
      if (refuse) throw new DOMException('Wake Lock permission request denied', 'NotAllowedError');
      const lock = { released: false, onRelease: [] as (() => void)[] };
      locks.push(lock);
      const sentinel: ScreenLock = {
        get released() {
          return lock.released;
        },
        release: async () => {
          lock.released = true;
          lock.onRelease.forEach((f) => f());
        },
        addEventListener: (_type, f) => void lock.onRelease.push(f),
      };
      return sentinel;
    },
  };
  const held = () => locks.filter((l) => !l.released).length;
  const dropAll = () => {
    for (const l of locks.filter((x) => !x.released)) {
      l.released = true;
      l.onRelease.forEach((f) => f());
    }
  };
  return { api, locks, held, dropAll };
}

function fakePage() {
  let listener = () => {};
  const page = {
    visibilityState: 'visible' as DocumentVisibilityState,
    addEventListener: (_type: 'visibilitychange', f: () => void) => void (listener = f),
  };
  const set = (state: DocumentVisibilityState) => {
    page.visibilityState = state;
    listener();
  };
  return { page: page as PageVisibility, set };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('ScreenAwake', () => {
  withMemoryStorage();

  it('holds the lock while a run goes on, asks again when the tab shows again, lets go at the end', async () => {
    const lock = fakeApi();
    const tab = fakePage();
    const awake = new ScreenAwake(() => true, lock.api, tab.page);
    expect(awake.wanted).toBe(true);
    awake.runStarted();
    await settle();
    expect(lock.held()).toBe(1);
    expect(awake.state).toBe('held');
    // The browser drops the lock of a hidden tab; none is asked for while it is hidden.
    tab.set('hidden');
    lock.dropAll();
    await settle();
    expect(awake.state).toBe('off');
    expect(lock.locks).toHaveLength(1);
    tab.set('visible');
    await settle();
    expect(lock.held()).toBe(1);
    expect(lock.locks).toHaveLength(2);
    awake.runEnded();
    await settle();
    expect(lock.held()).toBe(0);
    expect(awake.state).toBe('off');
  });

  it('is off by default for the stand-in, and a choice is remembered over the default', async () => {
    const lock = fakeApi();
    const awake = new ScreenAwake(() => false, lock.api, fakePage().page);
    expect(awake.wanted).toBe(false);
    awake.runStarted();
    await settle();
    expect(lock.held()).toBe(0);
    // Ticked during the run: held at once; after a reload the choice holds.
    awake.choose(true);
    await settle();
    expect(lock.held()).toBe(1);
    expect(new ScreenAwake(() => false, lock.api, null).wanted).toBe(true);
    awake.choose(false);
    await settle();
    expect(lock.held()).toBe(0);
    expect(new ScreenAwake(() => true, lock.api, null).wanted).toBe(false);
  });

  it('says the browser refused, and says nothing of a browser without the API', async () => {
    const refused = new ScreenAwake(() => true, fakeApi(true).api, fakePage().page);
    refused.runStarted();
    await settle();
    expect(refused.state).toBe('refused');
    const without = new ScreenAwake(() => true, null, fakePage().page);
    expect(without.supported).toBe(false);
    without.runStarted();
    await settle();
    expect(without.state).toBe('off');
  });
});
