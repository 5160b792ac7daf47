import { describe, expect, it } from 'vitest';
import { secondsLeft, timeLeftWords } from '../../../src/ui/lib/time-left';

const MB = 1024 * 1024;

describe('secondsLeft', () => {
  it('divides the bytes still to load by the rate since the first reading', () => {
    // 100 MB in 10 s = 10 MB/s; 25% of 400 MB done, so 300 MB (30 s) to go.
    const left = secondsLeft(
      { atMs: 0, bytes: 0, percent: 0 },
      { atMs: 10_000, bytes: 100 * MB, percent: 25 },
    );
    expect(left).toBeCloseTo(30, 6);
  });

  it('uses only the bytes loaded since the first reading (a resumed download)', () => {
    const left = secondsLeft(
      { atMs: 0, bytes: 200 * MB, percent: 50 },
      { atMs: 10_000, bytes: 300 * MB, percent: 75 },
    );
    expect(left).toBeCloseTo(10, 6);
  });

  it('says nothing before it can tell, and 0 when done', () => {
    const first = { atMs: 0, bytes: 0, percent: 0 };
    expect(secondsLeft(first, { atMs: 500, bytes: MB, percent: 1 })).toBeNull();
    expect(secondsLeft(first, { atMs: 5000, bytes: 0, percent: 0 })).toBeNull();
    expect(secondsLeft(first, { atMs: 5000, bytes: MB, percent: 0 })).toBeNull();
    expect(secondsLeft(first, { atMs: 5000, bytes: MB, percent: 100 })).toBe(0);
  });
});

describe('timeLeftWords', () => {
  it('uses seconds up to 90 s, then minutes', () => {
    expect(timeLeftWords(29.6)).toBe('about 30 s left');
    expect(timeLeftWords(0.2)).toBe('about 1 s left');
    expect(timeLeftWords(200)).toBe('about 3 min left');
    expect(timeLeftWords(null)).toBe('');
    expect(timeLeftWords(Infinity)).toBe('');
  });
});
