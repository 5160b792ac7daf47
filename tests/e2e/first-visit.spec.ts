import { expect, test } from '@playwright/test';
import { noSeriousA11yProblems, openScreen, wordsSplitAcrossLines } from './screens';
import { openWithStandIn, startRun, untilPhaseSaved } from './storage-helpers';

// What a first-time user meets on the ready example, read as words: the budget line after a run,
// the Results table on a phone, a run cut off by a reload.

test('the budget line after a run reads as a sentence, its numbers grouped', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('cost-estimate')).toContainText('model calls');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
  const line = page.getByTestId('budget-used').locator('label');
  // A space before each bracket, and thousands grouped as in the cost estimate above it.
  await expect(line).toHaveText(
    /^Budget used: [\d,]+ model calls \([\d,]+ more answered from the cache\), [\d,]+ tokens, of up to about \d{1,3},\d{3} estimated$/,
  );
  // With a call budget, the limit is named after the tokens, with its own comma.
  await page.getByLabel('Budget: max model calls (0 = none)').fill('1500');
  await page.getByLabel('Seed').fill('1');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
  await expect(line).toHaveText(/ tokens, of a limit of 1,500 calls$/);
});

test('on a phone the Results tables break lines between words, the examples scroll sideways from the keyboard too', async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/');
  await expect(page.getByTestId('cost-estimate')).toContainText('model calls');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
  await openScreen(page, 'Results');
  await page.getByRole('button', { name: /Evaluate baseline and optimized/ }).click();
  await expect(page.getByTestId('results-table')).toBeVisible({ timeout: 30_000 });
  // Wider than the phone: the Baseline and Optimized columns are reached by scrolling it.
  const region = page.getByRole('region', { name: 'Examples, baseline and optimized' });
  await expect(region).toHaveAttribute('tabindex', '0');
  // The scores' headings broke inside words ("Constrai nt"), and so did "Baseli ne" and "19. 0%":
  // a word whose letters lie on more than one line is split.
  const splitWords = await wordsSplitAcrossLines(page.locator('table.summary'));
  expect(splitWords).toEqual([]);
  // Without overflowing the page.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  // Scores by label: each of ticket routing's five departments, both programs, the weakest first.
  const byLabel = page.getByTestId('label-breakdown');
  await byLabel.getByText(/^Scores by label \(5 labels of “department”/).click();
  const rows = byLabel.locator('tbody tr');
  await expect(rows).toHaveCount(5);
  const optimized = await rows.evaluateAll((trs) =>
    trs.map((tr) => parseFloat(tr.querySelectorAll('td')[2]?.textContent ?? 'NaN')),
  );
  expect(optimized.every((x) => !Number.isNaN(x))).toBe(true);
  expect([...optimized].sort((a, b) => a - b)).toEqual(optimized);
  // Choosing the weakest label lists its examples alone, and the reader is taken to them.
  const weakest = rows.first().getByRole('button');
  const label = (await weakest.textContent())?.trim() ?? '';
  const count = Number(await rows.first().locator('td').first().textContent());
  await weakest.click();
  await expect(weakest).toHaveAttribute('aria-pressed', 'true');
  const matches = page.getByText(/ examples match \(label/);
  await expect(matches).toBeFocused();
  await expect(matches).toContainText(`${count} of 100 examples match (label “${label}” only)`);
  // The label's rows are built a few per task; the table is busy until they all are.
  await expect(page.getByTestId('results-table')).toHaveAttribute('aria-busy', 'false');
  const golds = await page
    .getByTestId('results-table')
    .locator('tbody tr td:nth-child(3)')
    .allTextContents();
  expect(golds.length).toBe(Math.min(count, 25));
  expect(golds.every((g) => g.trim() === `department: ${label}`)).toBe(true);
  await noSeriousA11yProblems(page, 'results on a phone');
  await page.getByRole('button', { name: "Show every label's examples" }).click();
  await expect(page.getByText(/^100 of 100 examples match/)).toBeVisible();
  await expect(weakest).toHaveAttribute('aria-pressed', 'false');
});

test('at 375 px a phase card shows its whole candidates table, scores read "16.0% on 25"', async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/');
  await expect(page.getByTestId('cost-estimate')).toContainText('model calls');
  await page.getByLabel('Cycles').fill('1');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
  const card = page.getByTestId('phase-card').first();
  // The Outcome column was cut off at the card's edge (its table 39 px wider than the card).
  const sizes = await card
    .locator('table')
    .evaluate((t) => ({ table: t.scrollWidth, room: t.parentElement?.clientWidth ?? 0 }));
  expect(sizes.table).toBeLessThanOrEqual(sizes.room);
  // Each outcome, often a sentence, reads under its candidate as wide as the card: in a fourth
  // column it was a word or two a line (a prompt phase's card 2,616 px tall).
  const outcome = card.locator('tr.outcome-row td').first();
  await expect(outcome).toContainText('Outcome:');
  await expect(card.getByRole('columnheader', { name: 'Outcome' })).toHaveCount(0);
  const outcomeShare = await outcome.evaluate(
    (cell) =>
      cell.getBoundingClientRect().width /
      (cell.closest('[data-testid="phase-card"]')?.getBoundingClientRect().width ?? 1),
  );
  expect(outcomeShare).toBeGreaterThan(0.8);
  // No score breaks before its "%" in the narrow score columns ("18.3 / %").
  const scores = await card.locator('tbody td:nth-child(2), tbody td:nth-child(3)').all();
  for (const cell of scores) expect(await wordsSplitAcrossLines(cell)).toEqual([]);
  // An opened demo set's demos and proposal's instruction span the card: in the Candidate column
  // they were a few words a line (a prompt phase's card 6,177 px tall with every proposal open).
  const prompt = page.getByTestId('phase-card').nth(1);
  await card.locator('table summary').first().click();
  await prompt.locator('table summary').first().click();
  for (const opened of [card.locator('table ol.demos'), prompt.locator('table .proposal')]) {
    const share = await opened.first().evaluate((box) => {
      const whole = box.closest('[data-testid="phase-card"]')?.getBoundingClientRect().width ?? 0;
      return box.getBoundingClientRect().width / whole;
    });
    expect(share).toBeGreaterThan(0.8);
  }
  // Read again after a reload, each minibatch score names its examples, after a space.
  await page.reload();
  await expect(page.getByTestId('run-status')).toContainText('Finished earlier');
  // An ended run's best is its result: shown again it said "best so far".
  await expect(page.getByTestId('run-scores')).toContainText(/· best \d/);
  await expect(page.getByTestId('run-scores')).not.toContainText('so far');
  await expect(card.locator('tbody')).toContainText(/\d% on \d+/);
  await noSeriousA11yProblems(page, 'phase cards on a phone');
  // On a wide screen the outcome is a column again, and said once.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(card.getByRole('columnheader', { name: 'Outcome' })).toBeVisible();
  await expect(card.locator('tr.outcome-row').first()).toBeHidden();
});

test('another task chosen after a run leaves that run behind: Results scores the new task, not the old programs on its data', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('cost-estimate')).toContainText('model calls');
  await page.getByLabel('Cycles').fill('1');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
  await page.getByLabel('Task').selectOption({ label: 'Date normalization' });
  await expect(page.getByTestId('run-status')).toHaveText('Not started.');
  await openScreen(page, 'Results');
  // The router's programs were scored on dates: 0% and 100 "The input "ticket" has no value".
  await page.getByRole('button', { name: 'Evaluate the baseline on the test set' }).click();
  await expect(page.getByTestId('results-table')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('results-table')).not.toContainText('has no value');
  // The run is still in the Library, and opening it brings back its task.
  await openScreen(page, 'Library');
  await page.getByRole('button', { name: /^Open results of/ }).click();
  await expect(page.getByRole('button', { name: /Evaluate baseline and optimized/ })).toBeVisible();
  await openScreen(page, 'Optimize');
  await expect(page.getByLabel('Task')).toHaveValue('ticket-routing');
});

test('after a reload cuts a run off, Optimize offers to resume it instead of saying "Not started"', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openWithStandIn(page, 'optimize', 15);
  await startRun(page, 2);
  await untilPhaseSaved(page);
  await page.reload();
  const notice = page.getByTestId('interrupted-run');
  await expect(notice).toContainText('A run of “Support ticket routing” was cut off', {
    timeout: 15_000,
  });
  await expect(notice).toContainText('done');
  await expect(page.getByTestId('run-status')).toHaveText(
    'Cut off before it finished (see above).',
  );
  await notice.getByRole('button', { name: 'Resume it' }).click();
  // The phases finished before the reload are on screen again: the sentence says so.
  await expect(page.getByTestId('resumed-from')).toContainText(
    'from its last saved phase: the phases it had finished are shown first, then the ones run since.',
  );
  await expect(page.getByTestId('phase-card').first()).toContainText('Cycle 1');
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 90_000 });
  const budgetBar = page.getByRole('progressbar', { name: /^Budget used/ });
  await expect(budgetBar).toHaveAttribute('max', /^\d+$/);
  // Finished: nothing is offered again after another reload.
  await page.reload();
  await expect(page.getByTestId('run-status')).toContainText('Finished earlier');
  await expect(notice).toHaveCount(0);
  // Shown again, the run has no estimate to measure its calls against: no bar full of its own
  // calls, which read as a budget spent.
  await expect(page.getByTestId('budget-used')).toContainText('model calls');
  await expect(budgetBar).toHaveCount(0);
  // Nor a label for a bar that is not there.
  await expect(page.getByTestId('budget-used').locator('label')).toHaveCount(0);
  // The run shown again keeps its report, as it was offered before the reload.
  const download = page.waitForEvent('download');
  await page.getByTestId('run-report').getByRole('button', { name: 'Markdown' }).click();
  expect((await download).suggestedFilename()).toMatch(/^copa-run-.*\.md$/);
  // A reload on Try it offers the run's optimized program first, as it did before the reload
  // (the screen opened before the run was read back, and kept the task's program).
  await openScreen(page, 'Try it');
  await page.reload();
  await expect(page.getByRole('radio', { name: /^Optimized by COPA$/ })).toBeChecked();
});

test('a finished run with every detail open passes axe, in the dark scheme too', async ({
  page,
}) => {
  // A run and two scans of a long page: ~25 s on two cores.
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await expect(page.getByTestId('cost-estimate')).toContainText('model calls');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
  // The event log (scrolled on its own) and each candidate's demos, as a curious user opens them.
  await page.getByText('Event log').click();
  await expect(page.getByTestId('run-log')).toBeVisible();
  for (const more of await page.getByTestId('phase-card').locator('details > summary').all())
    await more.click();
  await noSeriousA11yProblems(page, 'optimize, every detail open (light)');
  // The system turns dark while the page is open: the same page, every detail still open.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.getByTestId('run-log')).toBeVisible();
  await noSeriousA11yProblems(page, 'optimize, every detail open (dark)');
});
