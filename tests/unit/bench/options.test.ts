import { describe, expect, it } from 'vitest';
import {
  parseContextWindow,
  parseList,
  parseOverrides,
  parseSeeds,
} from '../../../scripts/bench/options';

describe('bench env knobs', () => {
  const known = ['trec', 'sst2', 'clinc150'];

  it('a list falls back when unset or empty and keeps the order given', () => {
    expect(parseList('BENCH_TASKS', undefined, known)).toEqual(known);
    expect(parseList('BENCH_TASKS', ' ', known, ['trec'])).toEqual(['trec']);
    expect(parseList('BENCH_TASKS', 'clinc150, trec', known)).toEqual(['clinc150', 'trec']);
  });

  it('a typo names itself and the choices instead of running nothing', () => {
    expect(() => parseList('BENCH_TASKS', 'trec,clinc', known)).toThrow(
      /BENCH_TASKS: unknown clinc; choose from trec, sst2, clinc150/,
    );
  });

  it('seeds take lists and ranges', () => {
    expect(parseSeeds(undefined, [0, 1])).toEqual([0, 1]);
    expect(parseSeeds('0-4', [])).toEqual([0, 1, 2, 3, 4]);
    expect(parseSeeds('7, 1-2', [])).toEqual([7, 1, 2]);
    expect(() => parseSeeds('a', [])).toThrow(/BENCH_SEEDS/);
  });

  it('a context window is a whole number of tokens, or none', () => {
    expect(parseContextWindow(undefined)).toBeUndefined();
    expect(parseContextWindow(' ')).toBeUndefined();
    expect(parseContextWindow('4096')).toBe(4096);
    expect(() => parseContextWindow('4k')).toThrow(/BENCH_CONTEXT_WINDOW/);
    expect(() => parseContextWindow('100')).toThrow(/≥ 256/);
  });

  it('overrides must be a JSON object', () => {
    expect(parseOverrides('BENCH_COPA', undefined)).toEqual({});
    expect(parseOverrides('BENCH_COPA', '{"cycles":2}')).toEqual({ cycles: 2 });
    expect(() => parseOverrides('BENCH_COPA', '[1]')).toThrow(/JSON object/);
  });
});
