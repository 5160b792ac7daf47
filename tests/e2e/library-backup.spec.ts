import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { noSeriousA11yProblems, openScreen } from './screens';
import { openWithStandIn, storedRecords } from './storage-helpers';
import { TICKETS_CSV } from './own-data-files';

/** Imports the tickets as "My tickets" on the Data screen and optimizes a program on them. */
async function saveDatasetAndRun(page: Page): Promise<void> {
  await openWithStandIn(page);
  await page.goto('/#/data');
  const importer = page.getByTestId('data-import');
  await expect(importer.getByTestId('target-fields')).toContainText('ticket');
  await importer
    .getByLabel('Data file')
    .setInputFiles({ name: 'tickets.csv', mimeType: 'text/csv', buffer: Buffer.from(TICKETS_CSV) });
  await importer.getByLabel('Column for ticket').selectOption('text');
  await importer.getByLabel('Column for department').selectOption('label');
  await importer.getByLabel('Dataset name').fill('My tickets');
  await importer.getByRole('button', { name: 'Import dataset' }).click();
  await expect(importer.getByTestId('import-result')).toContainText('Saved “My tickets”');
  await openScreen(page, 'Library');
  await page.getByRole('button', { name: 'Optimize with My tickets' }).click();
  await page.getByLabel('Cycles').fill('1');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
}

/** The names the Library lists, collection by collection. */
async function listedNames(page: Page): Promise<Record<string, string[]>> {
  const names = async (testid: string, item: string): Promise<string[]> =>
    (await page.getByTestId(testid).locator(`li ${item}`).allInnerTexts()).sort();
  return {
    datasets: await names('saved-datasets', 'strong'),
    programs: await names('saved-programs', 'strong'),
    runs: await names('past-runs', 'bdi'),
  };
}

test('a backup of the Library restores it in another browser profile, once', async ({
  page,
  browser,
}) => {
  await saveDatasetAndRun(page);
  await openScreen(page, 'Library');
  await expect(page.getByTestId('saved-programs')).toContainText('My tickets');
  const before = await listedNames(page);
  expect(before.datasets).toEqual(['My tickets']);
  expect(before.runs).toEqual(['My tickets']);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download a backup' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^copa-library-\d{4}-\d{2}-\d{2}\.json$/);
  // Picked again under the name it was saved with, as a user would pick it.
  const backupFile = {
    name: download.suggestedFilename(),
    mimeType: 'application/json',
    buffer: readFileSync((await download.path())!),
  };
  const file = JSON.parse(backupFile.buffer.toString('utf8')) as Record<string, unknown[]>;
  expect(file).toMatchObject({ format: 'copa-playground-library', version: 1 });
  const notice = page.getByTestId('backup-notice');
  await expect(notice).toContainText(`Saved ${download.suggestedFilename()} (`);
  await expect(notice).toContainText('with 1 dataset, 1 program and 1 run.');
  // What the site uses stays in the browser; the file is saved outside it.
  await expect(notice).toContainText(/This site uses [\d.]+ [kMG]B of the browser's storage/);
  await expect(page.getByTestId('storage-usage')).toContainText(
    /Using [\d.]+ [kMG]B of [\d.]+ [kMG]B available, [\d.]+ [kMG]B left \(the browser's estimates\)/,
  );
  await noSeriousA11yProblems(page, 'library (backup saved)');

  // Another profile: what a user sees after clearing the site's data or changing browser.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(new URL('/#/library', page.url()).href);
  await expect(fresh.getByTestId('saved-datasets')).toContainText('No datasets imported');
  const restoreInput = fresh.getByLabel('Restore from a backup…');
  await restoreInput.setInputFiles(backupFile);
  await expect(fresh.getByTestId('backup-notice')).toContainText(
    'Restored 1 dataset, 1 program and 1 run from',
  );
  // The storage it took: what the site used before the restore and now.
  await expect(fresh.getByTestId('backup-notice')).toContainText(
    /Storage used: [\d.]+ [kMG]B before, [\d.]+ [kMG]B now\./,
  );
  await expect(fresh.getByTestId('backup-too-big')).toHaveCount(0);
  await expect(fresh.getByTestId('saved-programs')).toContainText('My tickets');
  expect(await listedNames(fresh)).toEqual(before);
  // The restored run opens its results on the restored data.
  await fresh.getByRole('button', { name: 'Open results of My tickets' }).click();
  await expect(
    fresh.getByRole('button', { name: /Evaluate baseline and optimized/ }),
  ).toBeVisible();
  await openScreen(fresh, 'Library');

  // The same file again adds nothing.
  await fresh.getByLabel('Restore from a backup…').setInputFiles(backupFile);
  await expect(fresh.getByTestId('backup-notice')).toContainText(
    'Nothing new in ' + download.suggestedFilename(),
  );
  expect(await listedNames(fresh)).toEqual(before);
  expect(await storedRecords(fresh, 'datasets')).toHaveLength(1);
  expect(await storedRecords(fresh, 'programs')).toHaveLength(1);
  expect(await storedRecords(fresh, 'runs')).toHaveLength(1);
  await other.close();
});

test('a file that is not a backup is refused with what it is, and nothing changes', async ({
  page,
}) => {
  await page.goto('/#/library');
  const dspy = readFileSync(
    fileURLToPath(new URL('../fixtures/dspy/bare-predict-3.0.json', import.meta.url)),
  );
  await page
    .getByLabel('Restore from a backup…')
    .setInputFiles({ name: 'program.json', mimeType: 'application/json', buffer: dspy });
  const error = page.getByTestId('backup-error');
  await expect(error).toContainText('LibraryBackupError');
  await expect(error).toContainText(
    'program.json is a DSPy program file, not a library backup: import it with “Import a program file” under Programs.',
  );
  await expect(error).toContainText('Nothing was restored.');
  await noSeriousA11yProblems(page, 'library (restore refused)');
  await page.getByLabel('Restore from a backup…').setInputFiles({
    name: 'copa-library-2025-01-01.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "copa-playground-library", "version": 1, "datasets": [{"id'),
  });
  await expect(error).toContainText('ends before its JSON is complete');
  expect(await storedRecords(page, 'datasets')).toEqual([]);
  expect(await storedRecords(page, 'programs')).toEqual([]);
});
