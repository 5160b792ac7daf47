/**
 * Stable keys for the rows of an editable list whose items are replaced on every edit: a row
 * keyed by its index would hand its inputs to the next row on a delete or a move, and a row
 * keyed by its object would be rebuilt (losing focus) on each keystroke. A replacement takes
 * over the key of the item it replaces.
 */
export class RowKeys {
  private readonly ids = new WeakMap<object, number>();
  private last = 0;

  key(item: object): number {
    let id = this.ids.get(item);
    if (id === undefined) {
      id = ++this.last;
      this.ids.set(item, id);
    }
    return id;
  }

  /** `next` now stands where `previous` stood, under the same key. */
  carry(previous: object | undefined, next: object | undefined): void {
    if (previous && next) this.ids.set(next, this.key(previous));
  }
}
