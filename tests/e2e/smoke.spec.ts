import { expect, test } from '@playwright/test';

test('the app loads, shows its main screen and logs no console errors', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'COPA Playground' })).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
  // The build it is (written in at build time), for bug reports and run reports alike.
  await expect(page.getByTestId('app-build')).toHaveText(
    /^Version \d+\.\d+\.\d+(\+[0-9a-f]{7,})?$/,
  );
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});
