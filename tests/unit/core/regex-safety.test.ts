import { describe, expect, it } from 'vitest';
import { slowRegexReason } from '../../../src/core/regex-safety';

describe('slowRegexReason', () => {
  it('refuses a repeated group with an unbounded repeat inside', () => {
    for (const pattern of [
      '^(a+)+$',
      '^(\\w+\\s?)*$',
      '(?:x*y)+',
      '((ab)*c){2,}',
      '(a+){2,30}',
      '^([a-z]+\\.)+[a-z]+$',
      '(?<word>\\w+,?)+',
      '((a)+b)+',
    ])
      expect(slowRegexReason(pattern), pattern).toContain('repeats a group');
  });

  it('names the repeated group as written', () => {
    expect(slowRegexReason('^(\\w+\\s?)*$')).toContain('(\\w+\\s?)*');
  });

  it('lets ordinary patterns through, repeats in classes, escapes and bounded groups too', () => {
    for (const pattern of [
      '\\S',
      '.+',
      '^[A-Z]{2,}$',
      '^(billing|technical)$',
      '(ab)+',
      '(a+)?',
      '(a+){1}',
      '^[\\w+*]+(,[\\w ]?)*$',
      '\\(a+\\)+',
      '[(]a+[)]+',
      '\\p{L}+(-\\p{L})*',
      '(?<n>\\d)\\k<n>+',
      '^\\d{1,3}(\\.\\d)*$',
    ])
      expect(slowRegexReason(pattern), pattern).toBeNull();
  });
});
