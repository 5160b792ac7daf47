/*
 * COPA Playground's start-up watchdog. A plain script outside the app's bundle, so that it runs
 * even when the bundle is broken: if the app has not mounted a while after the page loaded (or
 * a script failed), it looks for a newer version of the app that the service worker holds back
 * (the "prompt" update mode keeps a new version waiting until the user clicks "Reload to
 * update", which a page that fails to mount cannot show), activates it and reloads the page,
 * once. Without a waiting version it asks the server for one first. It never reloads twice in a
 * row, so a version that is broken for good is not reloaded in a loop.
 */
(function (root) {
  'use strict';

  var RELOADED_KEY = 'copa-watchdog-reloaded';

  /**
   * env: { isMounted(): boolean, serviceWorker: ServiceWorkerContainer | undefined,
   *        storage: Storage | undefined, reload(): void, setTimeout, onFailure(listener) }
   * Returns a function that runs the check now (what the timer or a script error calls).
   */
  function startupWatchdog(env, options) {
    var graceMs = (options && options.graceMs) || 10000;
    var updateWaitMs = (options && options.updateWaitMs) || 10000;
    var checked = false;

    function reloadedBefore() {
      try {
        return env.storage ? env.storage.getItem(RELOADED_KEY) === '1' : true;
      } catch {
        return true;
      }
    }
    function markReloaded(value) {
      try {
        if (!env.storage) return;
        if (value) env.storage.setItem(RELOADED_KEY, '1');
        else env.storage.removeItem(RELOADED_KEY);
      } catch {
        // Storage refused: without the guard, do not reload at all (see reloadedBefore).
      }
    }

    /** Resolves with the waiting service worker, asking the server for a new version if needed. */
    function waitingWorker(registration) {
      if (registration.waiting) return Promise.resolve(registration.waiting);
      return new Promise(function (resolve) {
        var done = false;
        function finish(worker) {
          if (done) return;
          done = true;
          resolve(worker);
        }
        env.setTimeout(function () {
          finish(registration.waiting || null);
        }, updateWaitMs);
        registration.addEventListener('updatefound', function () {
          var installing = registration.installing;
          if (!installing) return;
          installing.addEventListener('statechange', function () {
            if (installing.state === 'installed') finish(installing);
            if (installing.state === 'redundant') finish(null);
          });
        });
        Promise.resolve(registration.update()).then(
          function () {
            if (!registration.installing) finish(registration.waiting || null);
          },
          function () {
            finish(null);
          },
        );
      });
    }

    function check() {
      if (checked) return Promise.resolve('already-checked');
      checked = true;
      if (env.isMounted()) {
        markReloaded(false);
        return Promise.resolve('mounted');
      }
      if (!env.serviceWorker || reloadedBefore()) return Promise.resolve('gave-up');
      return env.serviceWorker.getRegistration().then(function (registration) {
        if (!registration) return 'no-service-worker';
        return waitingWorker(registration).then(function (waiting) {
          if (!waiting || env.isMounted()) return 'nothing-newer';
          markReloaded(true);
          env.serviceWorker.addEventListener('controllerchange', function () {
            env.reload();
          });
          // The app's service worker (workbox, "prompt" mode) activates on this message.
          waiting.postMessage({ type: 'SKIP_WAITING' });
          return 'activated';
        });
      });
    }

    env.setTimeout(check, graceMs);
    // A script that fails to load or throws at start-up: check soon, not after the full grace.
    env.onFailure(function () {
      env.setTimeout(check, 2000);
    });
    return check;
  }

  root.copaStartupWatchdog = startupWatchdog;

  if (typeof document !== 'undefined' && typeof window !== 'undefined') {
    startupWatchdog({
      isMounted: function () {
        var app = document.getElementById('app');
        return !!app && app.hasAttribute('data-mounted');
      },
      serviceWorker: 'serviceWorker' in navigator ? navigator.serviceWorker : undefined,
      storage: (function () {
        try {
          return window.sessionStorage;
        } catch {
          return undefined;
        }
      })(),
      reload: function () {
        window.location.reload();
      },
      setTimeout: function (fn, ms) {
        return window.setTimeout(fn, ms);
      },
      onFailure: function (listener) {
        // Capture: a <script> that fails to load fires `error` on itself, not on window.
        window.addEventListener('error', listener, true);
      },
    });
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
