import { beforeAll, describe, expect, it } from 'vitest';

type Check = () => Promise<string>;
type Watchdog = (env: unknown, options?: { graceMs?: number; updateWaitMs?: number }) => Check;

let watchdog: Watchdog;
beforeAll(async () => {
  // A plain script outside the bundle: it registers itself on globalThis (and, without a
  // document, does not start).
  // @ts-expect-error -- a classic script in public/, with no types
  await import('../../../public/startup-watchdog.js');
  watchdog = (globalThis as unknown as { copaStartupWatchdog: Watchdog }).copaStartupWatchdog;
});

class FakeWorker {
  messages: unknown[] = [];
  state = 'installed';
  private listeners: (() => void)[] = [];
  postMessage(m: unknown): void {
    this.messages.push(m);
  }
  addEventListener(_type: string, l: () => void): void {
    this.listeners.push(l);
  }
}

function env(opts: { mounted?: boolean; waiting?: FakeWorker | null; reloadedBefore?: boolean }) {
  const store = new Map<string, string>();
  if (opts.reloadedBefore) store.set('copa-watchdog-reloaded', '1');
  const controllerListeners: (() => void)[] = [];
  const registration = {
    waiting: opts.waiting ?? null,
    installing: null,
    update: async () => undefined,
    addEventListener: () => undefined,
  };
  const e = {
    reloads: 0,
    store,
    isMounted: () => opts.mounted ?? false,
    serviceWorker: {
      getRegistration: async () => registration,
      addEventListener: (_t: string, l: () => void) => controllerListeners.push(l),
    },
    storage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    },
    reload: () => e.reloads++,
    setTimeout: () => 0,
    onFailure: () => undefined,
    takeOver: () => controllerListeners.forEach((l) => l()),
  };
  return e;
}

describe('the start-up watchdog', () => {
  it('activates a waiting version and reloads once when the app did not mount', async () => {
    const waiting = new FakeWorker();
    const e = env({ waiting });
    expect(await watchdog(e, { updateWaitMs: 10 })()).toBe('activated');
    expect(waiting.messages).toEqual([{ type: 'SKIP_WAITING' }]);
    expect(e.reloads).toBe(0);
    e.takeOver();
    expect(e.reloads).toBe(1);
    expect(e.store.get('copa-watchdog-reloaded')).toBe('1');
  });

  it('does nothing when the app mounted, and clears the reload guard', async () => {
    const waiting = new FakeWorker();
    const e = env({ mounted: true, waiting, reloadedBefore: true });
    expect(await watchdog(e)()).toBe('mounted');
    expect(waiting.messages).toEqual([]);
    expect(e.store.has('copa-watchdog-reloaded')).toBe(false);
  });

  it('does not reload in a loop: after one reload it gives up', async () => {
    const waiting = new FakeWorker();
    const e = env({ waiting, reloadedBefore: true });
    expect(await watchdog(e)()).toBe('gave-up');
    expect(waiting.messages).toEqual([]);
  });

  it('leaves the page alone when no newer version exists', async () => {
    const e = env({ waiting: null });
    expect(await watchdog(e, { updateWaitMs: 10 })()).toBe('nothing-newer');
    e.takeOver();
    expect(e.reloads).toBe(0);
  });
});
