import { describe, expect, it } from 'vitest';
import { makeExample, type Example } from '../../../../../src/core/example';
import {
  sampleKeepingValues,
  withEveryValueInTraining,
} from '../../../../../src/core/interop/dataset/label-sample';
import { Rng } from '../../../../../src/core/rng';

/** 77 labels: one common one and 76 rare ones (2 examples each). */
function skewed(): Example[] {
  const rows: Example[] = [];
  for (let i = 0; i < 2000; i++)
    rows.push(makeExample(`c${i}`, { text: `c${i}`, label: 'common' }));
  for (let l = 0; l < 76; l++)
    for (let k = 0; k < 2; k++)
      rows.push(makeExample(`r${l}-${k}`, { text: `r${l} ${k}`, label: `rare_${l}` }));
  return rows;
}

const labels = (xs: readonly Example[]): Set<string> =>
  new Set(xs.map((e) => String(e.data.label)));

describe('sampleKeepingValues', () => {
  it('keeps every label that a plain random sample loses', () => {
    const all = skewed();
    const plain = new Rng(3).sample(all, 200);
    expect(labels(plain).size).toBeLessThan(77);
    const kept = sampleKeepingValues(all, 200, ['label'], new Rng(3));
    expect(kept).toHaveLength(200);
    expect(labels(kept).size).toBe(77);
    expect(new Set(kept.map((e) => e.id)).size).toBe(200);
  });

  it('is seeded and returns everything when the set is small enough', () => {
    const all = skewed();
    const ids = (xs: Example[]) => xs.map((e) => e.id);
    expect(ids(sampleKeepingValues(all, 150, ['label'], new Rng(1)))).toEqual(
      ids(sampleKeepingValues(all, 150, ['label'], new Rng(1))),
    );
    expect(sampleKeepingValues(all.slice(0, 10), 50, ['label'], new Rng(1))).toHaveLength(10);
  });
});

describe('withEveryValueInTraining', () => {
  it('moves one example of each label missing from training out of validation or test', () => {
    const ex = (id: string, label: string) => makeExample(id, { text: id, label });
    const splits = {
      train: [ex('t1', 'a')],
      val: [ex('v1', 'a'), ex('v2', 'b'), ex('v3', 'b')],
      test: [ex('s1', 'c'), ex('s2', 'a')],
    };
    const out = withEveryValueInTraining(splits, ['label']);
    expect(labels(out.train)).toEqual(new Set(['a', 'b', 'c']));
    expect(out.val.map((e) => e.id)).toEqual(['v1', 'v3']);
    expect(out.test.map((e) => e.id)).toEqual(['s2']);
    const total = out.train.length + out.val.length + out.test.length;
    expect(total).toBe(6);
  });
});
