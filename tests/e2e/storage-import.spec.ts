import { expect, test, type Locator, type Page } from '@playwright/test';
import { openScreen } from './screens';
import { openWithStandIn, storedRecords } from './storage-helpers';
import { TICKETS_CSV } from './own-data-files';

/** The Data screen's importer, ready for a file (its target fields shown). */
async function dataImporter(page: Page): Promise<Locator> {
  await page.goto('/#/data');
  const importer = page.getByTestId('data-import');
  await expect(importer.getByTestId('target-fields')).toContainText('ticket');
  return importer;
}

/** Chooses a file of this text (or these bytes) in the importer. */
async function chooseFile(
  importer: Locator,
  name: string,
  content: string | Buffer,
  mimeType = 'text/csv',
): Promise<void> {
  const buffer = typeof content === 'string' ? Buffer.from(content) : content;
  await importer.getByLabel('Data file').setInputFiles({ name, mimeType, buffer });
}

test('a malformed CSV shows an error with its line number and saves nothing', async ({ page }) => {
  const importer = await dataImporter(page);
  const bad = 'text,label\n"fine",billing\n"too","many",values\n"ok",account\n';
  await chooseFile(importer, 'bad.csv', bad);
  await expect(importer.getByTestId('import-issues')).toContainText('line 3');
  await expect(importer.getByTestId('import-issues')).toContainText('3 values');
  // Importing anyway is refused as a whole, with the line again.
  await importer.getByLabel('Column for department').selectOption('label');
  await importer.getByLabel('Column for ticket').selectOption('text');
  await importer.getByRole('button', { name: 'Import dataset' }).press('Enter');
  await expect(importer.getByTestId('import-error')).toContainText('DatasetImportError');
  // Focus is back on the button pressed, not dropped to the page while the file was checked.
  await expect(importer.getByRole('button', { name: 'Import dataset' })).toBeFocused();
  await expect(importer.getByTestId('import-error')).toContainText('line 3');
  await expect(importer.getByTestId('import-error')).toContainText('nothing was saved');
  expect(await storedRecords(page, 'datasets')).toEqual([]);
  await page.goto('/#/library');
  await expect(page.getByTestId('saved-datasets')).toContainText('No datasets imported');
});

test('an imported dataset survives a page reload and feeds a run', async ({ page }) => {
  const importer = await dataImporter(page);
  await chooseFile(importer, 'tickets.csv', TICKETS_CSV);
  await expect(importer.getByTestId('import-preview')).toContainText('charged twice');
  await importer.getByLabel('Column for ticket').selectOption('text');
  await importer.getByLabel('Column for department').selectOption('label');
  await importer.getByLabel('Dataset name').fill('My tickets');
  await importer.getByRole('button', { name: 'Import dataset' }).click();
  await expect(importer.getByTestId('import-result')).toContainText('Saved “My tickets”');
  await page.reload();
  await page.goto('/#/library');
  await expect(page.getByTestId('saved-datasets')).toContainText('My tickets');
  await expect(page.getByTestId('saved-datasets')).toContainText('10/6/4');
  const records = await storedRecords<{ name: string; taskId: string }>(page, 'datasets');
  expect(records.map((r) => [r.name, r.taskId])).toEqual([['My tickets', 'ticket-routing']]);

  // The stored dataset feeds a run on Optimize; its program names the dataset.
  await openWithStandIn(page);
  await page.goto('/#/library');
  await page.getByRole('button', { name: 'Optimize with My tickets' }).click();
  await expect(page.getByRole('combobox', { name: 'Data', exact: true })).toHaveValue(/.+/);
  await expect(page.getByTestId('split-sizes')).toContainText('10 training, 6 validation');
  await page.getByLabel('Cycles').fill('1');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
  const programs = await storedRecords<{ provenance?: { datasetName?: string } }>(page, 'programs');
  expect(programs.map((p) => p.provenance?.datasetName)).toEqual(['My tickets']);
});

test('a CSV with a repeated or empty column name is reported, not a blank import form', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  const importer = await dataImporter(page);
  const csv = 'ticket,ticket,,\n"charged twice",billing,x,y\n"app crash",technical,x,y\n';
  await chooseFile(importer, 'twice.csv', csv);
  const issues = importer.getByTestId('import-issues');
  await expect(issues).toContainText('“ticket”: this column name appears twice');
  await expect(issues).toContainText('rename one of them');
  await expect(issues).toContainText('column 3 of the header has no name');
  // The preview still shows the file, every column of it.
  await expect(importer.getByTestId('import-preview').locator('thead th')).toHaveCount(5);
  expect(problems).toEqual([]);
});

test('a file with nothing to map says so, without an empty preview and import form', async ({
  page,
}) => {
  const importer = await dataImporter(page);
  for (const [name, text, problem] of [
    ['empty.csv', '', 'The file is empty.'],
    ['object.json', '{"ticket": "a", "department": "billing"}', 'JSON array of objects'],
  ] as const) {
    await chooseFile(importer, name, text, 'text/plain');
    await expect(importer.getByTestId('import-issues')).toContainText(problem);
    await expect(importer.getByTestId('import-preview')).toHaveCount(0);
    await expect(importer.getByRole('button', { name: 'Import dataset' })).toHaveCount(0);
  }
  // One label is counted as one, not "1 labels".
  await chooseFile(
    importer,
    'one.csv',
    'ticket,department\n"charged twice",billing\n"refund please",billing\n',
  );
  await expect(importer.getByTestId('label-preview')).toContainText('1 label in column');
  // A label column left blank (a file without its answers) is said to be empty, not free text.
  await chooseFile(
    importer,
    'unlabeled.csv',
    'ticket,department\n"charged twice",\n"app crash",\n',
  );
  await expect(importer.getByTestId('label-preview')).toContainText('empty in every row');
  await expect(importer.getByTestId('label-preview')).not.toContainText('too many');
});

test('deleting the dataset chosen on Optimize puts the built-in data back there', async ({
  page,
}) => {
  const importer = await dataImporter(page);
  await chooseFile(importer, 'tickets.csv', TICKETS_CSV);
  await importer.getByLabel('Column for ticket').selectOption('text');
  await importer.getByLabel('Column for department').selectOption('label');
  await importer.getByLabel('Dataset name').fill('My tickets');
  await importer.getByRole('button', { name: 'Import dataset' }).click();
  await expect(importer.getByTestId('import-result')).toContainText('Saved “My tickets”');
  await openScreen(page, 'Library');
  await page.getByRole('button', { name: 'Optimize with My tickets' }).click();
  await expect(page.getByTestId('split-sizes')).toContainText('10 training, 6 validation');
  await page.getByLabel('Cycles').fill('1');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });

  await openScreen(page, 'Library');
  const datasets = page.getByTestId('saved-datasets');
  await datasets.getByRole('button', { name: 'Delete dataset My tickets' }).click();
  // Before the delete, the confirm step says what the run made on this data will lose.
  const confirm = datasets.getByRole('button', { name: 'Confirm delete of My tickets' });
  await expect(confirm).toBeFocused();
  await expect(confirm).toHaveAccessibleDescription(
    /^1 run was made on this data: once it is deleted, the results of “.+” cannot be opened again\. Its report and its program stay\.$/,
  );
  await confirm.click();
  await expect(datasets).toContainText('No datasets imported.');
  // Optimize used to keep the deleted data: its sizes, and "No dataset … is stored" on Start.
  await openScreen(page, 'Optimize');
  await expect(page.getByTestId('split-sizes')).toContainText('60 training, 60 validation');
  await expect(page.getByRole('combobox', { name: 'Data', exact: true })).toHaveCount(0);
  await expect(page.getByText('RecordNotFoundError')).toHaveCount(0);
  // The run on that data keeps its report and program; Open results says why it shows nothing.
  // On a phone the run is far below the top of the Library, where its errors are said.
  await page.setViewportSize({ width: 375, height: 667 });
  await openScreen(page, 'Library');
  await page.getByRole('button', { name: 'Open results of My tickets' }).click();
  await expect(page.getByTestId('library-error')).toContainText(
    'cannot be shown again: the data it ran on is no longer stored',
  );
  // It was out of sight: the button seemed to do nothing.
  await expect(page.getByTestId('library-error')).toBeInViewport();
});

test('a file that is not UTF-8 is reported with its line and can be read as Latin-1', async ({
  page,
}) => {
  const importer = await dataImporter(page);
  const latin1 = Buffer.from('text,label\n"Le caf\xe9 est froid",returns\n', 'latin1');
  await chooseFile(importer, 'latin.csv', latin1);
  await expect(importer.getByTestId('import-error')).toContainText('NotUtf8Error');
  await expect(importer.getByTestId('import-error')).toContainText('line 2');
  await expect(importer.getByTestId('import-error')).toContainText(
    'choose Latin-1 under Text encoding',
  );
  await importer.getByLabel('Text encoding').selectOption('latin1');
  await expect(importer.getByTestId('import-preview')).toContainText('Le café est froid');
  await expect(importer.getByTestId('import-error')).toHaveCount(0);
});

test('a label column too long to rename says so, and a big file counts its rows with commas', async ({
  page,
}) => {
  const rows = Array.from(
    { length: 1400 },
    (_, i) => `"a question about topic ${i % 70}",t${i % 70}`,
  );
  const importer = await dataImporter(page);
  await chooseFile(importer, 'topics.csv', ['text,topic', ...rows].join('\n'));
  await expect(importer).toContainText('Preview (1,400 rows, CSV');
  await importer.getByLabel('Column for department').selectOption('topic');
  await expect(importer.getByTestId('label-preview')).toContainText('70 labels');
  await expect(importer.getByTestId('label-renames')).toHaveCount(0);
  await expect(importer.getByTestId('rename-limit')).toContainText(
    'at most 60; this one has 70 labels. To give them other names, change them in the file',
  );
});

/** Film reviews as CSV: `header` names the two columns, `labels` the positive and negative one. */
function reviewsCsv(header: string, [good, bad]: [string, string]): string {
  return [
    header,
    ...Array.from({ length: 24 }, (_, i) =>
      i % 2 === 0
        ? `"A wonderful, moving film (${i})",${good}`
        : `"Dull and far too long (${i})",${bad}`,
    ),
  ].join('\n');
}

/** Imports a reviews file for the ticket router on the Data screen, mapped as given. */
async function importReviews(
  page: Page,
  csv: string,
  columns: { ticket: string; department: string },
  useColumnNames = false,
): Promise<Locator> {
  await openWithStandIn(page);
  await page.goto('/#/data');
  const importer = page.getByTestId('data-import');
  await chooseFile(importer, 'reviews.csv', csv);
  await importer.getByLabel('Column for ticket').selectOption(columns.ticket);
  await importer.getByLabel('Column for department').selectOption(columns.department);
  // On by default: the task is made from the data.
  await importer.getByLabel("Use the file's column names in the prompt").setChecked(useColumnNames);
  await importer.getByLabel('Dataset name').fill('Reviews');
  await importer.getByRole('button', { name: 'Import dataset' }).click();
  const result = importer.getByTestId('import-result');
  await expect(result).toContainText('Saved “Reviews”');
  return result;
}

test('data labelled otherwise than the program is flagged on Optimize and one click adopts its labels', async ({
  page,
}) => {
  await importReviews(page, reviewsCsv('text,label', ['positive', 'negative']), {
    ticket: 'text',
    department: 'label',
  });

  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('link', { name: 'Optimize' })
    .click();
  await page.getByRole('combobox', { name: 'Data', exact: true }).selectOption({ index: 1 });
  const warning = page.getByTestId('label-mismatch');
  await expect(warning).toContainText(
    '24 of 24 examples have a “department” the program cannot answer',
  );
  await expect(warning).toContainText('the data uses negative, positive');
  await warning.getByRole('button', { name: /Use the data's labels/ }).click();
  await expect(warning).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'edited program' })).toBeVisible();
  await page.getByLabel('Cycles').fill('1');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
  // The run's program answers with the data's labels.
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('link', { name: 'Try it' })
    .click();
  await page.getByRole('button', { name: 'Example 1' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('try-answer')).toContainText(/positive|negative/, {
    timeout: 15_000,
  });
});

test("data imported with the file's column names runs with the program adapted to them", async ({
  page,
}) => {
  const result = await importReviews(
    page,
    reviewsCsv('review text,sentiment', ['pos', 'neg']),
    { ticket: 'review text', department: 'sentiment' },
    true,
  );
  await expect(result).toContainText('Its program reads review_text and writes sentiment');

  const nav = page.getByRole('navigation', { name: 'Screens' });
  await nav.getByRole('link', { name: 'Optimize' }).click();
  await page.getByRole('combobox', { name: 'Data', exact: true }).selectOption({ index: 1 });
  await expect(page.getByTestId('split-sizes')).toContainText('view the program');
  await nav.getByRole('link', { name: 'Try it' }).click();
  await page.getByRole('button', { name: 'Example 1' }).click();
  await expect(page.getByLabel('review_text')).toHaveValue(/film|long/);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('try-prompt').first()).toContainText('[[ ## review_text ## ]]', {
    timeout: 15_000,
  });
  await expect(page.getByTestId('try-prompt').first()).toContainText('one of: neg, pos');
  await nav.getByRole('link', { name: 'Optimize' }).click();
  await expect(page.getByTestId('label-mismatch')).toHaveCount(0);
  // Another task starts on its own examples (the dataset belongs to the ticket router).
  await page.getByRole('combobox', { name: 'Task' }).selectOption({ label: 'Date normalization' });
  await expect(page.getByTestId('split-sizes')).toContainText('60 training');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page
    .getByRole('combobox', { name: 'Task' })
    .selectOption({ label: 'Support ticket routing' });
  await page.getByRole('combobox', { name: 'Data', exact: true }).selectOption({ index: 1 });
  await page.getByLabel('Cycles').fill('1');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
  await expect(page.getByTestId('run-error')).toHaveCount(0);

  // Back on the task's own data, the task's own program returns.
  await page.getByRole('combobox', { name: 'Data', exact: true }).selectOption({ index: 0 });
  await nav.getByRole('link', { name: 'Try it' }).click();
  await page.getByLabel(/The task's program/).check();
  await expect(page.getByRole('textbox', { name: /^ticket/ })).toBeVisible();
});

test("a file of 'label text' lines (TREC's layout) is previewed and imported with its coarse class", async ({
  page,
}) => {
  const coarse = ['DESC:def', 'NUM:date', 'HUM:ind', 'LOC:city'];
  const lines = Array.from(
    { length: 24 },
    (_, i) => `${coarse[i % 4]} What question number ${i} asks about ${i % 4} ?`,
  );
  const importer = await dataImporter(page);
  // The file picker hides no file: an extension filter would hide TREC.train and stsa.binary.dev.
  await expect(importer.getByLabel('Data file')).not.toHaveAttribute('accept');
  await chooseFile(importer, 'TREC.sample', lines.join('\n'), 'text/plain');
  await expect(importer.getByTestId('import-issues')).toHaveCount(0);
  await expect(importer).toContainText('Preview (24 rows, a label and a text per line)');
  await importer.getByLabel('Column for ticket').selectOption('text');
  await importer.getByLabel('Column for department').selectOption('coarse_label');
  await expect(importer.getByTestId('label-preview')).toContainText('4 labels in column');
  // Codes get names a model can read; two given one name are merged into one label.
  await importer.getByText('Rename labels').click();
  await importer.getByLabel('New name for label NUM').fill('number');
  await importer.getByLabel('New name for label HUM').fill('person or place');
  await importer.getByLabel('New name for label LOC').fill('person or place');
  await expect(importer.getByTestId('label-preview')).toContainText('NUM → number');
  await expect(importer.getByLabel('Description')).toHaveValue(/one of 3 labels/);
  await importer.getByLabel('Dataset name').fill('Questions');
  await importer.getByRole('button', { name: 'Import dataset' }).click();
  await expect(importer.getByTestId('import-result')).toContainText('Saved “Questions”');
  // The program made from the data answers with the new names.
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await nav.getByRole('link', { name: 'Optimize' }).click();
  await page.getByRole('combobox', { name: 'Data', exact: true }).selectOption({ index: 1 });
  await nav.getByRole('link', { name: 'Try it' }).click();
  await page.getByRole('button', { name: 'Example 1' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('try-prompt').first()).toContainText(/one of: .*person or place/, {
    timeout: 15_000,
  });
  await expect(page.getByTestId('try-prompt').first()).not.toContainText('HUM');
});
