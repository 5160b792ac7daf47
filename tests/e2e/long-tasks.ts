import { expect, test, type Page } from '@playwright/test';

/**
 * Sets up a file of main-thread timing tests. Playwright's trace snapshots serialize the whole
 * DOM on the main thread around each action (on a page full of phase cards that alone makes a
 * 50 ms task), so these tests record no trace: they measure the app, not the tracer. And a
 * timing check on a shared 2-core machine: the app's own tasks take 20-35 ms, and a busy moment
 * of the machine can stretch one past 50 ms. Two retries absorb such moments; work that grows
 * with the data (or a slow render) fails every try.
 */
export function measuringMainThread(): void {
  test.use({ trace: 'off' });
  test.describe.configure({ retries: 2 });
}

interface LongTaskLog {
  tasks: { start: number; duration: number }[];
  interactions: { start: number; end: number }[];
}

/**
 * Starts recording main-thread long tasks in the page (read them back with `longTasks`).
 * Fails first where long tasks are not observable, so a check built on it cannot pass vacuously.
 */
export async function recordLongTasks(page: Page): Promise<void> {
  expect(await page.evaluate(() => PerformanceObserver.supportedEntryTypes)).toContain('longtask');
  // The service worker's one-time install (it fetches and stores every asset of the app) runs
  // beside the page on a fresh context and competes with it for two cores; what is measured
  // is the app's own work, so recording starts once the app is saved (or could not be).
  await expect(page.getByTestId('offline-status')).toHaveAttribute(
    'data-status',
    /^(ready|failed)$/,
    { timeout: 30_000 },
  );
  await page.evaluate(() => {
    const log: LongTaskLog = { tasks: [], interactions: [] };
    (window as unknown as { __longTasks: LongTaskLog }).__longTasks = log;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        log.tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: false });
  });
}

/**
 * Runs a user's action (say, opening another screen) and marks the time it took, so the tasks it
 * makes are judged by the budget for a response to input (100 ms), not the 50 ms budget for work
 * the user did not ask for at that moment.
 */
export async function asInteraction(page: Page, action: () => Promise<void>): Promise<void> {
  const start = await page.evaluate(() => performance.now());
  await action();
  const end = await page.evaluate(() => performance.now());
  await page.evaluate(
    (span) =>
      (window as unknown as { __longTasks: LongTaskLog }).__longTasks.interactions.push(span),
    { start, end },
  );
}

function recorded(page: Page, inInteractions: boolean): Promise<number[]> {
  return page.evaluate((inside) => {
    const log = (window as unknown as { __longTasks: LongTaskLog }).__longTasks;
    const during = (t: { start: number }): boolean =>
      log.interactions.some((i) => t.start >= i.start && t.start <= i.end);
    return log.tasks.filter((t) => during(t) === inside).map((t) => t.duration);
  }, inInteractions);
}

/** Durations (ms) of the long tasks recorded since `recordLongTasks`, outside marked actions. */
export function longTasks(page: Page): Promise<number[]> {
  return recorded(page, false);
}

/** Durations (ms) of the long tasks that started during actions marked with `asInteraction`. */
export function interactionTasks(page: Page): Promise<number[]> {
  return recorded(page, true);
}
