import { expect, test, type Page } from '@playwright/test';
import { longTasks, recordLongTasks } from './long-tasks';

// Default flags: headless Chromium has no WebGPU adapter here. The app must say so, offer the
// stand-in, and run COPA with it in the worker without blocking the page.

async function chooseStandIn(page: Page, delayMs = 0): Promise<void> {
  await page.goto('/#/model');
  await expect(page.getByTestId('gpu-summary')).toBeVisible();
  if (delayMs > 0) await page.getByLabel('Simulated delay per call (ms)').fill(String(delayMs));
  await page.getByRole('button', { name: 'Use the stand-in model' }).click();
  await expect(page.getByTestId('engine-status')).toContainText('Stand-in model');
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('link', { name: 'Optimize' })
    .click();
}

test('without a GPU adapter the app reports it and offers the stand-in', async ({ page }) => {
  await page.goto('/#/model');
  const summary = page.getByTestId('gpu-summary');
  await expect(summary).toContainText('No usable GPU');
  const report = page.getByTestId('gpu-report');
  await expect(report).toContainText(/no GPU adapter is available|does not offer WebGPU/);
  await expect(page.getByText('No GPU here can run real models')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Use the stand-in model' })).toBeEnabled();
  await expect(page.getByTestId('no-real-models')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load model' })).toHaveCount(0);
});

test('a COPA run with the stand-in completes in the worker and is labeled as stand-in', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await chooseStandIn(page);
  await page.getByLabel('Cycles').fill('1');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 30_000 });
  await expect(page.getByTestId('run-model')).toContainText('Stand-in results');
  await expect(page.getByTestId('run-log')).toContainText('Baseline:');
  await expect(page.getByTestId('run-log')).toContainText('Run finished');
  expect(problems).toEqual([]);
});

test('during a stand-in run the main thread has no long task over 50 ms, and cancel stops the run within a second', async ({
  page,
}) => {
  await chooseStandIn(page, 5);
  await page.getByLabel('Cycles').fill('3');
  await recordLongTasks(page);
  // Clicked from inside the page so the test driver's own work does not land on the main thread.
  await page
    .getByRole('button', { name: 'Start run' })
    .evaluate((b) => (b as HTMLButtonElement).click());
  // Wait inside the page (no test-driver polling on the main thread while the run goes):
  // until a phase has started, then another 1.5 s with events flowing.
  const stillRunning = await page.getByTestId('run-log').evaluate(
    (log) =>
      new Promise<string>((resolve) => {
        const check = (): boolean => (log.textContent ?? '').includes('phase started');
        const later = (): void => {
          setTimeout(
            () => resolve(document.querySelector('[data-testid="run-status"]')?.textContent ?? ''),
            1500,
          );
        };
        if (check()) return later();
        const watch = new MutationObserver(() => {
          if (!check()) return;
          watch.disconnect();
          later();
        });
        watch.observe(log, { childList: true, subtree: true, characterData: true });
      }),
  );
  expect(stillRunning.trim()).toBe('Running…');
  // Measured in the page: from the cancel click to the status saying the run stopped.
  const cancelMs = await page.getByTestId('run-status').evaluate(
    (status) =>
      new Promise<number>((resolve) => {
        const cancel = [...document.querySelectorAll('button')].find(
          (b) => b.textContent?.trim() === 'Cancel run',
        );
        const began = performance.now();
        const watch = new MutationObserver(() => {
          if (status.textContent?.trim() !== 'Cancelled.') return;
          watch.disconnect();
          resolve(performance.now() - began);
        });
        watch.observe(status, { childList: true, characterData: true, subtree: true });
        cancel?.click();
      }),
  );
  expect(cancelMs).toBeLessThan(1000);
  await expect(page.getByTestId('run-log')).toContainText('Run finished (cancelled)');
  expect((await longTasks(page)).filter((d) => d > 50)).toEqual([]);
});
