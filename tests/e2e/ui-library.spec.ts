import { expect, test, type Page } from '@playwright/test';
import { noSeriousA11yProblems, openScreen } from './screens';
import {
  openWithStandIn,
  runToFinish,
  storedRecords,
  twoFinishedRunsInLibrary,
} from './storage-helpers';

// The Library's own actions: renaming what is saved, comparing two runs, and a program opened
// from it for data whose labels it does not have.

/** Film reviews for the ticket router: their labels are positive and negative, not departments. */
const REVIEWS = [
  'text,label',
  ...Array.from({ length: 24 }, (_, i) =>
    i % 2 === 0
      ? `"A wonderful, moving film (${i})",positive`
      : `"Dull and far too long (${i})",negative`,
  ),
].join('\n');

async function importReviews(page: Page): Promise<void> {
  await page.goto('/#/data');
  const importer = page.getByTestId('data-import');
  await importer
    .getByLabel('Data file')
    .setInputFiles({ name: 'reviews.csv', mimeType: 'text/csv', buffer: Buffer.from(REVIEWS) });
  await importer.getByLabel('Column for ticket').selectOption('text');
  await importer.getByLabel('Column for department').selectOption('label');
  await importer.getByLabel("Use the file's column names in the prompt").setChecked(false);
  await importer.getByLabel('Dataset name').fill('Reviews');
  await importer.getByRole('button', { name: 'Import dataset' }).click();
  await expect(importer.getByTestId('import-result')).toContainText('Saved “Reviews”');
}

test('a program, a dataset and a run renamed in the Library keep the new name after a reload, everywhere', async ({
  page,
}) => {
  await openWithStandIn(page);
  await runToFinish(page, 1);
  await importReviews(page);
  await page.goto('/#/library');
  const programs = page.getByTestId('saved-programs');
  const [before] = await storedRecords<{ id: string; name: string; program: unknown }>(
    page,
    'programs',
  );

  // A blank or over-long name is explained and saves nothing; Escape gives up, focus goes back.
  const rename = programs.getByRole('button', { name: /^Rename program / });
  await rename.click();
  const field = programs.getByRole('textbox', { name: /^New name for the program/ });
  await expect(field).toBeFocused();
  await field.fill('   ');
  await expect(programs.getByTestId('rename-field')).toContainText('cannot be empty');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('x'.repeat(121));
  await expect(programs.getByTestId('rename-field')).toContainText('at most 120');
  await field.press('Escape');
  await expect(programs.getByRole('button', { name: /^Rename program / })).toBeFocused();
  expect((await storedRecords<{ name: string }>(page, 'programs'))[0]!.name).toBe(before!.name);

  await programs.getByRole('button', { name: /^Rename program / }).click();
  await field.fill('  Tuned router  ');
  await field.press('Enter');
  await expect(programs.getByRole('button', { name: 'Rename program Tuned router' })).toBeFocused();
  const notice = page.getByTestId('library-notice');
  await expect(notice).toHaveText(`Renamed the program “${before!.name}” to “Tuned router”.`);

  // Another rename begun: the notice of the last one goes (it stayed, over the next action).
  const datasets = page.getByTestId('saved-datasets');
  await datasets.getByRole('button', { name: 'Rename dataset Reviews' }).click();
  await expect(notice).toHaveCount(0);
  await datasets.getByRole('textbox', { name: /^New name for the dataset/ }).fill('Film reviews');
  await datasets.getByRole('button', { name: 'Save name' }).click();
  await expect(datasets).toContainText('Film reviews');

  const runs = page.getByTestId('past-runs');
  await runs.getByRole('button', { name: /^Rename run / }).click();
  await runs.getByRole('textbox', { name: /^New name for the run/ }).fill('First try');
  await runs.getByRole('button', { name: 'Save name' }).click();
  await expect(runs).toContainText('First try');

  await page.reload();
  await openScreen(page, 'Optimize');
  // The latest run comes back on Optimize under its new name; the data choice has the new name.
  await expect(page.getByTestId('run-status')).toContainText('Finished earlier: “First try”');
  await expect(page.getByRole('combobox', { name: 'Data', exact: true })).toContainText(
    'Film reviews',
  );
  await openScreen(page, 'Library');
  await expect(programs.locator(':scope > li')).toHaveCount(1);
  await expect(programs).toContainText('Tuned router');
  // Nothing but the name changed.
  const [after] = await storedRecords<{ id: string; name: string; program: unknown }>(
    page,
    'programs',
  );
  expect(after).toEqual({ ...before, name: 'Tuned router' });
  await noSeriousA11yProblems(page, 'library with renamed records');
});

test('two runs with different seeds are compared side by side, the differing rows marked', async ({
  page,
}) => {
  const runs = await twoFinishedRunsInLibrary(page);
  const ticks = runs.getByRole('checkbox', { name: /^Compare / });
  await expect(ticks).toHaveCount(2);
  // The two runs share their task's name; every button still tells a screen reader which run.
  for (const action of [
    /^Open results of /,
    /^Report \(JSON\) of /,
    /^Rename run /,
    /^Delete run /,
  ]) {
    const labels = await runs
      .getByRole('button', { name: action })
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
    expect(labels).toHaveLength(2);
    expect(new Set(labels).size).toBe(2);
  }
  await ticks.nth(0).check();
  await expect(page.getByTestId('run-comparison')).toHaveCount(0);
  await ticks.nth(1).check();
  const comparison = page.getByTestId('run-comparison');
  const table = comparison.getByRole('table', { name: /Run A and run B/ });
  const row = (label: string) =>
    table
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
  await expect(row('Seed')).toContainText('differs');
  await expect(row('Seed').getByRole('cell').nth(0)).toHaveText(/^[12]$/);
  await expect(row('Model')).toContainText('same');
  await expect(row('Cycles')).toContainText('same');
  await expect(row('Test, final program')).toContainText('not evaluated');
  await expect(comparison.getByTestId('comparison-instruction')).toHaveCount(1);
  await noSeriousA11yProblems(page, 'library comparing two runs');

  // On a phone the table fits without sideways scrolling, whole words in its cells, and the
  // verdict moves into the row header.
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(table.getByRole('rowheader', { name: 'Seed (differs)' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Same?' })).toBeHidden();
  const [scrollWidth, clientWidth] = await table.evaluate((t) => {
    const box = t.parentElement as HTMLElement;
    return [box.scrollWidth, box.clientWidth];
  });
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  await noSeriousA11yProblems(page, 'library comparing two runs on a phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  await comparison.getByRole('button', { name: 'Close the comparison' }).click();
  await expect(page.getByTestId('run-comparison')).toHaveCount(0);
  await expect(ticks.nth(0)).not.toBeChecked();
});

test('a program opened from the Library for data with other labels says so on the Program screen, and takes the data labels on request', async ({
  page,
}) => {
  await openWithStandIn(page);
  await openScreen(page, 'Program');
  // The ticket router's own program, kept in the Library without a run.
  await page.getByLabel('Name in the Library').fill('Ticket router');
  await page.getByRole('button', { name: 'Save to Library' }).click();
  await expect(page.getByTestId('program-in-library')).toContainText('Ticket router');
  await importReviews(page);
  await openScreen(page, 'Optimize');
  await page.getByRole('combobox', { name: 'Data', exact: true }).selectOption({ index: 1 });
  await expect(page.getByTestId('split-sizes')).toBeVisible();

  await openScreen(page, 'Library');
  await page.getByRole('button', { name: 'Open with Reviews: Ticket router' }).click();
  await expect(page.getByTestId('program-opened')).toContainText('Ticket router');
  // Renamed in the Library while it is open, it goes by the new name (as saved, trimmed) there.
  await openScreen(page, 'Library');
  const programs = page.getByTestId('saved-programs');
  await programs.getByRole('button', { name: 'Rename program Ticket router' }).click();
  await programs.getByRole('textbox', { name: /^New name for the program/ }).fill('  Router v2  ');
  await programs.getByRole('button', { name: 'Save name' }).click();
  await expect(programs).toContainText('Router v2');
  await openScreen(page, 'Program');
  await expect(page.getByTestId('program-opened')).toContainText(
    'Opened “Router v2” from the Library',
  );
  const note = page.getByTestId('program-label-mismatch');
  await expect(note).toContainText(
    '24 of 24 examples have a “department” the program cannot answer',
  );
  await expect(note).toContainText('the data uses negative, positive');
  await expect(note).toContainText('billing, technical, account, shipping, returns');
  await expect(note).toContainText('in no example of the data');
  await note.getByRole('button', { name: /Use the data's labels/ }).click();
  await expect(note).toHaveCount(0);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('program-saved')).toBeVisible();
  // Saved for the task, the program fits the data: Optimize has nothing to flag either.
  await openScreen(page, 'Optimize');
  await expect(page.getByTestId('label-mismatch')).toHaveCount(0);
});
