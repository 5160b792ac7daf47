import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openScreen } from './screens';
import {
  openWithStandIn,
  runToFinish,
  startRun,
  storedRecords,
  untilPhaseSaved,
  type StoredProgram,
  type StoredRun,
} from './storage-helpers';

/** A small program as DSPy 2.6+ saves it (`program.save('x.json')`). */
const DSPY_FILE = JSON.stringify({
  classify: {
    traces: [],
    train: [],
    demos: [{ augmented: true, ticket: 'I was charged twice', department: 'billing' }],
    signature: {
      instructions: 'Route the support ticket to a department.',
      fields: [
        { prefix: 'Ticket:', description: '${ticket}' },
        { prefix: 'Department:', description: '${department}' },
      ],
    },
    lm: null,
  },
  metadata: { dependency_versions: { python: '3.12', dspy: '2.6.27', cloudpickle: '3.1' } },
});

test('a saved program survives a reload and exports in four formats; a DSPy file imports', async ({
  page,
}) => {
  await openWithStandIn(page);
  await runToFinish(page, 1);
  await page.reload();
  await page.goto('/#/library');
  const programs = page.getByTestId('saved-programs');
  await expect(programs.locator(':scope > li')).toHaveCount(1);
  await expect(programs).toContainText('stand-in model');
  const stored = await storedRecords<StoredProgram>(page, 'programs');
  expect(stored).toHaveLength(1);
  // A run's program is named with its date: the row says that date once (it said it again in
  // the line below the name).
  const when = stored[0]!.savedAt.slice(0, 16).replace('T', ' ');
  const row = (await programs.locator(':scope > li').first().innerText()).split(when);
  expect(row).toHaveLength(2);
  expect(stored[0]!.provenance).toMatchObject({ engine: 'stand-in' });

  // DSPy's export opens first (how it loads, warnings, the Python), then downloads.
  await programs.getByRole('button', { name: /for DSPy/ }).click();
  const download = page.waitForEvent('download');
  await programs.getByRole('button', { name: /^Download .*\.dspy\.json$/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.dspy\.json$/);
  const dspy = JSON.parse(readFileSync(await file.path(), 'utf8')) as Record<string, unknown>;
  expect(dspy).toHaveProperty('metadata');
  await programs.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('dspy-export')).toHaveCount(0);
  for (const [label, ending] of [
    ['Project JSON', /\.copa\.json$/],
    ['OpenAI messages', /\.messages\.json$/],
    ['Plain text', /\.prompt\.txt$/],
  ] as const) {
    const next = page.waitForEvent('download');
    await programs.getByRole('button', { name: new RegExp(`as ${label}`) }).click();
    expect((await next).suggestedFilename()).toMatch(ending);
  }

  await page.getByLabel('Import a program file (project JSON or DSPy JSON)').setInputFiles({
    name: 'router.json',
    mimeType: 'application/json',
    buffer: Buffer.from(DSPY_FILE),
  });
  await expect(programs.locator(':scope > li')).toHaveCount(2);
  await expect(programs).toContainText('imported DSPy file');

  // Delete asks first.
  await programs.getByRole('button', { name: /^Delete program router/ }).click();
  await programs.getByRole('button', { name: /^Confirm delete/ }).click();
  await expect(programs.locator(':scope > li')).toHaveCount(1);
});

test('a run whose program is deleted in the Library offers no export of it on Results, before and after a reload', async ({
  page,
}) => {
  await openWithStandIn(page);
  await runToFinish(page, 1);
  await openScreen(page, 'Library');
  const programs = page.getByTestId('saved-programs');
  await programs.getByRole('button', { name: /^Delete program/ }).click();
  await programs.getByRole('button', { name: /^Confirm delete/ }).click();
  await expect(programs).toContainText('No programs yet');
  // The export buttons stayed and failed with "No program "run-…" is stored".
  for (const reload of [false, true]) {
    if (reload) await page.reload();
    await openScreen(page, 'Results');
    await expect(page.getByTestId('program-deleted')).toContainText('was deleted from the Library');
    await expect(page.getByRole('button', { name: 'Project JSON' })).toHaveCount(0);
  }
});

test('a run deleted in the Library while shown on Optimize no longer offers its report', async ({
  page,
}) => {
  await openWithStandIn(page);
  await runToFinish(page, 1);
  await expect(page.getByTestId('run-report')).toBeVisible();
  await openScreen(page, 'Library');
  const runs = page.getByTestId('past-runs');
  await runs.getByRole('button', { name: /^Delete run/ }).click();
  await runs.getByRole('button', { name: /^Confirm delete/ }).click();
  await expect(runs.getByRole('button', { name: /^Delete run/ })).toHaveCount(0);
  // Its Markdown button failed with "No run "…" is stored (it may have been deleted in another tab)".
  await openScreen(page, 'Optimize');
  await expect(page.getByTestId('run-status')).toContainText('Finished');
  await expect(page.getByTestId('run-report')).toHaveCount(0);
});

test('a run interrupted by a reload resumes and ends with the same program as an uninterrupted run', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // The uninterrupted reference run (same task, settings and seed).
  await openWithStandIn(page);
  await runToFinish(page, 2);
  const reference = await storedRecords<StoredProgram>(page, 'programs');
  expect(reference).toHaveLength(1);

  // The same run, slowed down, cut off by a reload after its first phase was saved. The cached
  // answers of the reference run are cleared first: answered from the cache, the run skipped
  // the stand-in's delay and could finish before the reload came (on a loaded machine, often).
  await page.goto('/#/library');
  await page.getByRole('button', { name: 'Clear cached answers' }).click();
  await expect(page.getByTestId('cache-size')).toContainText('Cached model answers: 0 of');
  await openWithStandIn(page, 'optimize', 15);
  await startRun(page, 2);
  await untilPhaseSaved(page);
  await page.reload();

  await page.goto('/#/library');
  const unfinished = page.getByTestId('unfinished-runs');
  await expect(unfinished.getByRole('button', { name: 'Resume' })).toHaveCount(1);
  await expect(unfinished).toContainText('done');
  await unfinished.getByRole('button', { name: 'Resume' }).click();
  // The resumed run shows its progress on the Optimize screen, as phase cards.
  await expect(page.getByRole('heading', { name: 'Optimize' })).toBeVisible();
  await expect(page.getByTestId('resumed-from')).toBeVisible();
  // Cut off inside its second phase, it runs that phase again: its running time goes on from
  // the first phase's end, less than was shown before the reload, and says why.
  await expect(page.getByTestId('run-time')).toContainText(
    'Running time (resumed from the last finished phase; the phase that was cut off is run again):',
  );
  // The phases finished before the reload are retold at once: the first card is the first
  // compilation phase, already decided, while the run goes on.
  const first = page.getByTestId('phase-card').first();
  await expect(first).toBeVisible({ timeout: 10_000 });
  await expect(first.getByRole('heading').first()).toContainText(
    /^Cycle 1.*Compilation \(demos\)/s,
  );
  await expect(first.getByTestId('phase-decision')).toBeVisible();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 90_000 });
  await page.goto('/#/library');
  await expect(unfinished.getByRole('button', { name: 'Resume' })).toHaveCount(0);

  const runs = await storedRecords<StoredRun>(page, 'runs');
  expect(runs.map((r) => r.status).sort()).toEqual(['finished', 'finished']);
  const programs = await storedRecords<StoredProgram>(page, 'programs');
  expect(programs).toHaveLength(2);
  const resumed = programs.find((p) => p.id !== reference[0]!.id);
  expect(resumed?.program).toEqual(reference[0]!.program);
  // Meaningful only if the optimizer changed the program: compare with the baseline checkpoint.
  const checkpoints = runs.find((r) => r.programId === reference[0]!.id)?.checkpoints as
    { state: { program: unknown } }[] | undefined;
  expect(checkpoints?.at(-1)?.state.program).not.toEqual(checkpoints?.[0]?.state.program);
});

test('a second tab cannot start a second run', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await openWithStandIn(first, 'optimize', 30);
  await openWithStandIn(second);
  await startRun(first, 3);
  await expect(first.getByTestId('run-status')).toContainText('Running');

  await startRun(second, 1);
  await expect(second.getByTestId('run-error')).toContainText('RunBusyError');
  await expect(second.getByTestId('run-error')).toContainText('another tab');
  await second.goto('/#/library');
  await expect(second.getByTestId('run-busy')).toBeVisible();
  await expect(
    second.getByTestId('unfinished-runs').getByRole('button', { name: 'Resume' }),
  ).toBeDisabled();

  await first.getByRole('button', { name: 'Cancel run' }).click();
  await expect(first.getByTestId('run-status')).toContainText('Cancelled');
  const runs = await storedRecords<StoredRun>(second, 'runs');
  expect(runs.map((r) => r.status)).toEqual(['cancelled']);
});

test('a run paused in one tab and resumed in another is refused in the first while it runs there, and goes on there after', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const first = await context.newPage();
  const second = await context.newPage();
  await openWithStandIn(first, 'optimize', 20);
  await openWithStandIn(second);
  await first.getByLabel('Step mode: pause after every phase').check();
  await startRun(first, 2);
  await expect(first.getByTestId('run-status')).toHaveText('Paused after a phase.', {
    timeout: 60_000,
  });
  await second.goto('/#/library');
  await second.getByTestId('unfinished-runs').getByRole('button', { name: 'Resume' }).click();
  await expect(second.getByTestId('run-status')).toContainText('Running');

  // Never both at once; and the first tab keeps its Resume for when the other is done (it was
  // turned off, leaving only the Library to go on from).
  const resume = first.getByRole('button', { name: 'Resume', exact: true });
  await resume.click();
  await expect(first.getByTestId('run-error')).toContainText('RunBusyError');
  await expect(resume).toBeEnabled();
  await expect(second.getByTestId('run-status')).toHaveText('Paused after a phase.', {
    timeout: 60_000,
  });
  await resume.click();
  await expect(first.getByTestId('run-status')).toHaveText('Paused after a phase.', {
    timeout: 60_000,
  });
  // The first tab shows the phase the second ran, too: it showed its own two with a gap.
  await expect(first.getByTestId('phase-card')).toHaveCount(3);
  await expect(first.getByTestId('run-log')).toContainText(
    '1 phase of this run went on in another tab: shown from the saved run.',
  );
  const runs = await storedRecords<StoredRun & { checkpoints: unknown[] }>(first, 'runs');
  // The start, and one phase in each turn: the first tab's, the second's, the first's again.
  expect(runs.map((r) => [r.status, r.checkpoints.length])).toEqual([['paused', 4]]);
});

/**
 * Makes the worker's browser storage refuse, once, the first write of a run's second finished
 * phase, as a full disk would (IndexedDB's QuotaExceededError).
 */
const FULL_ONCE = `(() => {
  const put = IDBObjectStore.prototype.put;
  let refused = false;
  IDBObjectStore.prototype.put = function (value, key) {
    if (!refused && this.name === 'runs' && value?.checkpoints?.length >= 3) {
      refused = true;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    return put.call(this, value, key);
  };
})();
`;
const WORKER_SCRIPT = /copa\.worker-[^/]*\.js$/;

/** Makes the worker's IndexedDB refuse to open, as some private windows do. */
const IDB_REFUSED = `(() => {
  IDBFactory.prototype.open = function () {
    const error = new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
    const req = { result: undefined, error, onsuccess: null };
    let onerror = null;
    Object.defineProperty(req, 'onerror', {
      get: () => onerror,
      set(f) { onerror = f; setTimeout(() => onerror && onerror()); },
    });
    return req;
  };
})();
`;

test.describe('with no service worker (it would keep the refusing worker script)', () => {
  test.use({ serviceWorkers: 'block' });
  test('where the browser refuses storage, Optimize says runs are not saved and a run still goes on', async ({
    page,
  }) => {
    await page.context().route(WORKER_SCRIPT, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: IDB_REFUSED + (await response.text()) });
    });
    await openWithStandIn(page);
    await expect(page.getByTestId('runs-not-saved')).toContainText('Runs are not saved');
    // It was refused with "The browser's storage failed", and nothing could run at all.
    await startRun(page, 1);
    await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
    await page.goto('/#/library');
    await expect(page.getByTestId('library-error')).toContainText('StorageError');
  });

  test('a run stopped by full storage says so, keeps its finished phase and resumes from the Library', async ({
    page,
  }) => {
    await page.context().route(WORKER_SCRIPT, async (route) => {
      const response = await route.fetch();
      // Not kept by any cache: after the reload the worker's storage works again.
      const headers = { ...response.headers(), 'cache-control': 'no-store' };
      await route.fulfill({ response, headers, body: FULL_ONCE + (await response.text()) });
    });
    await openWithStandIn(page);
    await startRun(page, 2);
    // It said "Not started." with Resume off: the finished phase could only be thrown away.
    await expect(page.getByTestId('run-status')).toContainText("the browser's storage is full", {
      timeout: 60_000,
    });
    await expect(page.getByTestId('run-error')).toContainText('StorageQuotaError');
    await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeEnabled();

    // Space freed, page reloaded: the Library offers the run, with why it stopped.
    await page.context().unroute(WORKER_SCRIPT);
    await page.reload();
    await page.goto('/#/library');
    const unfinished = page.getByTestId('unfinished-runs');
    await expect(unfinished).toContainText('stopped by an error (can be resumed)');
    await expect(unfinished).toContainText('storage for this site is full');
    await unfinished.getByRole('button', { name: 'Resume' }).click();
    await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
    const runs = await storedRecords<StoredRun & { error?: unknown }>(page, 'runs');
    expect(runs.map((r) => [r.status, r.error])).toEqual([['finished', undefined]]);
    expect(await storedRecords<StoredProgram>(page, 'programs')).toHaveLength(1);
    await page.goto('/#/library');
    await expect(page.getByTestId('past-runs')).not.toContainText('full');
  });
});
