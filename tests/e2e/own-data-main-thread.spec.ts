import { expect, test } from '@playwright/test';
import { longTasks, recordLongTasks } from './long-tasks';
import { intents } from './own-data-files';
import { openWithStandIn } from './storage-helpers';

// Trace snapshots serialize the DOM on the main thread; this measures the app, not the tracer.
test.use({ trace: 'off' });

test('importing a 5,000-row, 77-label file makes no main-thread task over 50 ms', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openWithStandIn(page);
  await page.goto('/#/data');
  const importer = page.getByTestId('data-import');
  await expect(importer.getByTestId('target-fields')).toContainText('ticket');
  await recordLongTasks(page);
  await importer.getByLabel('Data file').setInputFiles({
    name: 'big_intents.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(intents(65)),
  });
  await expect(importer.getByTestId('label-preview')).toContainText('77 labels', {
    timeout: 30_000,
  });
  await expect(importer.getByTestId('rows-note')).toContainText('1,000 of 5,005 rows');
  await importer.getByRole('button', { name: 'Import dataset' }).click();
  await expect(importer.getByTestId('import-result')).toContainText('Saved', { timeout: 30_000 });
  const over = (await longTasks(page)).filter((d) => d > 50);
  expect(over).toEqual([]);
});
