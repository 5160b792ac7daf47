import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const SERVED_SW = fileURLToPath(new URL('../../dist/sw.js', import.meta.url));

test('a page that fails to mount activates the waiting version and reloads once', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const original = readFileSync(SERVED_SW, 'utf8');
  await page.goto('/');
  const status = page.getByTestId('offline-status');
  await expect(status).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await page.reload();
  await expect(status).toHaveAttribute('data-status', 'ready');
  try {
    // A fixed version is on the server; the service worker keeps it waiting ("prompt" mode).
    writeFileSync(SERVED_SW, `${original}\n// a fixed version\n`);
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await expect(status).toHaveAttribute('data-status', 'update', { timeout: 30_000 });

    // The version the page has now fails to mount, once (as a broken release would).
    await page.addInitScript(() => {
      if (sessionStorage.getItem('test-broken-once')) return;
      sessionStorage.setItem('test-broken-once', '1');
      const byId = document.getElementById.bind(document);
      document.getElementById = (id: string) => (id === 'app' ? null : byId(id));
    });
    let loads = 0;
    page.on('load', () => loads++);
    await page.reload();
    // It cannot show "Reload to update"; the watchdog activates the fixed version and reloads.
    await expect(page.getByRole('heading', { name: 'Optimize' })).toBeVisible({
      timeout: 30_000,
    });
    await expect(status).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
    const sw = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return {
        waiting: registration?.waiting ?? null,
        controlled: !!navigator.serviceWorker.controller,
      };
    });
    expect(sw).toEqual({ waiting: null, controlled: true });
    expect(loads).toBe(2);
  } finally {
    writeFileSync(SERVED_SW, original);
  }
});
