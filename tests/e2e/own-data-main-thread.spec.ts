import { expect, test } from '@playwright/test';
import {
  asInteraction,
  interactionTasks,
  longTasks,
  measuringMainThread,
  recordLongTasks,
} from './long-tasks';
import { intents } from './own-data-files';
import { actInPage } from './in-page';
import { openWithStandIn } from './storage-helpers';

measuringMainThread();

test('importing a 5,000-row, 77-label file, a run on it and its results make no main-thread task over 50 ms', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openWithStandIn(page);
  await page.goto('/#/data');
  const importer = page.getByTestId('data-import');
  await expect(importer.getByTestId('target-fields')).toContainText('ticket');
  // The file is made in the page before recording: Playwright's setInputFiles decodes a file
  // on the page's main thread (a 300 kB file alone makes a 230 ms task on a bare page), which
  // would be measured as the app's. Handing the made file to the input costs nothing.
  await page.evaluate((text) => {
    const w = window as unknown as { __file: File };
    w.__file = new File([text], 'big_intents.csv', { type: 'text/csv' });
  }, intents(65));
  await recordLongTasks(page);
  // Every step acts and waits inside the page (see actInPage): Playwright's own actions and
  // polls are main-thread tasks of 30-170 ms that would be recorded as the app's.
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>(
      '[data-testid="data-import"] input[type="file"]',
    );
    if (!input) throw new Error('no file input on the Data screen');
    const files = new DataTransfer();
    files.items.add((window as unknown as { __file: File }).__file);
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await actInPage(page, null, { selector: '[data-testid="label-preview"]', text: '77 labels' });
  await actInPage(page, null, {
    selector: '[data-testid="rows-note"]',
    text: '1,000 of 5,005 rows',
  });
  await actInPage(
    page,
    { click: '[data-testid="data-import"] button', name: 'Import dataset' },
    { selector: '[data-testid="import-result"]', text: 'Saved' },
  );
  const afterImport = (await longTasks(page)).filter((d) => d > 50);
  expect(afterImport).toEqual([]);

  // A run on that data, then its results. The screens are opened through the page's own
  // navigation (a reload would end the recording). Opening a screen is a response to a click,
  // held to the 100 ms response budget: mounting a screen costs about 25 ms on an idle machine
  // whatever the data, and a loaded 2-core CI machine doubles that.
  const openInPage = (label: string): Promise<void> =>
    asInteraction(page, () =>
      actInPage(
        page,
        { click: 'nav a', name: label },
        { selector: 'nav a', text: label, attribute: ['aria-current', 'page'] },
      ),
    );
  await openInPage('Optimize');
  await actInPage(
    page,
    { choose: 'label.data-choice select', option: 'big intents' },
    { selector: '[data-testid="task-description"]', text: 'big intents' },
  );
  await actInPage(page, { type: '#setting-cycles', value: '1' }, { selector: '#setting-cycles' });
  await actInPage(
    page,
    { click: 'button', name: 'Start run' },
    { selector: '[data-testid="run-status"]', text: 'Finished' },
    150_000,
  );
  await openInPage('Results');
  // How many example rows the table holds when the first task that lists any ends: the rows
  // are built a batch per task, not all 25 in the task that shows the scores (a 50-70 ms task
  // on two cores). The observer runs after Svelte's update, so it sees the page as a task
  // leaves it.
  await page.evaluate(() => {
    const w = window as unknown as { __firstRows: number | null };
    w.__firstRows = null;
    const watch = new MutationObserver(() => {
      const rows = document.querySelectorAll('[data-testid="results-table"] tbody tr').length;
      if (rows === 0) return;
      w.__firstRows = rows;
      watch.disconnect();
    });
    watch.observe(document.body, { childList: true, subtree: true });
  });
  await actInPage(
    page,
    { click: 'button', name: /Evaluate baseline and optimized/ },
    { selector: '[data-testid="results-table"] tbody tr:nth-child(25)' },
    60_000,
  );
  const firstRows = await page.evaluate(
    () => (window as unknown as { __firstRows: number | null }).__firstRows,
  );
  expect(firstRows).toBeGreaterThan(0);
  expect(firstRows).toBeLessThan(25);
  const over = (await longTasks(page)).filter((d) => d > 50);
  expect(over).toEqual([]);
  const slowResponses = (await interactionTasks(page)).filter((d) => d > 100);
  expect(slowResponses).toEqual([]);
});
