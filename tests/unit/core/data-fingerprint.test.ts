import { describe, expect, it } from 'vitest';
import { dataIdentity } from '../../../src/core/data-fingerprint';
import { makeExample, type Example } from '../../../src/core/example';

const rows = (prefix: string, n: number): Example[] =>
  Array.from({ length: n }, (_, i) =>
    makeExample(`${prefix}-${i}`, { text: `${prefix} text ${i}`, label: i % 2 ? 'a' : 'b' }),
  );

const train = rows('train', 4);
const val = rows('val', 3);
const test = rows('test', 2);

describe('dataIdentity', () => {
  it('counts the splits and gives the same fingerprint for the same examples', () => {
    const id = dataIdentity({ train, val, test });
    expect(id).toMatchObject({ trainExamples: 4, validationExamples: 3, testExamples: 2 });
    expect(id.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Copies with other ids and keys in another order are the same data.
    const copy = (es: Example[]) =>
      es.map((e, i) => makeExample(`row ${i}`, { label: e.data.label!, text: e.data.text! }));
    expect(dataIdentity({ train: copy(train), val: copy(val), test: copy(test) })).toEqual(id);
  });

  it('changes with a value, the order of examples or the split an example is in', () => {
    const id = dataIdentity({ train, val, test }).fingerprint;
    const edited = [makeExample('train-0', { ...train[0]!.data, label: 'c' }), ...train.slice(1)];
    expect(dataIdentity({ train: edited, val, test }).fingerprint).not.toBe(id);
    expect(dataIdentity({ train: [...train].reverse(), val, test }).fingerprint).not.toBe(id);
    const moved = { train: train.slice(0, 3), val: [train[3]!, ...val], test };
    expect(dataIdentity(moved).fingerprint).not.toBe(id);
  });
});
