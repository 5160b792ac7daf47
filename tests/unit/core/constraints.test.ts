import { describe, expect, it } from 'vitest';
import {
  constraintFromSpec,
  customConstraint,
  describeConstraint,
  validatorFor,
} from '../../../src/core/constraints';
import { predict } from '../../../src/core/program';

describe('constraintFromSpec', () => {
  it('one-of accepts listed values ignoring case by default and rejects others', () => {
    const c = constraintFromSpec({
      kind: 'one-of',
      field: 'label',
      values: ['Positive', 'Negative'],
    });
    expect(c.check('positive', {})).toBeNull();
    expect(c.check(' Negative ', {})).toBeNull();
    expect(c.check('neutral', {})).toMatch(/must be exactly one of: Positive, Negative/);
    expect(c.check(undefined, {})).toMatch(/was nothing/);
  });

  it('one-of can be case sensitive', () => {
    const c = constraintFromSpec({
      kind: 'one-of',
      field: 'label',
      values: ['A'],
      caseSensitive: true,
    });
    expect(c.check('A', {})).toBeNull();
    expect(c.check('a', {})).not.toBeNull();
  });

  it('number checks parse, integer and range', () => {
    const c = constraintFromSpec({ kind: 'number', field: 'n', min: 0, max: 100, integer: true });
    expect(c.check('42', {})).toBeNull();
    expect(c.check(7, {})).toBeNull();
    expect(c.check('1,000', {})).toMatch(/at most 100/);
    expect(c.check('4.5', {})).toMatch(/an integer/);
    expect(c.check('-1', {})).not.toBeNull();
    expect(c.check('forty', {})).not.toBeNull();
  });

  it('regex uses the human description when given', () => {
    const c = constraintFromSpec({
      kind: 'regex',
      field: 'date',
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: 'a date like 2024-01-31',
    });
    expect(c.check('2024-01-31', {})).toBeNull();
    expect(c.check('31/01/2024', {})).toMatch(/must be a date like 2024-01-31/);
    expect(c.description).toBe('a date like 2024-01-31');
  });

  it('refuses a regex that can take exponential time, before any answer is checked', () => {
    // `^(\w+\s?)*$` took minutes on a 40-character answer that does not match, and no
    // RegExp can be interrupted: the worker froze.
    expect(() =>
      constraintFromSpec({ kind: 'regex', field: 'x', pattern: '^(\\w+\\s?)*$' }),
    ).toThrow(/refused: it repeats a group/);
  });

  it('regex with the global flag still checks every call the same way', () => {
    const c = constraintFromSpec({ kind: 'regex', field: 'x', pattern: 'a', flags: 'g' });
    expect(c.check('a', {})).toBeNull();
    expect(c.check('a', {})).toBeNull();
  });

  it('rejects an invalid pattern with an actionable error', () => {
    expect(() => constraintFromSpec({ kind: 'regex', field: 'x', pattern: '(' })).toThrow(
      /not a valid regular expression/,
    );
  });

  it('refuses limits that are no number rather than checking nothing (Infinity, NaN, 1e400)', () => {
    expect(() => constraintFromSpec({ kind: 'number', field: 'n', max: Number('1e400') })).toThrow(
      'The maximum of the number rule on "n" is Infinity; it must be a number from -1e15',
    );
    expect(() => constraintFromSpec({ kind: 'number', field: 'n', min: Number.NaN })).toThrow(
      RangeError,
    );
    expect(() =>
      constraintFromSpec({ kind: 'max-length', field: 's', maxChars: Infinity }),
    ).toThrow('The length limit on "s" is Infinity; it must be a whole number from 1 to 100,000.');
    expect(() => constraintFromSpec({ kind: 'max-length', field: 's', maxChars: 2.5 })).toThrow(
      RangeError,
    );
  });

  it('max-length and json', () => {
    const m = constraintFromSpec({ kind: 'max-length', field: 's', maxChars: 5 });
    expect(m.check('hello', {})).toBeNull();
    expect(m.check('hello!', {})).toMatch(/6 characters/);
    const j = constraintFromSpec({ kind: 'json', field: 'j' });
    expect(j.check('{"a":1}', {})).toBeNull();
    expect(j.check({ a: 1 }, {})).toBeNull();
    expect(j.check('{a:1}', {})).toMatch(/not valid JSON/);
    expect(j.check(undefined, {})).not.toBeNull();
  });

  it('describeConstraint gives human words', () => {
    expect(describeConstraint({ kind: 'number', field: 'n', min: 1 })).toBe(
      'n must be a number, at least 1',
    );
  });
});

describe('customConstraint and validatorFor', () => {
  it('a custom predicate sees the other outputs', () => {
    const c = customConstraint(
      'end',
      'end must not be before start',
      (v, o) => Number(v) >= Number(o.start),
    );
    expect(c.check(5, { start: 3, end: 5 })).toBeNull();
    expect(c.check(1, { start: 3, end: 1 })).toMatch(/end must not be before start/);
  });

  it('checks each predictor only against constraints on its own output fields', () => {
    const validate = validatorFor([
      constraintFromSpec({ kind: 'one-of', field: 'label', values: ['a', 'b'] }),
      constraintFromSpec({ kind: 'max-length', field: 'summary', maxChars: 3 }),
    ]);
    const summarize = predict('summarize', 'text -> summary');
    const classify = predict('classify', 'summary -> label');
    expect(validate(summarize, { summary: 'abc' })).toBeNull();
    expect(validate(summarize, { summary: 'abcd' })).toMatch(/at most 3/);
    expect(validate(classify, { label: 'a' })).toBeNull();
    expect(validate(classify, { label: 'c' })).toMatch(/one of/);
  });

  it('no constraints never complains', () => {
    expect(validatorFor([])(predict('p', 'q -> a'), { a: 'anything' })).toBeNull();
  });
});
