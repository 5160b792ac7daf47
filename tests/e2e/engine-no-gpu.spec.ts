import { expect, test } from '@playwright/test';
import { chooseStandIn } from './screens';

// Default flags: headless Chromium has no WebGPU adapter here. The app must say so, offer the
// stand-in, and run COPA with it in the worker without blocking the page.

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
