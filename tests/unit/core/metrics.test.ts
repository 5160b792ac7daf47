import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../src/core/adapters/chat-adapter';
import type { FieldValues } from '../../../src/core/example';
import { ScriptedLM } from '../helpers/scripted-lm';
import {
  METRICS,
  contains,
  exactMatch,
  extractNumber,
  jsonFieldMatch,
  labelMatch,
  makeMetric,
  normalizeAnswer,
  normalizedMatch,
  numberWithinTolerance,
  tokenF1,
} from '../../../src/core/metrics';
import type { ComparisonMetric } from '../../../src/core/metric';

function score(
  metric: ComparisonMetric,
  gold: FieldValues[string],
  predicted: FieldValues[string],
): number {
  return metric({ id: 'e', data: { answer: gold } }, { answer: predicted });
}

describe('exactMatch', () => {
  const m = exactMatch('answer');
  it('ignores surrounding spaces only', () => {
    expect(score(m, 'Paris', ' Paris\n')).toBe(1);
    expect(score(m, 'Paris', 'paris')).toBe(0);
  });
  it('scores 0 when the prediction lacks the field', () => {
    expect(m({ id: 'e', data: { answer: 'x' } }, {})).toBe(0);
  });
  it('compares non-strings by canonical JSON', () => {
    expect(score(m, { a: 1, b: 2 }, { b: 2, a: 1 })).toBe(1);
    expect(score(m, 3, '3')).toBe(1);
  });
  it('accepts any of a list of gold answers', () => {
    expect(score(m, ['Paris', 'City of Paris'], 'City of Paris')).toBe(1);
    expect(score(m, ['Paris'], 'Lyon')).toBe(0);
  });
});

describe('normalizedMatch and normalizeAnswer', () => {
  it('ignores case, punctuation, articles and extra spaces', () => {
    expect(normalizeAnswer('  The  Eiffel-Tower! ')).toBe('eiffel tower');
    expect(score(normalizedMatch('answer'), 'the Eiffel Tower', 'Eiffel tower.')).toBe(1);
    expect(score(normalizedMatch('answer'), 'Eiffel Tower', 'Tower')).toBe(0);
  });
  it('keeps words that merely contain an article', () => {
    expect(normalizeAnswer('Theatre an Anthem')).toBe('theatre anthem');
  });
});

describe('tokenF1', () => {
  const m = tokenF1('answer');
  it('gives partial credit for overlapping words', () => {
    // gold: [barack, obama], pred: [president, barack, obama] -> p 2/3, r 1, f1 0.8
    expect(score(m, 'Barack Obama', 'President Barack Obama')).toBeCloseTo(0.8);
    expect(score(m, 'Barack Obama', 'the Barack Obama')).toBe(1);
    expect(score(m, 'Barack Obama', 'George Bush')).toBe(0);
  });
  it('counts repeated words only as often as the gold has them', () => {
    // gold [go go], pred [go]: precision 1, recall 0.5
    expect(score(m, 'go go', 'go')).toBeCloseTo(2 / 3);
  });
  it('scores empty against non-empty as 0 and empty against empty as 1', () => {
    expect(score(m, 'the', '')).toBe(1);
    expect(score(m, 'answer', '')).toBe(0);
  });
});

describe('contains', () => {
  const m = contains('answer');
  it('finds the gold answer as whole words', () => {
    expect(score(m, 'Paris', 'I think it is Paris, France.')).toBe(1);
    expect(score(m, 'art', 'It is Paris.')).toBe(0);
    expect(score(m, 'par', 'It is Paris.')).toBe(0);
  });
});

describe('extractNumber and numberWithinTolerance', () => {
  it.each([
    ['$1,234.50', 1234.5],
    ['#### 72', 72],
    ['She has 3 apples and 5 pears, so 8 in all.', 8],
    ['Step 1: 2+2 = 4 #### 4\nextra 99', 4],
    ['-17 degrees', -17],
    ['\u22125', -5],
    ['pages 10-20', 20],
    ['50%', 50],
    ['.5', 0.5],
    ['12,34', 34],
  ])('reads %j as %d', (text, expected) => {
    expect(extractNumber(text)).toBe(expected);
  });
  it('gives NaN when there is no number', () => {
    expect(extractNumber('no idea')).toBeNaN();
    expect(extractNumber(true)).toBeNaN();
  });
  it('scores numbers within the absolute tolerance', () => {
    expect(score(numberWithinTolerance('answer'), '#### 1,000', 'The answer is $1000.')).toBe(1);
    expect(score(numberWithinTolerance('answer', 0.01), 3.16, '3.14')).toBe(0);
    expect(score(numberWithinTolerance('answer', 0.01), 3.141, '3.14')).toBe(1);
    expect(score(numberWithinTolerance('answer'), 72, 'seventy-two')).toBe(0);
  });
  it('rejects a negative tolerance', () => {
    expect(() => numberWithinTolerance('answer', -1)).toThrow(/tolerance/);
  });
});

describe('labelMatch', () => {
  const m = labelMatch('answer');
  it('ignores case and surrounding punctuation', () => {
    expect(score(m, 'positive', ' Positive. ')).toBe(1);
    expect(score(m, 'positive', '"POSITIVE"')).toBe(1);
    expect(score(m, 'positive', 'negative')).toBe(0);
    expect(score(m, 'positive', 'not positive')).toBe(0);
  });
});

describe('jsonFieldMatch', () => {
  it('scores the fraction of gold keys that match', () => {
    const m = jsonFieldMatch('answer');
    const gold = { name: 'Ada', year: 1815, city: 'London' };
    expect(score(m, gold, { name: 'ada ', year: 1815, city: 'Paris' })).toBeCloseTo(2 / 3);
    expect(score(m, gold, JSON.stringify(gold))).toBe(1);
    expect(score(m, gold, 'not json')).toBe(0);
    expect(score(m, gold, [1, 2])).toBe(0);
  });
  it('compares only the chosen keys', () => {
    const m = jsonFieldMatch('answer', ['year']);
    expect(score(m, { name: 'Ada', year: 1815 }, { name: 'Bob', year: 1815 })).toBe(1);
  });
});

describe('METRICS registry', () => {
  it('has unique ids, and every metric scores a perfect answer as 1 and lies in [0, 1]', async () => {
    expect(new Set(METRICS.map((m) => m.id)).size).toBe(METRICS.length);
    // The LLM judge asks a model: this one says no.
    const context = { lm: new ScriptedLM(() => 'no'), adapter: chatAdapter };
    for (const def of METRICS) {
      const metric = def.make('answer');
      const gold = def.id === 'json_field_match' ? { a: 1 } : '42';
      const scored = (answer: FieldValues[string]) =>
        metric({ id: 'e', data: { answer: gold } }, { answer }, undefined, context);
      expect(await scored(gold), def.id).toBe(1);
      const wrong = await scored('something else');
      expect(wrong).toBeGreaterThanOrEqual(0);
      expect(wrong).toBeLessThan(1);
      expect(def.name.length).toBeGreaterThan(0);
      expect(def.description.length).toBeGreaterThan(0);
    }
  });
  it('passes options through and rejects unknown ids', async () => {
    const loose = makeMetric('number_within_tolerance', 'answer', { tolerance: 1 });
    expect(await loose({ id: 'e', data: { answer: 10 } }, { answer: '10.9' })).toBe(1);
    expect(() => makeMetric('bleu', 'answer')).toThrow(/Unknown metric "bleu"/);
  });
});
