import { expect, test } from '@playwright/test';
import { longTasks, recordLongTasks } from './long-tasks';
import { intents } from './own-data-files';
import { openScreen } from './screens';
import { openWithStandIn } from './storage-helpers';

// Trace snapshots serialize the DOM on the main thread; this measures the app, not the tracer.
test.use({ trace: 'off' });

test('importing a 5,000-row, 77-label file, a run on it and its results make no main-thread task over 50 ms', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openWithStandIn(page);
  await page.goto('/#/data');
  const importer = page.getByTestId('data-import');
  await expect(importer.getByTestId('target-fields')).toContainText('ticket');
  // The file is made in the page before recording: Playwright's setInputFiles decodes a file
  // on the page's main thread (a 300 kB file alone makes a 230 ms task on a bare page), which
  // would be measured as the app's. Handing the made file to the input costs nothing.
  await page.evaluate((text) => {
    const w = window as unknown as { __file: File };
    w.__file = new File([text], 'big_intents.csv', { type: 'text/csv' });
  }, intents(65));
  await recordLongTasks(page);
  await importer.getByLabel('Data file').evaluate((input: HTMLInputElement) => {
    const files = new DataTransfer();
    files.items.add((window as unknown as { __file: File }).__file);
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(importer.getByTestId('label-preview')).toContainText('77 labels', {
    timeout: 30_000,
  });
  await expect(importer.getByTestId('rows-note')).toContainText('1,000 of 5,005 rows');
  await importer.getByRole('button', { name: 'Import dataset' }).click();
  await expect(importer.getByTestId('import-result')).toContainText('Saved', { timeout: 30_000 });
  const afterImport = (await longTasks(page)).filter((d) => d > 50);
  expect(afterImport).toEqual([]);

  // A run on that data, then its results. The screens are opened through the page's own
  // navigation (a reload would end the recording).
  await openScreen(page, 'Optimize');
  const data = page.getByRole('combobox', { name: 'Data', exact: true });
  const value = await data.locator('option', { hasText: 'big intents' }).getAttribute('value');
  await data.selectOption(value ?? '');
  await page.getByLabel('Cycles').fill('1');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 150_000 });
  await openScreen(page, 'Results');
  await page.getByRole('button', { name: /Evaluate baseline and optimized/ }).click();
  await expect(page.getByTestId('results-table')).toBeVisible({ timeout: 60_000 });
  const over = (await longTasks(page)).filter((d) => d > 50);
  expect(over).toEqual([]);
});
