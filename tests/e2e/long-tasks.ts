import { expect, type Page } from '@playwright/test';

/**
 * Starts recording main-thread long tasks in the page (read them back with `longTasks`).
 * Fails first where long tasks are not observable, so a check built on it cannot pass vacuously.
 */
export async function recordLongTasks(page: Page): Promise<void> {
  expect(await page.evaluate(() => PerformanceObserver.supportedEntryTypes)).toContain('longtask');
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

/** Durations (ms) of the long tasks recorded since `recordLongTasks`. */
export function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}
