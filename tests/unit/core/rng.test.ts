import { describe, expect, it } from 'vitest';
import { Rng, hashString } from '../../../src/core/rng';

const draw = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.next());

describe('Rng', () => {
  it('works with seed 0 (values in [0, 1), not constant)', () => {
    const values = draw(new Rng(0), 100);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBe(100);
  });

  it('gives the same sequence for the same seed', () => {
    expect(draw(new Rng(42), 20)).toEqual(draw(new Rng(42), 20));
    expect(draw(new Rng(-7), 20)).toEqual(draw(new Rng(-7), 20));
  });

  it('gives different sequences for distinct seeds, neighbours included', () => {
    const seeds = [0, 1, 2, -1, 42, 2 ** 31 - 1];
    const firsts = seeds.map((s) => draw(new Rng(s), 3).join(','));
    expect(new Set(firsts).size).toBe(seeds.length);
  });

  it('rejects non-integer seeds', () => {
    expect(() => new Rng(1.5)).toThrow(RangeError);
    expect(() => new Rng(NaN)).toThrow(RangeError);
  });

  it('shuffles into a permutation without changing the input', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const copy = items.slice();
    const shuffled = new Rng(3).shuffle(items);
    expect(items).toEqual(copy);
    expect(shuffled.slice().sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
    expect(new Rng(3).shuffle(items)).toEqual(shuffled);
  });

  it('keeps int within bounds and reaches both ends', () => {
    const rng = new Rng(9);
    const seen = new Set(Array.from({ length: 500 }, () => rng.int(2, 5)));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });

  it('samples k distinct items and picks from non-empty lists only', () => {
    const rng = new Rng(1);
    const sample = rng.sample(['a', 'b', 'c', 'd'], 3);
    expect(sample).toHaveLength(3);
    expect(new Set(sample).size).toBe(3);
    expect(rng.sample(['a'], 5)).toEqual(['a']);
    expect(rng.sample(['a'], -1)).toEqual([]);
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(['x', 'y']).toContain(rng.pick(['x', 'y']));
  });

  it('forks independent, reproducible generators per label', () => {
    const a = new Rng(5).fork('demos');
    const b = new Rng(5).fork('demos');
    const c = new Rng(5).fork('instructions');
    const seqA = draw(a, 5);
    expect(draw(b, 5)).toEqual(seqA);
    expect(draw(c, 5)).not.toEqual(seqA);
  });

  it('hashes strings stably', () => {
    expect(hashString('abc')).toBe(hashString('abc'));
    expect(hashString('abc')).not.toBe(hashString('abd'));
    expect(hashString('')).toBe(0x811c9dc5 | 0);
  });
});
