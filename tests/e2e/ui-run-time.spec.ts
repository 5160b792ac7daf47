import { expect, test, type Page } from '@playwright/test';
import { chooseStandIn, noSeriousA11yProblems, shot } from './screens';

// Following a long run: its running time and time budget on Optimize, the tab's title, and
// keeping the screen on. The browser's wake lock is stubbed (headless Chromium may refuse it),
// so each test knows what the browser answers.

declare global {
  interface Window {
    /** Screen locks the stub granted, each true while held. */
    screenLocks: boolean[];
  }
}

/** A wake lock that grants every request (refuse: rejects it, as a battery saver would). */
async function stubWakeLock(page: Page, refuse = false): Promise<void> {
  await page.addInitScript((refused) => {
    window.screenLocks = [];
    const wakeLock = {
      request: async () => {
        if (refused)
          throw new DOMException('Wake Lock permission request denied', 'NotAllowedError');
        const i = window.screenLocks.push(true) - 1;
        const target = new EventTarget();
        return Object.assign(target, {
          get released() {
            return !window.screenLocks[i];
          },
          release: async () => {
            window.screenLocks[i] = false;
            target.dispatchEvent(new Event('release'));
          },
        });
      },
    };
    Object.defineProperty(Navigator.prototype, 'wakeLock', { get: () => wakeLock });
  }, refuse);
}

const heldLocks = (page: Page) =>
  page.evaluate(() => window.screenLocks.filter((held) => held).length);

test('a run with a time budget shows its running time against it, and the tab title follows the run', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await stubWakeLock(page);
  await chooseStandIn(page, 40);
  await page.getByLabel('Cycles').fill('1');
  await page.getByLabel('Budget: max minutes (0 = none)').fill('0.5');
  await expect(page).toHaveTitle('COPA Playground');
  // The stand-in's runs take seconds: keeping the screen on is off unless chosen.
  const keepOn = page.getByLabel('Keep the screen on while a run goes on');
  await expect(keepOn).not.toBeChecked();
  await page.getByRole('button', { name: 'Start run' }).click();

  const time = page.getByTestId('run-time');
  await expect(time).toContainText(/Running time: \d+ s of a 30 s time budget/);
  await expect(time).toContainText(/time budget · at most \d+ s left\s*$/);
  await expect(page.getByRole('progressbar', { name: /Running time/ })).toBeVisible();
  // It ticks: a few seconds on, it says more seconds.
  const first = Number(/Running time: (\d+) s/.exec((await time.textContent()) ?? '')?.[1]);
  await expect
    .poll(async () => Number(/Running time: (\d+) s/.exec((await time.textContent()) ?? '')?.[1]))
    .toBeGreaterThanOrEqual(first + 2);
  await expect(page).toHaveTitle(/^Running · \d+% · COPA Playground$/);
  // The ticking time is no live region: a screen reader is not told it every second.
  await expect(time.locator('[aria-live], [role="status"]')).toHaveCount(0);
  expect(await time.evaluate((el) => el.closest('[aria-live], [role="status"]'))).toBeNull();

  // Chosen during the run, the screen is kept on at once.
  await keepOn.check();
  await expect.poll(() => heldLocks(page)).toBe(1);
  await shot(page, 'optimize-run-time');
  await noSeriousA11yProblems(page, 'optimize, a run with a time budget going on');

  await expect(page.getByTestId('run-status')).toContainText(/Finished/, { timeout: 60_000 });
  await expect(page).toHaveTitle('Finished · COPA Playground');
  await expect.poll(() => heldLocks(page)).toBe(0);
  // The time it took stays; the budget and the time left were about the run going on.
  await expect(time).toContainText(/^Running time: \d+(\.\d+)? (s|min)/);
  await expect(time).not.toContainText('left');
  // Back in the page, the title is the app's again.
  await page.getByRole('heading', { name: 'Optimize' }).click();
  await expect(page).toHaveTitle('COPA Playground');
  // The choice is remembered after a reload.
  await page.reload();
  await expect(page.getByLabel('Keep the screen on while a run goes on')).toBeChecked();
});

test('a refused wake lock, or none at all, is said in a short note', async ({ page }) => {
  await stubWakeLock(page, true);
  await chooseStandIn(page, 5);
  await page.getByLabel('Cycles').fill('1');
  await page.getByLabel('Keep the screen on while a run goes on').check();
  await page.getByRole('button', { name: 'Start run' }).click();
  const note = page.getByTestId('screen-awake-note');
  await expect(note).toContainText('The browser would not keep the screen on');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toContainText(/Finished/, { timeout: 60_000 });

  // A browser without the API (an insecure page, an old browser): the note instead of the box.
  const bare = await page.context().newPage();
  await bare.addInitScript(() => {
    delete (Navigator.prototype as { wakeLock?: unknown }).wakeLock;
  });
  await bare.goto('/#/optimize');
  await expect(bare.getByTestId('screen-awake-note')).toContainText(
    'This browser cannot keep the screen on',
  );
  await expect(bare.getByLabel('Keep the screen on while a run goes on')).toHaveCount(0);
});
