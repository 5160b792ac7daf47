import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RowBatches } from '../../../src/ui/lib/row-batches.svelte';

describe('RowBatches', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Runs the next task the batches asked for (one timer of 0 ms), and no other. */
  const nextTask = () => vi.advanceTimersToNextTimer();

  it('lists no row of a new list in the task that shows it, then one batch more per task', () => {
    const batches = new RowBatches(5);
    const list = {};
    expect(batches.count(list, 25)).toBe(0);
    batches.follow(list, 25);
    const seen = [batches.count(list, 25)];
    while (vi.getTimerCount() > 0) {
      nextTask();
      seen.push(batches.count(list, 25));
    }
    expect(seen).toEqual([0, 5, 10, 15, 20, 25]);
    expect(batches.building(list, 25)).toBe(false);
    expect(batches.building(list, 30)).toBe(true);
  });

  it('builds more rows of the same list from those built (Show more), a batch per task', () => {
    const batches = new RowBatches(5);
    const list = {};
    batches.follow(list, 10);
    nextTask();
    nextTask();
    expect(batches.count(list, 10)).toBe(10);
    batches.follow(list, 60);
    expect(batches.count(list, 60)).toBe(10);
    nextTask();
    expect(batches.count(list, 60)).toBe(15);
  });

  it('starts again from none for another list (another filter or evaluation)', () => {
    const batches = new RowBatches(5);
    const first = {};
    batches.follow(first, 25);
    vi.runAllTimers();
    expect(batches.count(first, 25)).toBe(25);
    const second = {};
    expect(batches.count(second, 25)).toBe(0);
    batches.follow(second, 25);
    expect(batches.count(second, 25)).toBe(0);
    nextTask();
    expect(batches.count(second, 25)).toBe(5);
  });

  it('never lists more rows than wanted, and builds nothing once stopped', () => {
    const batches = new RowBatches(5);
    const list = {};
    batches.follow(list, 3);
    nextTask();
    expect(batches.count(list, 3)).toBe(3);
    expect(vi.getTimerCount()).toBe(0);
    batches.follow(list, 25);
    batches.stop();
    vi.runAllTimers();
    expect(batches.count(list, 25)).toBe(3);
  });
});
