import { expect, test } from '@playwright/test';
import { pressOn } from './press-on';
import { openScreen } from './screens';
import { openWithStandIn, runToFinish, twoFinishedRunsInLibrary } from './storage-helpers';

// A keyboard or screen-reader user keeps their place: an action that removes or disables the
// control pressed moves focus somewhere that says where they are, never to the page itself.

test('in the Library by keyboard, closing a comparison and each step of a deletion leave focus on what comes next', async ({
  page,
}) => {
  const runs = await twoFinishedRunsInLibrary(page);
  const ticks = runs.getByRole('checkbox', { name: /^Compare / });
  await ticks.nth(0).check();
  await ticks.nth(1).check();
  // Closing the comparison takes the user back to the runs it compared.
  await pressOn(page.getByRole('button', { name: 'Close the comparison' }));
  await expect(page.getByTestId('run-comparison')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Past runs' })).toBeFocused();

  const deletes = runs.getByRole('button', { name: /^Delete run / });
  await expect(deletes).toHaveCount(2);

  await pressOn(deletes.first());
  await expect(runs.getByRole('button', { name: /^Confirm delete of / })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(runs.getByRole('button', { name: /^Keep run / })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(deletes.first()).toBeFocused();

  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(deletes).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Past runs' })).toBeFocused();
});

test('choosing a screen in the navigation by keyboard puts focus on its heading; the first load leaves focus alone', async ({
  page,
}) => {
  await page.goto('/#/data');
  await expect(page.getByRole('heading', { name: 'Data', level: 2 })).toBeVisible();
  // Tab starts at the top of a freshly loaded page (the skip link), not inside a screen.
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);

  const nav = page.getByRole('navigation', { name: 'Screens' });
  for (const [link, heading] of [
    ['Optimize', 'Optimize'],
    ['Model', 'Model'],
    ['Data', 'Data'],
    ['Program', 'Program'],
    ['Results', 'Results'],
    ['Try it', 'Try it'],
    ['Library', 'Library'],
  ]) {
    await pressOn(nav.getByRole('link', { name: link }));
    const title = page.getByRole('heading', { name: heading, level: 2, exact: true });
    await expect(title).toBeFocused();
    // Not a control: no focus ring drawn round it.
    expect(await title.evaluate((h) => getComputedStyle(h).outlineStyle)).toBe('none');
  }
  // The next Tab goes on into the screen, not back to the navigation.
  await page.keyboard.press('Tab');
  expect(
    await page.evaluate(() => document.querySelector('main')?.contains(document.activeElement)),
  ).toBe(true);
});

test("a link inside a screen to another screen, and Open results in the Library, leave focus on the new screen's heading", async ({
  page,
}) => {
  await openWithStandIn(page);
  await runToFinish(page, 1);
  await pressOn(page.getByRole('link', { name: 'See the results on the test set' }));
  await expect(page.getByRole('heading', { name: 'Results', level: 2 })).toBeFocused();

  await openScreen(page, 'Library');
  await pressOn(page.getByRole('button', { name: /^Open results of / }).first());
  await expect(page.getByRole('heading', { name: 'Results', level: 2 })).toBeFocused();
});

test('on Results by keyboard, Evaluate and the label filter keep focus where the user is', async ({
  page,
}) => {
  await openWithStandIn(page);
  await runToFinish(page, 1);
  await openScreen(page, 'Results');
  const evaluate = page.getByRole('button', { name: /^Evaluate baseline and optimized/ });
  await pressOn(evaluate);
  await expect(page.getByTestId('results-table')).toBeVisible({ timeout: 60_000 });
  // Focus went to Cancel while it worked, then back to Evaluate.
  await expect(evaluate).toBeFocused();

  await page.getByText(/^Scores by label/).click();
  const matchLine = page.getByText(/ of \d+ examples match/);
  await pressOn(page.getByRole('button', { name: 'shipping', exact: true }));
  await expect(matchLine).toBeFocused();
  await pressOn(page.getByRole('button', { name: "Show every label's examples" }));
  await expect(page.getByRole('button', { name: "Show every label's examples" })).toHaveCount(0);
  await expect(matchLine).toBeFocused();
  await expect(matchLine).not.toContainText('only');

  // Show more stays under focus while rows remain; once the last are shown it goes, and the
  // table they were added to takes focus.
  const more = page.getByRole('button', { name: /^Show more/ });
  await pressOn(more);
  await expect(more).toBeFocused();
  await more.press('Enter');
  await expect(more).toHaveCount(0);
  await expect(
    page.getByRole('region', { name: 'Examples, baseline and optimized' }),
  ).toBeFocused();
});

test('on the Program screen by keyboard, moving a field and removing a rule keep focus with the field or the rules', async ({
  page,
}) => {
  await page.goto('/');
  await openScreen(page, 'Program');
  await page.getByRole('button', { name: 'Add input field' }).click();
  await pressOn(page.getByRole('button', { name: 'Move ticket down' }));
  // Last now: its down arrow is disabled, so focus is on its other arrow.
  await expect(page.getByRole('button', { name: 'Move ticket up' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Move ticket down' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Move ticket up' })).toBeDisabled();

  const removes = page.getByRole('button', { name: /^Remove rule / });
  const before = await removes.count();
  await page.getByRole('button', { name: 'Add rule' }).click();
  await expect(removes).toHaveCount(before + 1);
  await pressOn(removes.first());
  await expect(removes).toHaveCount(before);
  await expect(page.getByRole('button', { name: 'Remove rule 1' })).toBeFocused();
  await pressOn(removes.last());
  await expect(removes).toHaveCount(before - 1);
  await expect(page.getByLabel('New rule')).toBeFocused();
});

test('a run is followed through a polite live region: each phase end is said once, not every event', async ({
  page,
}) => {
  await openWithStandIn(page, 'optimize', 20);
  const announcement = page.getByTestId('phase-announcement');
  await expect(announcement).toHaveAttribute('role', 'status');
  // Every text the region takes while the run goes, in order.
  await announcement.evaluate((region) => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver(() => {
      const text = region.textContent?.trim() ?? '';
      if (text && text !== said.at(-1)) said.push(text);
    }).observe(region, { childList: true, subtree: true, characterData: true });
  });
  await runToFinish(page, 2);
  const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
  const cards = await page.getByTestId('phase-card').count();
  expect(cards).toBeGreaterThan(1);
  expect(said).toHaveLength(cards);
  for (const text of said) expect(text).toMatch(/^Cycle \d, .+ finished(: .+ on validation)?\.$/);
  // Shown again after a reload, the run is not read out again.
  await page.reload();
  await expect(page.getByTestId('run-status')).toContainText('Finished earlier');
  await expect(announcement).toHaveText('');
});

test('on Data by keyboard, each task is told apart and choosing one or importing a file keeps focus there', async ({
  page,
}) => {
  await page.goto('/#/data');
  const useTask = page.getByRole('button', { name: 'Use this task: Date normalization' });
  await pressOn(useTask);
  await expect(page.getByRole('heading', { name: 'Date normalization' })).toBeFocused();

  const importer = page.getByTestId('data-import');
  await importer.getByLabel('Data file').setInputFiles({
    name: 'reviews.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'text,label\nGreat,positive\nBad,negative\nFine,positive\nAwful,negative\nNice,positive\nMeh,negative\n',
    ),
  });
  await pressOn(importer.getByRole('button', { name: 'Import dataset' }));
  await expect(importer.getByTestId('import-result')).toBeFocused();
  await expect(importer.getByTestId('import-result')).toContainText('Saved “reviews”');
});
