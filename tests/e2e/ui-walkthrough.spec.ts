import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { noSeriousA11yProblems, openScreen, shot } from './screens';

// A new user's path through every screen with the stand-in (headless Chromium has no GPU):
// screenshots of each screen go to SCREENS_DIR when it is set, and each screen is scanned by axe.

test('a new user runs COPA on the ready example, pauses, resumes, reads results, tries it, edits the program, imports a CSV and finds it all in the Library after a reload', async ({
  page,
}) => {
  // ~70–90 s alone; on a loaded 2-core machine it has run past 120 s.
  test.setTimeout(180_000);
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));

  // Open: the ready example, with the stand-in labeled as such.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Optimize' })).toBeVisible();
  await expect(page.getByTestId('engine-offer')).toContainText('Model: stand-in (simulated)');
  await expect(page.getByLabel('Task')).toHaveValue(/.+/);
  await expect(page.getByTestId('cost-estimate')).toContainText('model calls');
  // Three cycles by default: what the first one costs, in calls and minutes, is said too.
  await expect(page.getByTestId('first-cycle-estimate')).toContainText(
    /first cycle[\s\S]*calls \(about \d+ min\)/,
  );
  await shot(page, 'optimize-ready');
  await noSeriousA11yProblems(page, 'optimize (ready)');

  // Step mode: the run pauses after the first phase, whose card is there to discuss.
  await page.getByLabel('Cycles').fill('2');
  await page.getByLabel(/Step mode/).check();
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Paused after a phase.', {
    timeout: 30_000,
  });
  const cards = page.getByTestId('phase-card');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('Compilation');
  await expect(cards.first()).toContainText('Handed to the next phase');
  // A demo-set candidate's demos can be read, rejected or not.
  const tried = cards
    .first()
    .getByText(/^\d+ demos? in this candidate$/)
    .first();
  await tried.click();
  await expect(cards.first().locator('details[open] ol.demos li').first()).toBeVisible();
  await expect(page.getByTestId('phase-decision')).toHaveCount(1);
  await expect(page.getByTestId('run-model')).toContainText('Stand-in results');
  await expect(page.getByTestId('score-chart')).toBeVisible();
  await expect(page.getByTestId('stop-reason')).toContainText('Paused after a phase');
  await shot(page, 'optimize-step-paused');
  await noSeriousA11yProblems(page, 'optimize (paused)');

  // Resume: the next phase appears (and step mode pauses again after it).
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(cards).toHaveCount(2, { timeout: 30_000 });
  await expect(cards.nth(1)).toContainText('Prompt (instruction)');
  await expect(page.getByTestId('run-status')).not.toHaveText('Running…', { timeout: 30_000 });
  // Resume until the run ends (converged, no change or all cycles done).
  for (let i = 0; i < 4; i++) {
    if (!(await page.getByRole('button', { name: 'Resume' }).isEnabled())) break;
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(page.getByTestId('run-status')).not.toHaveText('Running…', { timeout: 30_000 });
  }
  await expect(page.getByTestId('run-status')).toContainText('Finished');
  await expect(page.getByTestId('stop-reason')).toContainText('Why it stopped');
  await expect(page.getByTestId('budget-used')).toContainText('model calls');
  await shot(page, 'optimize-finished');
  // The run's report as JSON: one entry per phase card, with the settings it ran with.
  const savingReport = page.waitForEvent('download');
  await page.getByTestId('run-report').getByRole('button', { name: 'JSON' }).click();
  const reportFile = await savingReport;
  const runReport = JSON.parse(readFileSync((await reportFile.path())!, 'utf8')) as {
    format: string;
    phases: unknown[];
    settings: { cycles: number };
  };
  expect(runReport.format).toBe('copa-run-report');
  expect(runReport.phases).toHaveLength(await cards.count());
  expect(runReport.settings.cycles).toBe(2);
  await noSeriousA11yProblems(page, 'optimize (finished)');

  // Results: baseline against optimized on the test set, with filters.
  await openScreen(page, 'Results');
  await page.getByRole('button', { name: /Evaluate baseline and optimized/ }).click();
  await expect(page.getByTestId('results-table')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('results-chart')).toContainText('Optimized');
  // The gain is put in proportion: examples fixed and broken, and its standard error.
  await expect(page.getByTestId('paired-comparison')).toContainText(
    /On the same 100 test examples .* got \d+ right .* ± \d+\.\d points \(one standard error\)/s,
  );
  // The rows are built a few per task; the table is busy until they all are.
  const table = page.getByTestId('results-table');
  await expect(table).toHaveAttribute('aria-busy', 'false');
  const all = await table.locator('tbody tr').count();
  expect(all).toBeGreaterThan(0);
  await page.getByLabel('Wrong answers').check();
  await expect(table).toHaveAttribute('aria-busy', 'false');
  const wrong = await table.locator('tbody tr').count();
  expect(wrong).toBeLessThanOrEqual(all);
  await page.getByLabel('All', { exact: true }).check();
  // Export the optimized program as DSPy JSON: a file whose predictor has the optimized demos.
  await page.getByRole('button', { name: /^DSPy \(JSON \+ Python/ }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Download .*\.dspy\.json$/ }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/\.json$/);
  const exported = JSON.parse(readFileSync((await file.path())!, 'utf8')) as Record<
    string,
    unknown
  >;
  expect(Object.keys(exported).length).toBeGreaterThan(0);
  // Every example's comparison as CSV: a header and one line per example.
  const csvButton = page.getByRole('button', { name: /examples as CSV$/ });
  const examples = Number(/Save all (\d+) examples/.exec(await csvButton.innerText())?.[1]);
  expect(examples).toBeGreaterThanOrEqual(all);
  const savingCsv = page.waitForEvent('download');
  await csvButton.click();
  const csvFile = await savingCsv;
  expect(csvFile.suggestedFilename()).toBe('copa-results-support-ticket-routing.csv');
  const resultsTable = readFileSync((await csvFile.path())!, 'utf8');
  expect(resultsTable.split('\r\n')[0]).toBe(
    'example,input_ticket,expected_department,baseline_department,baseline_score,baseline_problem,optimized_department,optimized_score,optimized_problem',
  );
  expect(resultsTable.trim().split('\r\n')).toHaveLength(examples + 1);
  await shot(page, 'results');
  await noSeriousA11yProblems(page, 'results');

  // Try it: a test example's input, the answer and the exact prompt.
  await openScreen(page, 'Try it');
  await page.getByRole('button', { name: 'Example 1' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('try-answer')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('try-prompt').first()).toContainText('system');
  await shot(page, 'try-it');
  await noSeriousA11yProblems(page, 'try it');

  // Program: edit the instruction, save, and the Optimize screen says the program is edited.
  await openScreen(page, 'Program');
  const instruction = page.getByRole('textbox', { name: 'Instruction' }).first();
  await instruction.fill('Route the ticket to the one department that should handle it.');
  await page
    .getByLabel(/Chain of thought/)
    .first()
    .check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('program-saved')).toBeVisible();
  await shot(page, 'program');
  await noSeriousA11yProblems(page, 'program');
  await openScreen(page, 'Optimize');
  await expect(page.getByRole('link', { name: 'edited program' })).toBeVisible();

  // Data: import a CSV of the user's own tickets, mapped to the program's fields.
  await openScreen(page, 'Data');
  // Each built-in task names its metric as the Program screen lists it, not by its id.
  const ticketTask = page.getByRole('listitem').filter({ hasText: 'Support ticket routing' });
  await expect(ticketTask).toContainText('scored by Label match on “department”');
  const importer = page.getByTestId('data-import');
  const csv = [
    'text,label',
    ...Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0 ? `"Refund my order ${i}, please",billing` : `"The app crashes (${i})",technical`,
    ),
  ].join('\n');
  await importer
    .getByLabel('Data file')
    .setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(importer.getByTestId('import-preview')).toContainText('Refund my order');
  await importer.getByLabel('Column for ticket').selectOption('text');
  await importer.getByLabel('Column for department').selectOption('label');
  // Under the program's own field names (the edited program above reads "ticket").
  await importer.getByLabel("Use the file's column names in the prompt").uncheck();
  await importer.getByLabel('Dataset name').fill('My own tickets');
  await importer.getByRole('button', { name: 'Import dataset' }).click();
  await expect(importer.getByTestId('import-result')).toContainText('Saved “My own tickets”');

  for (const [label, file] of [
    ['Model', 'model'],
    ['Data', 'data'],
    ['Library', 'library'],
  ] as const) {
    await openScreen(page, label);
    await shot(page, file);
    await noSeriousA11yProblems(page, label);
  }

  // A glossary word opens its explanation in a dialog, closed with Escape.
  await openScreen(page, 'Optimize');
  await page.getByRole('button', { name: 'What is “Cycle”?' }).first().click();
  await expect(page.getByRole('dialog', { name: 'Cycle' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Cycle' })).toBeHidden();
  // The word's "?" comes right before the punctuation after it ("validation?,", not "? ,").
  expect(await page.getByTestId('split-sizes').innerText()).toMatch(/validation\?, /);

  // Choosing the imported data: the sizes and Try it's examples are the dataset's own.
  const dataChoice = page.getByRole('combobox', { name: 'Data', exact: true });
  const mine = dataChoice.locator('option', { hasText: 'My own tickets' });
  await dataChoice.selectOption((await mine.getAttribute('value')) ?? '');
  const sizes = page.getByTestId('split-sizes');
  await expect(sizes).not.toContainText('60 training');
  const counts = ((await sizes.textContent()) ?? '').match(/\d+/g)?.map(Number) ?? [];
  expect(counts.slice(0, 3).reduce((a, b) => a + b, 0)).toBe(12);
  await openScreen(page, 'Try it');
  await page.getByRole('button', { name: 'Example 1', exact: true }).click();
  await expect(page.getByRole('textbox', { name: /^ticket/ })).toHaveValue(
    /Refund my order|The app crashes/,
  );
  await openScreen(page, 'Optimize');
  await dataChoice.selectOption({ index: 0 });
  await expect(sizes).toContainText('60 training');

  // After a reload the finished run, its program and the imported dataset are in the Library.
  await page.reload();
  await openScreen(page, 'Library');
  await expect(page.getByTestId('past-runs')).toContainText(/finished .* best validation \d+\.\d%/);
  await expect(page.getByTestId('saved-programs')).toContainText('Support ticket routing');
  await expect(page.getByTestId('saved-datasets')).toContainText('My own tickets');
  // The run's answers are kept for the next run, and their size is shown (counts grouped as
  // numbers are, "20,000").
  await expect(page.getByTestId('cache-size')).toContainText(
    /answers: [1-9][\d,]* of at most \d{1,3}(,\d{3})+, .*\d+ (kB|MB)/,
  );
  // The past run's phases can be read again as they happened, with what each one changed.
  await page.getByTestId('past-runs').getByRole('button', { name: 'Show its phases' }).click();
  const history = page.getByTestId('run-history');
  await expect(history.getByTestId('phase-card').first()).toBeVisible();
  await expect(history.getByTestId('phase-decision').first()).toBeVisible();
  await expect(history).toContainText('at the start');
  await shot(page, 'library-run-history');
  await noSeriousA11yProblems(page, 'library with a run history');
  await page.getByRole('button', { name: 'Hide its phases' }).click();
  await expect(history).toHaveCount(0);
  // Its report: a Markdown file with the model, every phase and the program it ended with.
  const reporting = page.waitForEvent('download');
  await page
    .getByTestId('past-runs')
    .getByRole('button', { name: /^Report \(Markdown\) of / })
    .click();
  const report = await reporting;
  expect(report.suggestedFilename()).toMatch(/^copa-run-.*\.md$/);
  const markdown = readFileSync((await report.path())!, 'utf8');
  expect(markdown).toContain('# COPA run: Support ticket routing');
  expect(markdown).toContain('stand-in results');
  expect(markdown).toMatch(/## Phase 1 · cycle 1 · Compilation \(demos\)/);
  expect(markdown).toContain('### Step “route”');
  expect(problems).toEqual([]);
});

test('at 375 px wide the screens fit without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/');
  await expect(page.getByTestId('engine-offer')).toContainText('stand-in');
  await expect(page.getByTestId('cost-estimate')).toContainText('model calls');
  await shot(page, 'optimize-375px');
  for (const label of ['Optimize', 'Model', 'Data', 'Program', 'Results', 'Try it', 'Library']) {
    await openScreen(page, label);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${label} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});

test('the app follows the dark color scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.getByTestId('cost-estimate')).toContainText('model calls');
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(bg).toBe('rgb(20, 22, 26)');
  await shot(page, 'optimize-dark');
  await noSeriousA11yProblems(page, 'optimize (dark)');
});
