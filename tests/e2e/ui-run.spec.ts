import { expect, test } from '@playwright/test';
import { chooseStandIn } from './screens';

// The Optimize screen during a run: the Pause button stops the run after the phase in progress.
// (Responsiveness during a run: main-thread.spec.ts.)

test('Pause stops the run after the phase in progress, and Resume continues it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await chooseStandIn(page, 5);
  await page.getByLabel('Cycles').fill('3');
  // From the keyboard: each button disables itself, and focus goes on to the one that fits.
  await page.getByRole('button', { name: 'Start run' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeFocused();
  await expect(page.getByTestId('phase-card').first()).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  // Pause keeps the focus while the run pauses, marked unavailable: focus handed on to Cancel
  // run made a second Enter cancel the run.
  const pausing = page.getByRole('button', { name: 'Pausing…' });
  await expect(pausing).toBeFocused();
  await expect(pausing).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId('run-status')).toHaveText('Paused after a phase.', {
    timeout: 30_000,
  });
  await expect(page.getByRole('button', { name: 'Resume' })).toBeFocused();
  // A paused run can still find a better program; a finished one cannot.
  await expect(page.getByTestId('run-scores')).toContainText('best so far');
  // Someone in another tab sees the pause in this tab's title.
  await expect(page).toHaveTitle('Paused · COPA Playground');
  const cardsAtPause = await page.getByTestId('phase-card').count();
  // Its cached answers are not among its model calls, as the budget line says ("more").
  await expect(page.getByTestId('phase-card').first()).toContainText(
    /Cost: [\d,]+ model calls? \(estimated [\d,]+ before it began\), [\d,]+ more answered from the cache/,
  );
  // Every card on screen is a finished phase: the run stopped between phases.
  await expect(page.getByTestId('phase-decision')).toHaveCount(cardsAtPause);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeFocused();
  // The running time goes on from the pause, and says that the pause is not in it (and, paused
  // between phases, that no phase is run again).
  await expect(page.getByTestId('run-time')).toContainText(
    'Running time (resumed from the last finished phase; time paused not counted):',
  );
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Start run' })).toBeFocused();
  expect(await page.getByTestId('phase-card').count()).toBeGreaterThanOrEqual(cardsAtPause);
  await expect(page.getByTestId('stop-reason')).toContainText('Why it stopped');
  // Its best is the run's result now, not "so far".
  await expect(page.getByTestId('run-scores')).toContainText(/· best \d/);
  await expect(page.getByTestId('run-scores')).not.toContainText('so far');
});

test('a phase sized to fit the call budget says so on its card', async ({ page }) => {
  test.setTimeout(90_000);
  await chooseStandIn(page, 5);
  // Before Start: with two cycles and 200 calls, the first cycle alone is over the budget.
  await page.getByLabel('Cycles').fill('2');
  await page.getByLabel('Budget: max model calls (0 = none)').fill('200');
  await expect(page.getByTestId('first-cycle-estimate')).toContainText(
    'more than the budget allows',
  );
  // One cycle in 100 calls: the first phase is shrunk to fit and still cut short (it always
  // starts; a later phase the budget cannot finish is not, see the next test).
  await page.getByLabel('Cycles').fill('1');
  await page.getByLabel('Budget: max model calls (0 = none)').fill('100');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText(/Finished|budget/, {
    timeout: 60_000,
  });
  const fit = page.getByTestId('budget-fit').first();
  await expect(fit).toContainText('Sized to fit the calls left in the budget:');
  await expect(fit).toContainText(/demo sets instead of \d+/);
  // The phase the budget cut short: its candidates said "…" after the run had ended, and the
  // chart's axis stopped at the last finished phase, short of the calls the budget line gives.
  const cut = page.getByTestId('phase-card').filter({ hasText: 'stopped before it finished' });
  await expect(cut).toHaveCount(1);
  expect(await cut.locator('td.outcome').allInnerTexts()).not.toContain('…');
  await expect(cut.locator('td.outcome').filter({ hasText: /not decided|kept:/ })).not.toHaveCount(
    0,
  );
  const spent = /Budget used: ([\d,]+) model calls/.exec(
    await page.getByTestId('budget-used').innerText(),
  )?.[1];
  await expect(page.getByTestId('score-chart').locator('svg')).toHaveAttribute(
    'aria-label',
    new RegExp(`over ${spent} model calls, in \\d+ phases?\\.$`),
  );
});

test('a phase the budget left cannot finish is not started, and the run says why', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await chooseStandIn(page, 5);
  await page.getByLabel('Cycles').fill('1');
  await page.getByLabel('Budget: max model calls (0 = none)').fill('200');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished (budget reached).', {
    timeout: 60_000,
  });
  // The compilation phase finished; the prompt phase, too big for the calls left, never began.
  await expect(page.getByTestId('phase-card')).toHaveCount(1);
  await expect(page.getByTestId('phase-card')).not.toContainText('stopped before it finished');
  const why = page.getByTestId('stop-reason');
  await expect(why).toContainText(
    /\d+ model calls of the budget are left, too little for another prompt phase: at its smallest it needs about \d+/,
  );
  await expect(why).toContainText('Raise the call limit for a longer run.');
  const spent = /Budget used: ([\d,]+) model calls/.exec(
    await page.getByTestId('budget-used').innerText(),
  )?.[1];
  expect(Number(spent?.replace(/,/g, ''))).toBeLessThan(200);
});

test('a paused run is offered after a reload as paused, not as cut off', async ({ page }) => {
  await chooseStandIn(page, 5);
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('phase-card').first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Paused after a phase.', {
    timeout: 30_000,
  });
  await page.reload();
  const offer = page.getByTestId('interrupted-run');
  await expect(offer).toContainText('was paused: phase');
  // It said "was cut off before it finished (a reload, a closed tab or a crash)".
  await expect(offer).not.toContainText('cut off');
});

test('a budget of 1e400 is refused beside its box with the range allowed, not run without a budget', async ({
  page,
}) => {
  await chooseStandIn(page);
  const start = page.getByRole('button', { name: 'Start run' });
  const calls = page.getByLabel('Budget: max model calls (0 = none)');
  // The browser cannot hold 1e400 (it reads as Infinity): the box then says it holds nothing.
  await calls.fill('1e400');
  const problem = page.getByTestId('setting-problem');
  await expect(problem).toHaveText(
    'Max model calls must be a whole number from 0 to 10,000,000 (0 = no limit).',
  );
  await expect(calls).toHaveAccessibleDescription(/from 0 to 10,000,000/);
  await expect(start).toBeDisabled();
  await expect(page.getByTestId('settings-refused')).toContainText('cannot start');
  // A decimal where a whole number is needed, too.
  await calls.fill('100');
  await page.getByLabel('Cycles').fill('1.5');
  await expect(problem).toHaveText('Cycles must be a whole number from 1 to 50, not 1.5.');
  await page.getByLabel('Cycles').fill('1');
  await expect(problem).toHaveCount(0);
  await expect(start).toBeEnabled();
});

test('a run paused, resumed and finished in its page says in its log that it paused, and finished once', async ({
  page,
}) => {
  await chooseStandIn(page, 5);
  await page.getByLabel('Cycles').fill('1');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('phase-card').first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Paused after a phase.', {
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
  const log = page.getByTestId('run-log').locator('li');
  // The pause read "Run finished (paused)", a line before the run's real end.
  await expect(log.filter({ hasText: /^Run paused/ })).toHaveCount(1);
  // The resume is no second start.
  await expect(log.filter({ hasText: /^Run started/ })).toHaveCount(1);
  await expect(log.filter({ hasText: /^Run resumed with phase \d/ })).toHaveCount(1);
  await expect(log.filter({ hasText: /finished/i })).toHaveCount(1);
});
