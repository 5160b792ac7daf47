import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { pressOn } from './press-on';
import { chooseStandIn, noSeriousA11yProblems, openScreen } from './screens';
import { openWithStandIn, runToFinish } from './storage-helpers';

// A keyboard user on a phone-sized window (375 x 740): every screen can be walked with Tab
// alone, each stop is on screen and shows where focus is, and an action that disables or
// removes the control pressed leaves focus somewhere sensible, never on the page itself.

test.use({ viewport: { width: 375, height: 740 } });

/** What is wrong with one Tab stop, as a line to read in a failed test ('' when nothing). */
interface TabStop {
  name: string;
  problem: string;
}

/** The focused element: its name, and whether it is hidden, off-screen or shows no focus ring. */
function focusedStop(page: Page): Promise<TabStop | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || el === document.body) return null;
    const name = (
      el.getAttribute('aria-label') ??
      (el instanceof HTMLInputElement ? el.labels?.[0]?.textContent : null) ??
      el.textContent ??
      ''
    )
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 60);
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const problems: string[] = [];
    if (!el.checkVisibility() || box.width === 0 || box.height === 0) problems.push('not shown');
    if (box.left < 0 || box.right > window.innerWidth + 1) problems.push('off-screen sideways');
    if (style.outlineStyle === 'none' || style.outlineWidth === '0px') problems.push('no ring');
    return { name: `${el.tagName.toLowerCase()} “${name}”`, problem: problems.join(', ') };
  });
}

/**
 * Tabs from the skip link through the whole page until focus comes round to the skip link again
 * (a trap would never come round). Returns the names of the stops; fails on any stop that is
 * hidden, off-screen sideways or shows no focus ring, and on sideways scrolling of the page.
 */
async function walkByTab(page: Page, where: string): Promise<string[]> {
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await skip.focus();
  const names: string[] = [];
  const problems: string[] = [];
  for (let presses = 0; presses < 300; presses++) {
    await page.keyboard.press('Tab');
    // Past the last control focus leaves the page (to the browser) and then starts again.
    const stop = await focusedStop(page);
    if (stop === null) continue;
    if (stop.name.startsWith('a “Skip to content')) {
      expect(problems, `${where}: stops with a problem`).toEqual([]);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        `${where}: the page scrolls sideways`,
      ).toBeLessThanOrEqual(375);
      return names;
    }
    names.push(stop.name);
    if (stop.problem) problems.push(`${stop.name}: ${stop.problem}`);
  }
  throw new Error(`${where}: Tab never came back to the top (a keyboard trap?)`);
}

/** Every one of `wanted` (name beginnings) is among the Tab stops. */
function expectReached(names: string[], wanted: RegExp[]): void {
  for (const w of wanted)
    expect(
      names.some((n) => w.test(n)),
      `${w} reached by Tab`,
    ).toBe(true);
}

test('at 375 px every screen can be walked by Tab alone, each stop on screen with a focus ring', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openWithStandIn(page);
  await runToFinish(page, 1);
  expectReached(await walkByTab(page, 'Optimize'), [/“Start run”/, /“Settings”/, /“Event log”/]);

  await openScreen(page, 'Model');
  expectReached(await walkByTab(page, 'Model'), [/“Use the stand-in model”/, /“Test connection”/]);

  await openScreen(page, 'Data');
  await page
    .getByTestId('data-import')
    .getByLabel('Data file')
    .setInputFiles({
      name: 'reviews.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'text,label\nGreat,positive\nBad,negative\nFine,positive\nAwful,negative\n',
      ),
    });
  await expect(page.getByRole('button', { name: 'Import dataset' })).toBeVisible();
  expectReached(await walkByTab(page, 'Data'), [
    /“Preview of the file's first rows”/,
    /“Import dataset”/,
  ]);

  await openScreen(page, 'Program');
  expectReached(await walkByTab(page, 'Program'), [/“Add rule”/, /“Save to Library”/]);

  await openScreen(page, 'Results');
  await page.getByRole('button', { name: /^Evaluate baseline and optimized/ }).click();
  await expect(page.getByTestId('results-table')).toBeVisible({ timeout: 60_000 });
  // A table wider than the phone scrolls inside a region Tab reaches.
  expectReached(await walkByTab(page, 'Results'), [
    /“Examples, baseline and optimized”/,
    /“Project JSON”/,
  ]);
  await noSeriousA11yProblems(page, 'results at 375 px');

  await openScreen(page, 'Try it');
  await page.getByRole('button', { name: 'Example 1' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('try-answer')).toBeVisible();
  expectReached(await walkByTab(page, 'Try it'), [/“Run”/, /“Request 1 of 1/]);
  await noSeriousA11yProblems(page, 'try it at 375 px');

  await openScreen(page, 'Library');
  await page.getByRole('checkbox', { name: /^Compare / }).check();
  expectReached(await walkByTab(page, 'Library'), [
    /“Rename run /,
    /“Delete run /,
    /“Download a backup”/,
    /“Restore from a backup…/,
  ]);
  await noSeriousA11yProblems(page, 'library at 375 px');
});

test('Try it by keyboard: Run hands focus to Cancel while the model works and back to Run with the answer', async ({
  page,
}) => {
  await chooseStandIn(page, 400);
  await openScreen(page, 'Try it');
  await pressOn(page.getByRole('button', { name: 'Example 1' }));
  await pressOn(page.getByRole('button', { name: 'Run', exact: true }));
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
  await expect(page.getByTestId('try-answer')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeFocused();
  // Focus stays on Run, so the answer's coming is said by a status.
  await expect(page.getByTestId('try-done')).toHaveText('The answer is below.');

  // Cancelled: Cancel goes, and focus goes back to Run again.
  await pressOn(page.getByRole('button', { name: 'Run', exact: true }));
  await pressOn(page.getByRole('button', { name: 'Cancel', exact: true }));
  await expect(page.getByTestId('try-cancelled')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeFocused();
  await expect(page.getByTestId('try-done')).toHaveText('');
});

test('in the Library by keyboard, making a backup and restoring one, good or bad, leave focus on the control used', async ({
  page,
}) => {
  await openWithStandIn(page);
  await runToFinish(page, 1);
  await openScreen(page, 'Library');
  const downloading = page.waitForEvent('download');
  const backup = page.getByRole('button', { name: 'Download a backup' });
  await pressOn(backup);
  const download = await downloading;
  await expect(page.getByTestId('backup-notice')).toContainText('Saved');
  await expect(backup).toBeFocused();

  const restore = page.getByLabel('Restore from a backup…');
  await restore.focus();
  await restore.setInputFiles({
    name: download.suggestedFilename(),
    mimeType: 'application/json',
    buffer: readFileSync((await download.path())!),
  });
  await expect(page.getByTestId('backup-notice')).toContainText('Nothing new');
  await expect(restore).toBeFocused();

  await restore.setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello": 1}'),
  });
  await expect(page.getByTestId('backup-error')).toBeVisible();
  await expect(restore).toBeFocused();
});

test("on the Program screen by keyboard, going back to the task's program leaves focus at the top of the program", async ({
  page,
}) => {
  await page.goto('/#/program');
  await page.getByRole('textbox', { name: 'Instruction' }).fill('Route the ticket.');
  await pressOn(page.getByRole('button', { name: 'Save changes' }));
  await expect(page.getByTestId('program-saved')).toBeVisible();
  const back = page.getByRole('button', { name: "Back to the task's program" });
  await pressOn(back);
  await expect(back).toBeDisabled();
  await expect(page.getByRole('heading', { name: 'Program', level: 2 })).toBeFocused();
});
