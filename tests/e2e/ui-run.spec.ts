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
  await expect(page.getByRole('button', { name: 'Cancel run' })).toBeFocused();
  await expect(page.getByTestId('run-status')).toHaveText('Paused after a phase.', {
    timeout: 30_000,
  });
  await expect(page.getByRole('button', { name: 'Resume' })).toBeFocused();
  const cardsAtPause = await page.getByTestId('phase-card').count();
  // Every card on screen is a finished phase: the run stopped between phases.
  await expect(page.getByTestId('phase-decision')).toHaveCount(cardsAtPause);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeFocused();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Start run' })).toBeFocused();
  expect(await page.getByTestId('phase-card').count()).toBeGreaterThanOrEqual(cardsAtPause);
  await expect(page.getByTestId('stop-reason')).toContainText('Why it stopped');
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
  await page.getByLabel('Cycles').fill('1');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText(/Finished|budget/, {
    timeout: 60_000,
  });
  const fit = page.getByTestId('budget-fit').first();
  await expect(fit).toContainText('Sized to fit the calls left in the budget:');
  await expect(fit).toContainText(/demo sets instead of \d+/);
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
