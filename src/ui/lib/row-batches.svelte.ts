import { untrack } from 'svelte';

/** Rows built in each task after the one that shows a table. */
export const ROWS_PER_BATCH = 5;

/**
 * How many rows of a table are built, growing a batch per task up to the number wanted: a
 * table's rows built all in one task made a long main-thread task (25 Results rows of a
 * 77-label file took 30-40 ms of a 55-70 ms task on two cores). The task that shows a new
 * list builds none (the first rows cost the most: their templates are made then), and each
 * batch after it is a task of its own, so the page can paint and answer input between them.
 * Rows are only ever added at the end, so the reading and keyboard order of the rows built
 * does not change, and every row wanted is in the page (for a screen reader and the browser's
 * find) a few tasks later.
 */
export class RowBatches {
  private built = $state(0);
  /** The list whose rows are built (another list starts again from none). */
  private list = $state.raw<unknown>(undefined);
  private wanted = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly batch = ROWS_PER_BATCH) {}

  /**
   * How many of `wanted` rows of `list` to list now. A pure read, for the template: none of a
   * list not yet followed (see `follow`), else the rows built so far.
   */
  count(list: unknown, wanted: number): number {
    // Both are read whatever the list, so that what reads the count is told when the list is
    // followed and when rows are added (read only for the list followed, a new list's count
    // read before `follow` stayed at none: its rows were never listed).
    const built = this.built;
    return list === this.list ? Math.min(wanted, built) : 0;
  }

  /**
   * Whether rows of `list` are still to be built: the table says so (aria-busy), so that
   * assistive technology (and a test) can wait for the whole table.
   */
  building(list: unknown, wanted: number): boolean {
    return this.count(list, wanted) < wanted;
  }

  /**
   * Builds `wanted` rows of `list`, a batch per task from the rows there are now (from none
   * for another list). Called from an effect, after the rows of `count` are listed.
   */
  follow(list: unknown, wanted: number): void {
    // The calling effect follows the list and the number wanted, not the rows built.
    untrack(() => this.start(list, wanted));
  }

  /** Stops building (the table is gone). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private start(list: unknown, wanted: number): void {
    if (list !== this.list) {
      this.list = list;
      this.built = 0;
    } else if (wanted < this.built) {
      this.built = wanted;
    }
    this.wanted = wanted;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.built >= this.wanted) return;
    // A task of its own (not a microtask, nor an animation frame, which shares its task with
    // style and layout), so each batch's work is measured and interrupted on its own.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.built = Math.min(this.wanted, this.built + this.batch);
      this.schedule();
    }, 0);
  }
}
