import { readFileSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { headerlessNews, intentPartsJson, intents } from './own-data-files';
import { noSeriousA11yProblems, openScreen, SCREENS_DIR } from './screens';
import { openWithStandIn } from './storage-helpers';

// Issue 14: a user's own data, first class. Each test imports a file through the real Data
// screen, runs COPA on it with the stand-in and checks that the task is the data's own: its
// labels stay labels (all of them in the program and the DSPy export), it carries the data's
// name, and Results show the comparison again after a reload. Screens are kept as artifacts at
// 1280 and 375 px and scanned by axe.

/**
 * The screen at 1280 and at 375 px wide: no sideways scrolling at the phone's width, and, when
 * SCREENS_DIR is set, a full-page screenshot at each width kept there (as the walkthrough's)
 * and attached to the test's report.
 */
async function shotBoth(page: Page, info: TestInfo, name: string): Promise<void> {
  const slug = info.title.slice(2, 20).replace(/[^a-z0-9]+/gi, '-');
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 });
    if (SCREENS_DIR) {
      const path = `${SCREENS_DIR}/own-data-${slug}-${name}-${width}.png`;
      await page.screenshot({ path, fullPage: true });
      await info.attach(`${name}-${width}`, { path, contentType: 'image/png' });
    }
    // No sideways scrolling at a phone's width.
    if (width === 375)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        375,
      );
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function importFile(page: Page, name: string, text: string): Promise<void> {
  await openWithStandIn(page);
  await page.goto('/#/data');
  const importer = page.getByTestId('data-import');
  await expect(importer.getByTestId('target-fields')).toContainText('ticket');
  await importer
    .getByLabel('Data file')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(importer.getByTestId('import-preview')).toBeVisible();
}

/** Runs one cycle on the chosen data, evaluates on Results, reloads and finds it again. */
async function runAndKeepResults(page: Page, info: TestInfo, datasetName: string): Promise<void> {
  await openScreen(page, 'Optimize');
  const data = page.getByRole('combobox', { name: 'Data', exact: true });
  const value = await data.locator('option', { hasText: datasetName }).getAttribute('value');
  await data.selectOption(value ?? '');
  await expect(page.getByTestId('task-description')).toContainText(datasetName);
  await expect(page.getByTestId('task-description')).not.toContainText(/department|ticket/i);
  // Start run is in view at once, before the settings, on a desktop and on a phone.
  await expect(page.getByRole('button', { name: 'Start run' })).toBeInViewport();
  await page.setViewportSize({ width: 375, height: 800 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.getByRole('button', { name: 'Start run' })).toBeInViewport();
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByTestId('copa-intro')).toContainText('COPA improves');
  await page.getByLabel('Cycles').fill('1');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 90_000 });
  await shotBoth(page, info, 'optimize');
  await noSeriousA11yProblems(page, 'optimize');

  await openScreen(page, 'Results');
  await page.getByRole('button', { name: /Evaluate baseline and optimized/ }).click();
  await expect(page.getByTestId('paired-comparison')).toBeVisible({ timeout: 60_000 });
  const comparison = await page.getByTestId('paired-comparison').innerText();

  await page.reload();
  await openScreen(page, 'Results');
  // The same comparison, read back from the run, without evaluating again.
  await expect(page.getByTestId('paired-comparison')).toHaveText(comparison, { timeout: 15_000 });
  await expect(page.getByTestId('results-table')).toBeVisible();
  // The scores say how many examples they are over, not "(40/40)", which reads as 40 right.
  await expect(page.getByTestId('results-chart')).toContainText(/score on \d+ examples/);
  await expect(page.locator('table.summary')).not.toContainText(/\d+\/\d+/);
  // An answer cell reads "✓ field: answer" on one line: the template's own line break and
  // indentation between the mark and the answer are not shown.
  const firstRow = page.getByTestId('results-table').locator('tbody tr').first();
  for (const column of [3, 4])
    expect(await firstRow.locator('td').nth(column).innerText()).toMatch(/^[✓✗] \S[^\n]*$/);
  await shotBoth(page, info, 'results');
  await noSeriousA11yProblems(page, 'results');
  // Any finished run opens on Results from the Library.
  await openScreen(page, 'Library');
  // The run's program opens with the data's own task, not the built-in one it was made from.
  await expect(
    page.getByTestId('saved-programs').getByRole('button', { name: /^Open with/ }),
  ).toHaveText(`Open with ${datasetName}`);
  await page.getByRole('button', { name: `Open results of ${datasetName}` }).click();
  await expect(page.getByTestId('paired-comparison')).toHaveText(comparison);
  await openScreen(page, 'Try it');
  await expect(page.getByRole('radio', { name: /Optimized by COPA$/ })).toBeEnabled();
  await shotBoth(page, info, 'try');
}

/** The labels the Program screen shows for the output, one per line. */
async function programLabels(page: Page, datasetName: string): Promise<string[]> {
  await openScreen(page, 'Program');
  const box = page.getByLabel(/^Labels, one per line/).first();
  await expect(box).toBeVisible();
  // A copy kept in the Library is named after the data's task by default.
  await expect(page.getByLabel('Name in the Library')).toHaveAttribute(
    'placeholder',
    new RegExp(`^${datasetName} \\(edited`),
  );
  const labels = (await box.inputValue()).split('\n').filter((l) => l !== '');
  await shotBoth(page, test.info(), 'program');
  await noSeriousA11yProblems(page, 'program');
  return labels;
}

/** The exported DSPy JSON's label set for the output, and its file name. */
async function dspyExport(
  page: Page,
): Promise<{ fileName: string; labels: string[]; text: string }> {
  await openScreen(page, 'Results');
  // The DSPy export opens a panel first (how it loads, warnings, the Python), then downloads.
  await page.getByRole('button', { name: /^DSPy \(JSON \+ Python/ }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Download .*\.dspy\.json$/ }).click();
  const file = await downloading;
  const text = readFileSync((await file.path())!, 'utf8');
  const json = JSON.parse(text) as {
    metadata: {
      copa_playground: {
        predictors: Record<string, { outputs: { type: string; labels?: string[] }[] }>;
      };
    };
  };
  const predictors = Object.values(json.metadata.copa_playground.predictors);
  const output = predictors[0]?.outputs.find((o) => o.type === 'label');
  return { fileName: file.suggestedFilename(), labels: output?.labels ?? [], text };
}

test('a headerless 4-class CSV: first row read as data, labels kept, a task named after the file', async ({
  page,
}, info) => {
  test.setTimeout(240_000);
  await importFile(page, 'news_topics.csv', headerlessNews(200));
  const importer = page.getByTestId('data-import');
  // Detected as headerless: the first row is data and the columns are named col_1…
  await expect(importer.getByLabel('First row is data (the file has no header row)')).toBeChecked();
  await expect(importer.getByTestId('header-choice')).toContainText('is a number');
  await expect(importer.getByTestId('import-preview').locator('thead')).toContainText('col_1');
  await expect(importer.getByTestId('import-preview').locator('tbody tr').first()).toContainText(
    'world headline 0',
  );
  // The class column is guessed for the label output, with its counts.
  await expect(importer.getByLabel('Column for department')).toHaveValue('col_1');
  await expect(importer.getByTestId('label-preview')).toContainText('4 labels');
  await expect(importer.getByTestId('label-preview')).toContainText('50');
  await importer.getByLabel('Column for ticket').selectOption('col_3');
  await shotBoth(page, info, 'data');
  await noSeriousA11yProblems(page, 'data');
  await importer.getByRole('button', { name: 'Import dataset' }).click();
  await expect(importer.getByTestId('import-result')).toContainText('Saved “news topics”');

  await runAndKeepResults(page, info, 'news topics');
  expect((await programLabels(page, 'news topics')).sort()).toEqual(['1', '2', '3', '4']);
  const exported = await dspyExport(page);
  expect(exported.fileName).toMatch(/^news-topics/);
  expect(exported.labels.sort()).toEqual(['1', '2', '3', '4']);
  expect(exported.text).not.toMatch(/department|support ticket/i);
});

test('a split seed of 1e400, a blank row count or a 121-character name is refused beside its box, and nothing is imported until it is corrected', async ({
  page,
}) => {
  await importFile(page, 'news_topics.csv', headerlessNews(200));
  const importer = page.getByTestId('data-import');
  await importer.getByLabel('Column for ticket').selectOption('col_3');
  const importButton = importer.getByRole('button', { name: 'Import dataset' });
  await expect(importButton).toBeEnabled();

  // 1e400 is no number the browser can hold: it was sent as seed 0.
  const seed = importer.getByLabel('Split seed');
  await seed.fill('1e400');
  await expect(seed).toHaveAccessibleDescription(
    'Split seed must be a whole number from -2,147,483,648 to 4,294,967,295.',
  );
  await expect(seed).toHaveAttribute('aria-invalid', 'true');
  await expect(seed).toHaveValue('');
  await expect(importButton).toBeDisabled();
  await expect(importer.getByTestId('import-needs')).toContainText('Correct the split or the name');
  // A blank row count broke the note under the split (it read null) and was sent as 1,000.
  const rows = importer.getByLabel(/^Rows to keep/);
  await rows.fill('');
  await expect(rows).toHaveAccessibleDescription(
    /Rows to keep must be a whole number from 1 to 5,000/,
  );
  await expect(importer.getByTestId('rows-note')).toHaveCount(0);
  const name = importer.getByLabel("Dataset name (the task's too)");
  await name.fill('n'.repeat(121));
  await expect(name).toHaveAccessibleDescription(/shorten it to at most 120/);
  await noSeriousA11yProblems(page, 'data import with refused boxes');

  await seed.fill('7');
  await rows.fill('150');
  await name.fill('  News 📰 أخبار <b>topics</b>  ');
  await expect(importer.getByTestId('import-box-problem')).toHaveCount(0);
  await expect(importer.getByTestId('rows-note')).toContainText('150 of 200 rows will be kept');
  await importButton.click();
  await expect(importer.getByTestId('import-result')).toContainText(
    'Saved “News 📰 أخبار <b>topics</b>”',
  );
});

test('a training or validation share of 0 is refused beside its box; a test share of 0 imports, said under the split and on Results; a one-row file cannot start a run', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await importFile(page, 'news_topics.csv', headerlessNews(40));
  const importer = page.getByTestId('data-import');
  await importer.getByLabel('Column for ticket').selectOption('col_3');
  const importButton = importer.getByRole('button', { name: 'Import dataset' });
  const validation = importer.getByLabel('Validation %');
  // A run scored every candidate on no examples: each 0%, "no better than the start".
  await validation.fill('0');
  await expect(validation).toHaveAccessibleDescription(
    'Validation % must be above 0: COPA scores every candidate on the validation examples.',
  );
  await expect(validation).toHaveAttribute('aria-invalid', 'true');
  await expect(importButton).toBeDisabled();
  const training = importer.getByLabel('Training %');
  await validation.fill('30');
  await training.fill('0');
  await expect(training).toHaveAccessibleDescription(/^Training % must be above 0: COPA picks/);
  await expect(importButton).toBeDisabled();
  await training.fill('70');
  await importer.getByLabel('Test %').fill('0');
  await expect(importer.getByTestId('no-test-set')).toHaveText(
    'No test set: Results will have nothing to score.',
  );
  await expect(importer.getByTestId('import-box-problem')).toHaveCount(0);
  await noSeriousA11yProblems(page, 'data import without a test share');
  await importButton.click();
  await expect(importer.getByTestId('import-result')).toContainText(
    '28 training, 12 validation, 0 test examples',
  );

  // A run can start on it; Results says there is nothing to evaluate instead of scoring 0%.
  await openScreen(page, 'Optimize');
  const data = page.getByRole('combobox', { name: 'Data', exact: true });
  const chosen = async (name: string): Promise<void> => {
    const value = await data.locator('option', { hasText: name }).getAttribute('value');
    await data.selectOption(value ?? '');
    await expect(page.getByTestId('task-description')).toContainText(name);
  };
  await chosen('news topics');
  await expect(page.getByRole('button', { name: 'Start run' })).toBeEnabled();
  await expect(page.getByTestId('split-refused')).toHaveCount(0);
  await openScreen(page, 'Results');
  await expect(page.getByTestId('no-test-examples')).toContainText('no test examples');
  await expect(
    page.getByRole('button', { name: 'Evaluate the baseline on the test set' }),
  ).toBeDisabled();

  // One row: saved (with a notice), but the run is refused before Start with the reason.
  await page.goto('/#/data');
  await importer.getByLabel('Data file').setInputFiles({
    name: 'one_row.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(headerlessNews(1)),
  });
  await expect(importer.getByTestId('import-preview')).toBeVisible();
  await importer.getByLabel('First row is data (the file has no header row)').check();
  await importer.getByLabel('Column for department').selectOption('col_1');
  await importer.getByLabel('Column for ticket').selectOption('col_3');
  await importButton.click();
  await expect(importer.getByTestId('import-result')).toContainText(
    'This dataset has no validation examples',
  );
  await openScreen(page, 'Optimize');
  await chosen('one row');
  const start = page.getByRole('button', { name: 'Start run' });
  await expect(start).toBeDisabled();
  await expect(page.getByTestId('split-refused')).toContainText(
    'This dataset has no validation examples: COPA scores every candidate',
  );
  await expect(start).toHaveAccessibleDescription(/no validation examples/);
});

test('a 77-label CSV: every label stays a label in the program, the prompt rules and the DSPy export', async ({
  page,
}, info) => {
  test.setTimeout(240_000);
  await importFile(page, 'bank_intents.csv', intents(4));
  const importer = page.getByTestId('data-import');
  await expect(
    importer.getByLabel('First row is data (the file has no header row)'),
  ).not.toBeChecked();
  await importer.getByLabel('Column for ticket').selectOption('text');
  await importer.getByLabel('Column for department').selectOption('intent');
  await expect(importer.getByTestId('label-preview')).toContainText('77 labels');
  await importer.getByLabel('Find a label').fill('intent_7');
  await expect(importer.getByTestId('label-preview').locator('li')).toHaveCount(8);
  await importer.getByRole('button', { name: 'Import dataset' }).click();
  await expect(importer.getByTestId('import-result')).toContainText('Saved “bank intents”');
  await expect(importer.getByTestId('import-result')).not.toContainText('text field');

  await runAndKeepResults(page, info, 'bank intents');
  const labels = await programLabels(page, 'bank intents');
  expect(labels).toHaveLength(77);
  expect(new Set(labels)).toEqual(new Set(Array.from({ length: 77 }, (_, i) => `intent_${i}`)));
  // The label editor finds labels in a long list.
  await page.getByLabel('Find a label').first().fill('intent_76');
  await expect(page.getByText('1 of 77 match')).toBeVisible();
  // The rule that answers must be one of the labels lists them one a line, with their count.
  const allowed = page.getByTestId('constraint').getByLabel(/^Allowed values, one per line/);
  await expect(allowed).toHaveAccessibleName(/· 77 values$/);
  expect((await allowed.inputValue()).split('\n')).toHaveLength(77);
  const exported = await dspyExport(page);
  expect(exported.fileName).toMatch(/^bank-intents/);
  expect(exported.labels).toHaveLength(77);
  expect(exported.text).not.toMatch(/department|support ticket/i);
});

test("a JSON file of [text, intent] lists (CLINC150's layout): its columns are named at import and the program's fields take the names", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await importFile(page, 'data_full.json', intentPartsJson(10));
  const importer = page.getByTestId('data-import');
  const head = importer.getByTestId('import-preview').locator('thead');
  await expect(head).toContainText('col_1');
  // No header row to tick, yet the columns can be named, as a headerless CSV's.
  await expect(importer.getByTestId('header-choice')).toHaveCount(0);
  const names = importer.getByLabel(/^Column names, separated by commas/);
  await expect(names).toHaveAttribute('placeholder', 'col_1, col_2');
  // A name the app refuses is said, and nothing is named.
  await names.fill('text, __proto__');
  await names.press('Tab');
  await expect(importer.getByTestId('import-issues')).toContainText('“__proto__”, is reserved');
  await expect(head).toContainText('col_2');
  await names.fill('text, intent');
  await names.press('Tab');
  await expect(head.locator('th')).toHaveText(['Line', 'text', 'intent', 'split']);
  await expect(importer.getByTestId('import-issues')).toHaveCount(0);
  await expect(importer.getByLabel('Column for ticket')).toHaveValue('text');
  await expect(importer.getByLabel('Column for department')).toHaveValue('intent');
  await importer.getByRole('button', { name: 'Import dataset' }).click();
  await expect(importer.getByTestId('import-result')).toContainText(
    'Its program reads text and writes intent',
  );

  // The program made from the data: its fields and its instruction use the names given.
  await openScreen(page, 'Optimize');
  const data = page.getByRole('combobox', { name: 'Data', exact: true });
  const value = await data.locator('option', { hasText: 'data full' }).getAttribute('value');
  await data.selectOption(value ?? '');
  await openScreen(page, 'Program');
  const fieldNames = (group: string) =>
    page.getByRole('group', { name: group }).first().getByLabel('Name', { exact: true });
  await expect(fieldNames('Input fields')).toHaveValue('text');
  await expect(fieldNames('Output fields')).toHaveValue('intent');
  await expect(page.getByRole('textbox', { name: 'Instruction', exact: true }).first()).toHaveValue(
    'Given the fields `text`, produce the fields `intent`.',
  );
});
