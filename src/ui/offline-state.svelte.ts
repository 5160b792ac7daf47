import { registerSW } from 'virtual:pwa-register';

/**
 * Where the app stands on keeping itself on this device (the service worker):
 * - `unsupported`: no service workers here (an insecure origin, or the dev server);
 * - `saving`: the first visit is storing the app;
 * - `ready`: it opens with no connection;
 * - `update`: a new version is stored and waits for a reload;
 * - `failed`: storing failed (message says why).
 */
export type OfflineStatus = 'unsupported' | 'saving' | 'ready' | 'update' | 'failed';

export class OfflineState {
  status = $state<OfflineStatus>('unsupported');
  message = $state('');
  private update: ((reload?: boolean) => Promise<void>) | null = null;

  /** Registers the service worker; only in a production build, where one is generated. */
  init(): void {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    this.status = navigator.serviceWorker.controller ? 'ready' : 'saving';
    this.update = registerSW({
      immediate: true,
      onOfflineReady: () => (this.status = 'ready'),
      onNeedRefresh: () => (this.status = 'update'),
      onRegisteredSW: (_url, registration) => {
        // A first install that fails (the connection dropped while storing) ends redundant.
        const installing = registration?.installing;
        installing?.addEventListener('statechange', () => {
          if (installing.state === 'redundant' && this.status === 'saving') {
            this.status = 'failed';
            this.message = 'storing the app was interrupted; it tries again on the next visit.';
          }
        });
      },
      onRegisterError: (error: unknown) => {
        this.status = 'failed';
        this.message = registerErrorWords(error);
      },
    });
  }

  /** Switches to the waiting version; the page reloads once it has taken over. */
  async reloadToUpdate(): Promise<void> {
    // workbox-window reloads by itself only when the page was already controlled when it
    // registered; a page from the very first visit is reloaded here instead.
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {
      once: true,
    });
    await this.update?.(true);
  }
}

/**
 * Why registering failed, in words a user can act on. The browser's own refusals are
 * DOMExceptions with a message of their own ("The operation is insecure." in a private window);
 * anything else is workbox tripping over a registration the browser did not make (service
 * workers blocked by a setting or an extension leave it undefined), whose message
 * ("Cannot read properties of undefined (reading 'waiting')") says nothing to a user.
 */
export function registerErrorWords(error: unknown): string {
  if (error instanceof DOMException && error.message) return error.message;
  return 'the browser did not register its offline copy; a setting or an extension may block service workers on this site';
}
