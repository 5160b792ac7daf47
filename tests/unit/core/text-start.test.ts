import { describe, expect, it } from 'vitest';
import { characterCount, textStart } from '../../../src/core/text-start';

const FAMILY = '👩‍👩‍👧‍👦'; // 7 code points, one grapheme
const THUMB = '👍🏽'; // 2 code points (a skin tone), one grapheme
const FLAG = '🇫🇷'; // 2 regional indicators, one grapheme

describe('textStart', () => {
  it('leaves a value within both limits alone', () => {
    expect(textStart('', 10, 2)).toBeNull();
    expect(textStart('exactly10!', 10, 2)).toBeNull();
    expect(textStart('one\ntwo', 10, 2)).toBeNull();
    // Ten characters of emoji are more than ten UTF-16 units, but not more than ten characters.
    expect(textStart(THUMB.repeat(5), 10)).toBeNull();
  });

  it('cuts a longer value at the character limit', () => {
    expect(textStart('abcdefghijk', 10)).toBe('abcdefghij');
    expect(textStart('x'.repeat(100_000), 300)).toBe('x'.repeat(300));
  });

  it('cuts before the grapheme that would pass the limit, never inside it', () => {
    // 9 letters, then an emoji of 2 code points: it does not fit in 10, and is not halved.
    expect(textStart(`abcdefghi${THUMB}z`, 10)).toBe('abcdefghi');
    expect(textStart(`abcdefgh${THUMB}z`, 10)).toBe(`abcdefgh${THUMB}`);
    const families = textStart(FAMILY.repeat(5), 20);
    expect(families).toBe(FAMILY.repeat(2));
    expect(textStart(`${FLAG}${FLAG}${FLAG}`, 5)).toBe(`${FLAG}${FLAG}`);
    // An accent written as a combining mark stays with its letter.
    expect(textStart('cafe\u0301 au lait', 4)).toBe('caf');
  });

  it('never leaves half of a surrogate pair at the end', () => {
    const text = '😀'.repeat(400);
    for (const max of [1, 2, 3, 99, 299]) {
      // A slice by UTF-16 units would end in a lone high surrogate for every odd limit.
      expect(textStart(text, max)).toBe('😀'.repeat(max));
    }
  });

  it('cuts a value of many short lines after its last allowed line', () => {
    expect(textStart('1\n2\n3\n4', 100, 3)).toBe('1\n2\n3');
    expect(textStart('1\r\n2\r\n3\r\n4', 100, 3)).toBe('1\r\n2\r\n3');
    expect(textStart('1\n2\n3', 100, 3)).toBeNull();
  });
});

describe('characterCount', () => {
  it('counts code points: a surrogate pair is one character', () => {
    expect(characterCount('abc')).toBe(3);
    expect(characterCount('😀😀')).toBe(2);
    expect(characterCount(FAMILY)).toBe(7);
    expect(characterCount('مرحبا')).toBe(5);
  });
});
