import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { sampleWithEveryLabel } from '../../../scripts/bench/stratified-sample';

type Row = { id: number; label: string };

/** `labels` labels with `per` rows each, in label blocks. */
function rows(labels: number, per: number): Row[] {
  return Array.from({ length: labels * per }, (_, i) => ({
    id: i,
    label: `l${Math.floor(i / per)}`,
  }));
}

const labelOf = (r: Row): string => r.label;

describe('sampleWithEveryLabel', () => {
  it('holds every label, ⌊n / labels⌋ times or more, with n distinct rows', () => {
    const picked = sampleWithEveryLabel(rows(150, 100), labelOf, 320, new Rng(0));
    expect(picked).toHaveLength(320);
    expect(new Set(picked.map((r) => r.id)).size).toBe(320);
    const counts = new Map<string, number>();
    for (const r of picked) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
    expect(counts.size).toBe(150);
    expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(2);
  });

  it('is fixed by the generator and does not group rows by label', () => {
    const a = sampleWithEveryLabel(rows(10, 20), labelOf, 30, new Rng(7));
    const b = sampleWithEveryLabel(rows(10, 20), labelOf, 30, new Rng(7));
    const c = sampleWithEveryLabel(rows(10, 20), labelOf, 30, new Rng(8));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.slice(0, 10).map(labelOf)).not.toEqual(a.slice(0, 10).map(labelOf).sort());
  });

  it('does not depend on the order the labels come in', () => {
    const data = rows(5, 10);
    const reversedBlocks = [...data.slice(40), ...data.slice(30, 40), ...data.slice(0, 30)];
    expect(sampleWithEveryLabel(reversedBlocks, labelOf, 12, new Rng(3))).toEqual(
      sampleWithEveryLabel(data, labelOf, 12, new Rng(3)),
    );
  });

  it('refuses a sample too small for every label, or larger than the data', () => {
    expect(() => sampleWithEveryLabel(rows(150, 2), labelOf, 149, new Rng(0))).toThrow(
      /all 150 labels/,
    );
    expect(() => sampleWithEveryLabel(rows(3, 2), labelOf, 7, new Rng(0))).toThrow(RangeError);
  });

  it('refuses when a label has fewer rows than its share', () => {
    const uneven = [...rows(2, 5), { id: 99, label: 'rare' }];
    expect(() => sampleWithEveryLabel(uneven, labelOf, 9, new Rng(0))).toThrow(/"rare"/);
  });
});
