import { expect, test, type Page } from '@playwright/test';
import {
  openWithStandIn,
  putStoredRecord,
  runToFinish,
  startRun,
  storedRecords,
  untilPhaseSaved,
  type StoredRun,
} from './storage-helpers';

const IMPORT_LABEL = 'Import a program file (project JSON or DSPy JSON)';

async function importProgram(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel(IMPORT_LABEL).setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}

test('a refused program import says why, and the message stays until the user acts', async ({
  page,
}) => {
  await openWithStandIn(page);
  await page.goto('/#/library');
  const error = page.getByTestId('library-error');

  await importProgram(page, 'array.json', '[1, 2]');
  await expect(error).toBeVisible();
  await expect(error).toContainText('ProgramImportError');
  // Still there after the lists were refreshed.
  await page.waitForTimeout(500);
  await expect(error).toBeVisible();

  const nullStep = JSON.stringify({
    format: 'copa-playground/program',
    version: 1,
    name: 'hostile',
    program: { version: 1, description: 'x', steps: [null] },
  });
  await importProgram(page, 'null-step.copa.json', nullStep);
  await expect(error).toContainText('"steps.0" is null, expected an object');

  const newer = JSON.stringify({ format: 'copa-playground/program', version: 99, program: {} });
  await importProgram(page, 'newer.copa.json', newer);
  await expect(error).toContainText('NewerProgramFormatError');

  const huge = JSON.stringify({
    format: 'copa-playground/program',
    version: 1,
    program: { instruction: 'x'.repeat(21_000_000) },
  });
  await importProgram(page, 'huge.copa.json', huge);
  await expect(error).toContainText('imports program files up to 20.0 MB');

  await expect(page.getByTestId('saved-programs')).toContainText('No programs yet');
  await error.getByRole('button', { name: 'Dismiss' }).click();
  await expect(error).toHaveCount(0);
});

test('a stored program with a null step is listed as unreadable, not opened', async ({ page }) => {
  await openWithStandIn(page);
  await page.goto('/#/library');
  await putStoredRecord(page, 'programs', 'broken', {
    schemaVersion: 1,
    id: 'broken',
    name: 'Broken',
    savedAt: '2026-01-01T00:00:00.000Z',
    origin: 'import-copa',
    program: { version: 1, description: '', steps: [null] },
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.reload();
  await expect(page.getByTestId('library')).toContainText('"steps.0" is null');
  await expect(page.getByTestId('saved-programs')).toContainText('No programs yet');
  expect(errors).toEqual([]);
});

test('a damaged record says what is wrong and what to do, and deleting it keeps everything else', async ({
  page,
}) => {
  await openWithStandIn(page);
  await runToFinish(page, 1);
  await putStoredRecord(page, 'runs', 'bad-run', { schemaVersion: 1, id: 'bad-run', status: 'x' });
  await putStoredRecord(page, 'programs', 'bad-program', 'not a record');
  await page.goto('/#/library');
  const unreadable = page.getByTestId('unreadable-records');
  await expect(unreadable.locator('li')).toHaveCount(2);
  await expect(unreadable).toContainText('The stored run "bad-run" is damaged');
  await expect(page.getByTestId('unreadable-advice')).toContainText('delete it');
  // The run could not be deleted at all: its own damage refused the deletion.
  await unreadable.getByRole('button', { name: 'Delete run bad-run' }).click();
  await unreadable.getByRole('button', { name: 'Confirm delete of bad-run' }).click();
  await expect(unreadable.locator('li')).toHaveCount(1);
  await expect(page.getByTestId('library-error')).toHaveCount(0);
  await unreadable.getByRole('button', { name: 'Delete program bad-program' }).click();
  await unreadable.getByRole('button', { name: 'Confirm delete of bad-program' }).click();
  await expect(page.getByTestId('unreadable-records')).toHaveCount(0);
  // What was saved before is all still there.
  await expect(page.getByTestId('saved-programs').locator('li')).toHaveCount(1);
  const runs = await storedRecords<StoredRun>(page, 'runs');
  expect(runs.map((r) => r.status)).toEqual(['finished']);
});

test('a huge setting is refused with a message, and the worker keeps answering', async ({
  page,
}) => {
  await openWithStandIn(page);
  await page.getByLabel('Cycles').fill('100000000000');
  // The form refuses it beside the box (the worker, asked anyway, refuses it too: unit-tested).
  await expect(page.getByTestId('setting-problem')).toContainText(
    'Cycles must be a whole number from 1 to 50',
  );
  await expect(page.getByRole('button', { name: 'Start run' })).toBeDisabled();
  await page.getByLabel('Cycles').fill('2');
  await expect(page.getByTestId('setting-problem')).toHaveCount(0);
  await expect(page.getByTestId('cost-estimate')).toContainText('model calls');
});

test('a worker that crashes is noticed at once; calls in flight end', async ({ page }) => {
  await openWithStandIn(page, 'optimize', 30);
  const worker = page.workers().find((w) => w.url().includes('copa.worker'));
  expect(worker).toBeDefined();
  await startRun(page, 2);
  await expect(page.getByTestId('run-status')).toContainText('Running…');
  await worker!.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated crash');
    }, 0);
  });
  const gone = page.getByTestId('worker-gone');
  await expect(gone).toContainText('The optimizer stopped with an error', { timeout: 5_000 });
  await expect(page.getByTestId('run-status')).not.toContainText('Running…');
  await expect(page.getByTestId('run-status')).toContainText('Stopped: the optimizer is gone');
  await expect(gone.getByRole('button', { name: 'Reload and resume' })).toBeVisible();
});

test('a terminated worker is noticed by its silence, and "Reload and resume" continues the run', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The page's clock (not the worker's) runs as usual until the heartbeat's 15 s of silence,
  // which the test then skips instead of waiting them out.
  await page.clock.install();
  await openWithStandIn(page, 'optimize', 15);
  const worker = page.workers().find((w) => w.url().includes('copa.worker'));
  await startRun(page, 2);
  await untilPhaseSaved(page);
  // The worker stops: no error event, no answer, ever (as when the browser kills it).
  void worker!.evaluate(() => self.close()).catch(() => undefined);
  const gone = page.getByTestId('worker-gone');
  // Still running a few heartbeats in: a worker is not declared gone before the deadline.
  await page.clock.runFor(6_000);
  await expect(gone).toBeHidden();
  await page.clock.fastForward(20_000);
  await page.clock.runFor(4_000);
  await expect(gone).toContainText('The optimizer stopped answering', { timeout: 30_000 });
  await expect(page.getByTestId('run-status')).not.toContainText('Running…');
  await gone.getByRole('button', { name: 'Reload and resume' }).click();
  await expect(page.getByTestId('resumed-from')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 90_000 });
});
