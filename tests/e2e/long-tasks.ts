import { expect, type Page } from '@playwright/test';

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
