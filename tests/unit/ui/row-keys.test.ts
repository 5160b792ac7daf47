import { describe, expect, it } from 'vitest';
import { RowKeys } from '../../../src/ui/lib/row-keys';

describe('RowKeys', () => {
  it('gives each item its own key and keeps it through a move or a delete of another row', () => {
    const rows = new RowKeys();
    const list = [{ n: 'a' }, { n: 'b' }, { n: 'c' }];
    const before = list.map((x) => rows.key(x));
    expect(new Set(before).size).toBe(3);
    list.splice(0, 1);
    expect(list.map((x) => rows.key(x))).toEqual(before.slice(1));
  });

  it('hands the key of a replaced item to its replacement, and only to it', () => {
    const rows = new RowKeys();
    const old = { n: 'a' };
    const other = { n: 'b' };
    const key = rows.key(old);
    const next = { ...old, n: 'a2' };
    rows.carry(old, next);
    expect(rows.key(next)).toBe(key);
    expect(rows.key(other)).not.toBe(key);
    expect(rows.key({ n: 'a' })).not.toBe(key);
  });
});
