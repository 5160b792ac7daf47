import { rememberedFlag, rememberSetting } from './lib/remembered-setting';

const KEY = 'keep-screen-on';

/** The part of the Screen Wake Lock API used (`navigator.wakeLock`). */
export interface ScreenLockApi {
  request(type: 'screen'): Promise<ScreenLock>;
}

/** A held lock (a WakeLockSentinel): the browser releases it by itself when the tab is hidden. */
export interface ScreenLock {
  readonly released: boolean;
  release(): Promise<void>;
  addEventListener(type: 'release', listener: () => void): void;
}

/** Whether the page is seen, and word when that changes (the document). */
export interface PageVisibility {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** 'held': the screen stays on; 'refused': the browser said no (battery saver, a policy). */
export type ScreenAwakeState = 'off' | 'held' | 'refused';

function browserLockApi(): ScreenLockApi | null {
  return globalThis.navigator?.wakeLock ?? null;
}

function browserPage(): PageVisibility | null {
  return typeof document === 'undefined' ? null : document;
}

/**
 * Keeps the screen on while a run goes on, when the user wants it: a laptop that sleeps
 * mid-run suspends the GPU and the run with it. The browser drops the lock whenever the tab is
 * hidden, so it is asked for again when the tab shows again; it is let go when the run ends or
 * pauses. Where the browser has no such lock or refuses it, the page says so (never an error).
 */
export class ScreenAwake {
  /** The user's choice, remembered; null: the default (on for a real model, off for the stand-in). */
  chosen = $state<boolean | null>(rememberedFlag(KEY));
  state = $state<ScreenAwakeState>('off');
  private running = false;
  private lock: ScreenLock | null = null;
  private asking = false;

  constructor(
    private readonly realModel: () => boolean,
    private readonly api: ScreenLockApi | null = browserLockApi(),
    private readonly page: PageVisibility | null = browserPage(),
  ) {
    page?.addEventListener('visibilitychange', () => void this.sync());
  }

  /** A run takes minutes on a real model (a screen that sleeps stops it), seconds on the stand-in. */
  get wanted(): boolean {
    return this.chosen ?? this.realModel();
  }

  /** Whether this browser can keep the screen on at all (a secure page with the API). */
  get supported(): boolean {
    return this.api !== null;
  }

  choose(on: boolean): void {
    this.chosen = on;
    rememberSetting(KEY, on);
    void this.sync();
  }

  runStarted(): void {
    this.running = true;
    if (this.state === 'refused') this.state = 'off';
    void this.sync();
  }

  runEnded(): void {
    this.running = false;
    void this.sync();
  }

  private async sync(): Promise<void> {
    if (!(this.running && this.wanted)) return this.letGo();
    if (!this.api || this.asking || (this.lock && !this.lock.released)) return;
    // The browser refuses a hidden tab: the lock is asked for when the tab shows again.
    if (this.page?.visibilityState !== 'visible') return;
    this.asking = true;
    try {
      const lock = await this.api.request('screen');
      if (!(this.running && this.wanted)) {
        await lock.release();
        return;
      }
      this.lock = lock;
      this.state = 'held';
      lock.addEventListener('release', () => {
        if (this.lock !== lock) return;
        this.lock = null;
        if (this.state === 'held') this.state = 'off';
      });
    } catch {
      this.state = 'refused';
    } finally {
      this.asking = false;
    }
  }

  private async letGo(): Promise<void> {
    const lock = this.lock;
    this.lock = null;
    if (this.state === 'held') this.state = 'off';
    await lock?.release().catch(() => undefined);
  }
}
