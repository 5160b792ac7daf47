import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { chooseStandIn } from './screens';

test('once saved, the app opens and runs COPA with no connection, and it never calls another host', async ({
  page,
  context,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
  const elsewhere: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && url.origin !== origin) elsewhere.push(request.url());
  });
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));

  await page.goto('/');
  await expect(page.getByTestId('offline-status')).toHaveAttribute('data-status', 'ready', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('offline-status')).toContainText('opens without a connection');

  await context.setOffline(true);
  const reloaded = await page.reload();
  // The page itself came from the service worker's store, not from the (now unreachable) server.
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(page.getByRole('heading', { name: 'COPA Playground' })).toBeVisible();

  await chooseStandIn(page);
  await page.getByLabel('Cycles').fill('1');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 30_000 });
  await expect(page.getByTestId('run-model')).toContainText('Stand-in results');

  expect(elsewhere).toEqual([]);
  expect(problems).toEqual([]);
});

test('when the service worker cannot be stored, the footer says the app needs a connection', async ({
  page,
}) => {
  // As in a private window that refuses service workers.
  await page.addInitScript(() => {
    navigator.serviceWorker.register = () =>
      Promise.reject(new DOMException('The operation is insecure.', 'SecurityError'));
  });
  await page.goto('/');
  const status = page.getByTestId('offline-status');
  await expect(status).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(status).toContainText('needs a connection to open');
  await expect(status).toContainText('The operation is insecure.');
  await expect(page.getByTestId('cost-estimate')).toContainText('model calls');
});

test('when the browser blocks service workers, the footer says so in words, not as a script error', async ({
  page,
}) => {
  // As a setting or an extension that blocks them: register() gives no registration.
  await page.addInitScript(() => {
    navigator.serviceWorker.register = () =>
      Promise.resolve(undefined as unknown as ServiceWorkerRegistration);
  });
  await page.goto('/');
  const status = page.getByTestId('offline-status');
  await expect(status).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(status).toContainText('needs a connection to open');
  await expect(status).toContainText('may block service workers');
  await expect(status).not.toContainText('Cannot read properties');
});

const SERVED_SW = fileURLToPath(new URL('../../dist/sw.js', import.meta.url));

for (const visit of ['the first visit', 'a later visit'] as const)
  test(`on ${visit}, a new version waits for the user and takes over after "Reload to update"`, async ({
    page,
  }) => {
    const original = readFileSync(SERVED_SW, 'utf8');
    await page.goto('/');
    const status = page.getByTestId('offline-status');
    await expect(status).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
    // A later visit starts under the service worker; the first one only came under it.
    if (visit === 'a later visit') {
      await page.reload();
      await expect(status).toHaveAttribute('data-status', 'ready');
    }
    try {
      // The server now has a different service worker: a new version of the app.
      writeFileSync(SERVED_SW, `${original}\n// a new version\n`);
      await page.evaluate(async () => {
        await (await navigator.serviceWorker.getRegistration())?.update();
      });
      await expect(status).toHaveAttribute('data-status', 'update', { timeout: 30_000 });
      await expect(status).toContainText('A new version of COPA Playground is ready');
      // It waits: the page keeps the version it has until the user asks.
      const waiting = await page.evaluate(
        async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null,
      );
      expect(waiting).toBe(true);
      const reloaded = page.waitForEvent('framenavigated');
      await page.getByRole('button', { name: 'Reload to update' }).click();
      await reloaded;
      await expect(status).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
      const active = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return {
          waiting: registration?.waiting ?? null,
          controlled: !!navigator.serviceWorker.controller,
        };
      });
      expect(active).toEqual({ waiting: null, controlled: true });
    } finally {
      writeFileSync(SERVED_SW, original);
    }
  });
