import { makeExample, type Example, type FieldValues } from '../core/example';
import { Rng } from '../core/rng';
import type { SplitSizes } from './task';

/**
 * Draws distinct examples from a generator and deals them into train/val/test. Examples are
 * distinct by `keyField` (so no input is in two splits); ids are stable: `<task>-<split>-NNN`.
 */
export function generateSplits(
  taskId: string,
  seed: number,
  sizes: SplitSizes,
  keyField: string,
  generate: (rng: Rng) => FieldValues,
): { train: Example[]; val: Example[]; test: Example[] } {
  const rng = new Rng(seed).fork(taskId);
  const total = sizes.train + sizes.val + sizes.test;
  const seen = new Set<string>();
  const rows: FieldValues[] = [];
  for (let tries = 0; rows.length < total; tries++) {
    if (tries > total * 50)
      throw new Error(`The ${taskId} generator could not make ${total} distinct examples.`);
    const row = generate(rng);
    const key = String(row[keyField]);
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(row);
  }
  const deal = (split: string, from: number, count: number): Example[] =>
    rows
      .slice(from, from + count)
      .map((data, i) => makeExample(`${taskId}-${split}-${String(i + 1).padStart(3, '0')}`, data));
  return {
    train: deal('train', 0, sizes.train),
    val: deal('val', sizes.train, sizes.val),
    test: deal('test', sizes.train + sizes.val, sizes.test),
  };
}
