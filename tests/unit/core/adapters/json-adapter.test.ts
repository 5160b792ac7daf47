import { describe, expect, it } from 'vitest';
import { jsonAdapter } from '../../../../src/core/adapters/json-adapter';
import { ParseError } from '../../../../src/core/errors';
import { chainOfThought, effectiveSignature } from '../../../../src/core/program';
import { Signature } from '../../../../src/core/signature';
import { commaLabelSignature } from '../../helpers/comma-labels';

const sig = new Signature({
  instruction: 'Classify the review.',
  inputs: [{ name: 'review', description: 'A product review', type: 'text' }],
  outputs: [
    { name: 'sentiment', description: '', type: 'label', labels: ['positive', 'negative'] },
    { name: 'score', description: 'Stars, 1 to 5', type: 'number' },
    { name: 'aspects', description: '', type: 'list' },
    { name: 'extra', description: '', type: 'json' },
  ],
});

function parseError(text: string, signature: Signature = sig): ParseError {
  try {
    jsonAdapter.parse(signature, text);
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

describe('jsonAdapter.responseSchema', () => {
  it('describes every output with its type, all required, nothing else allowed', () => {
    expect(jsonAdapter.responseSchema?.(sig)).toEqual({
      type: 'object',
      properties: {
        sentiment: { type: 'string', enum: ['positive', 'negative'] },
        score: { type: 'number' },
        aspects: { type: 'array' },
        extra: {},
      },
      required: ['sentiment', 'score', 'aspects', 'extra'],
      additionalProperties: false,
    });
  });

  it('puts the reasoning of ChainOfThought first', () => {
    const cot = effectiveSignature(chainOfThought('qa', 'question -> answer'));
    const schema = jsonAdapter.responseSchema?.(cot);
    expect(Object.keys((schema?.properties ?? {}) as object)).toEqual(['reasoning', 'answer']);
    expect(schema?.required).toEqual(['reasoning', 'answer']);
  });
});

describe('jsonAdapter.format', () => {
  const messages = jsonAdapter.format(
    sig,
    [
      {
        data: {
          review: 'Great.',
          sentiment: 'positive',
          score: '5',
          aspects: ['price'],
          extra: {},
        },
        augmented: false,
      },
      { data: { review: 'Broke.', sentiment: 'negative' }, augmented: false },
    ],
    { review: 'Fine, I guess.' },
  );

  it('describes the outputs as a JSON object in the system message', () => {
    const system = messages[0]?.content ?? '';
    expect(system).toContain('2. `score` (number): Stars, 1 to 5');
    expect(system).toContain(
      'Inputs will have the following structure:\n\n[[ ## review ## ]]\n{review}',
    );
    expect(system).toContain(
      'Outputs will be a JSON object with the following fields, in this order.\n\n{\n  "sentiment": "{sentiment}        # note: the value you produce must be exactly one of: positive; negative",\n  "score": "{score}        # note: the value you produce must be a single number.",',
    );
    expect(system).toMatch(/your objective is: \n {8}Classify the review\.$/);
  });

  it('lists labels holding a comma with `;` between them, so each label stays whole', () => {
    const commas = commaLabelSignature();
    const system = jsonAdapter.format(commas, [], { question: 'Sure?' })[0]?.content ?? '';
    expect(system).toContain('1. `reply` (one of: Yes, definitely; No)');
  });

  it('writes demo answers as JSON objects with typed values, omitting missing outputs', () => {
    expect(messages[1]).toEqual({ role: 'user', content: '[[ ## review ## ]]\nGreat.' });
    expect(JSON.parse(messages[2]?.content ?? '')).toEqual({
      sentiment: 'positive',
      score: 5,
      aspects: ['price'],
      extra: {},
    });
    expect(JSON.parse(messages[4]?.content ?? '')).toEqual({ sentiment: 'negative' });
  });

  it('ends the final user turn with the field order', () => {
    expect(messages.at(-1)).toEqual({
      role: 'user',
      content:
        '[[ ## review ## ]]\nFine, I guess.\n\nRespond with a JSON object in the following order of fields: `sentiment`, then `score`, then `aspects`, then `extra`.',
    });
  });
});

describe('jsonAdapter.parse', () => {
  const expected = { sentiment: 'positive', score: 4, aspects: ['battery'], extra: { a: 1 } };

  it('reads a plain JSON object', () => {
    expect(jsonAdapter.parse(sig, JSON.stringify(expected))).toEqual(expected);
  });

  it('reads an object inside fences and surrounded by prose', () => {
    const text =
      'Here is the result:\n```json\n{"sentiment": "positive", "score": 4, "aspects": ["battery"], "extra": {"a": 1}}\n```\nLet me know!';
    expect(jsonAdapter.parse(sig, text)).toEqual(expected);
    const bare =
      'Sure {"sentiment": "positive", "score": 4, "aspects": ["battery"], "extra": {"a": "}"}} done';
    expect(jsonAdapter.parse(sig, bare)).toEqual({ ...expected, extra: { a: '}' } });
  });

  it('repairs an object small models wrote almost as JSON, but reads no JSON into prose', () => {
    const almost =
      "Answer: {'sentiment': 'positive', score: 4, 'aspects': ['battery',], 'extra': {'a': 1},} // done";
    expect(jsonAdapter.parse(sig, almost)).toEqual(expected);
    expect(() => jsonAdapter.parse(sig, 'positive, four stars, battery')).toThrow();
  });

  it('coerces values: label case, numbers in strings, key case', () => {
    const text = '{"Sentiment": "NEGATIVE.", "score": "about 2 stars", "aspects": [], "extra": 3}';
    expect(jsonAdapter.parse(sig, text)).toEqual({
      sentiment: 'negative',
      score: 2,
      aspects: [],
      extra: 3,
    });
  });

  it('returns a label outside the set as given', () => {
    const two = Signature.parse('review -> sentiment: label[positive|negative], score: number');
    expect(jsonAdapter.parse(two, '{"sentiment": "mixed", "score": 3}')).toEqual({
      sentiment: 'mixed',
      score: 3,
    });
  });

  it('fails naming missing keys, null values and unreadable values, keeping the raw text', () => {
    const text = '{"sentiment": "positive", "score": "many", "extra": null}';
    const err = parseError(text);
    expect(err.rawText).toBe(text);
    expect(err.missingFields).toEqual(['aspects', 'extra', 'score']);
    expect(err.message).toContain('"aspects", "extra"');
    expect(err.message).toMatch(/"score" should be a number/);
  });

  it('fails when there is no JSON object, naming every output', () => {
    const err = parseError('I think it is positive.');
    expect(err.missingFields).toEqual(['sentiment', 'score', 'aspects', 'extra']);
    expect(err.rawText).toBe('I think it is positive.');
    expect(parseError('{"sentiment": "positive",').missingFields).toHaveLength(4);
  });

  it('falls back to field markers, or plain text for a lone output', () => {
    const two = Signature.parse('q -> a, b: number');
    expect(jsonAdapter.parse(two, '[[ ## a ## ]]\nx\n[[ ## b ## ]]\n2')).toEqual({ a: 'x', b: 2 });
    expect(jsonAdapter.parse(Signature.parse('q -> a'), 'just text')).toEqual({ a: 'just text' });
    expect(() => jsonAdapter.parse(Signature.parse('q -> a: json'), 'just text')).toThrow(
      ParseError,
    );
  });

  it('falls back to `Name: value` lines, and drops a lone output’s own header', () => {
    // A model not held to the schema (a local server's) may drop JSON altogether.
    const two = Signature.parse('q -> a, b: number');
    expect(jsonAdapter.parse(two, 'A: x\n**B:** 2')).toEqual({ a: 'x', b: 2 });
    expect(parseError('Sentiment: positive').missingFields).toEqual(['score', 'aspects', 'extra']);
    expect(jsonAdapter.parse(Signature.parse('q -> a'), 'A: just text')).toEqual({
      a: 'just text',
    });
  });

  it('reads a ChainOfThought object', () => {
    const cot = effectiveSignature(chainOfThought('qa', 'question -> answer: number'));
    expect(jsonAdapter.parse(cot, '{"reasoning": "2+2", "answer": 4}')).toEqual({
      reasoning: '2+2',
      answer: 4,
    });
  });
});
