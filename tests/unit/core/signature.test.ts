import { describe, expect, it } from 'vitest';
import { SignatureError } from '../../../src/core/errors';
import { Signature, defaultInstruction } from '../../../src/core/signature';

describe('Signature.parse', () => {
  it('reads inputs and outputs in order, as text by default', () => {
    const sig = Signature.parse('question, context -> answer');
    expect(sig.inputs.map((f) => f.name)).toEqual(['question', 'context']);
    expect(sig.outputs.map((f) => [f.name, f.type])).toEqual([['answer', 'text']]);
    expect(sig.toString()).toBe('question, context -> answer');
  });

  it('reads types and label sets (with | or , inside the brackets)', () => {
    const sig = Signature.parse(
      'text -> sentiment: label[positive|negative], score: number, tags: LIST, topic: label[a, b ,c]',
    );
    expect(sig.field('sentiment')).toMatchObject({
      type: 'label',
      labels: ['positive', 'negative'],
    });
    expect(sig.field('score')?.type).toBe('number');
    expect(sig.field('tags')?.type).toBe('list');
    expect(sig.field('topic')?.labels).toEqual(['a', 'b', 'c']);
    expect(sig.outputs).toHaveLength(4);
  });

  it('uses the given instruction or DSPy’s default wording', () => {
    expect(Signature.parse('q -> a', '  Answer briefly.  ').instruction).toBe('Answer briefly.');
    const sig = Signature.parse('question, context -> answer');
    expect(sig.instruction).toBe(
      'Given the fields `question`, `context`, produce the fields `answer`.',
    );
    expect(sig.instruction).toBe(defaultInstruction(sig.inputs, sig.outputs));
  });

  it.each([
    ['question answer', /->/],
    ['a -> b -> c', /->/],
    [' -> answer', /input side/],
    ['question -> ', /output side/],
    ['question -> answer: color', /Unknown type "color"/],
    ['question -> label: label', /needs a set of allowed labels/],
    ['question -> label: label[]', /needs a set of allowed labels/],
    ['1st -> answer', /not a valid field name/],
    ['my question -> answer', /not a valid field name/],
    ['question -> question', /used twice/],
  ])('rejects %j with a SignatureError', (text, message) => {
    expect(() => Signature.parse(text)).toThrow(SignatureError);
    expect(() => Signature.parse(text)).toThrow(message);
  });
});

describe('Signature immutability', () => {
  const sig = Signature.parse('question -> answer', 'Answer.');

  it('is frozen, fields and lists included', () => {
    expect(Object.isFrozen(sig)).toBe(true);
    expect(Object.isFrozen(sig.inputs)).toBe(true);
    expect(Object.isFrozen(sig.outputs[0])).toBe(true);
    expect(() => (sig.inputs as unknown as unknown[]).push({})).toThrow(TypeError);
  });

  it('returns new signatures from every change and leaves the original alone', () => {
    const changed = sig
      .withInstruction('Be brief.')
      .withField('input', { name: 'context', description: 'background', type: 'text' })
      .prependOutput({ name: 'reasoning', description: '', type: 'text' });
    expect(changed.toString()).toBe('question, context -> reasoning, answer');
    expect(changed.instruction).toBe('Be brief.');
    expect(sig.toString()).toBe('question -> answer');
    expect(sig.instruction).toBe('Answer.');
    expect(changed.withoutField('context').toString()).toBe('question -> reasoning, answer');
  });

  it('replaces a field by name in withField', () => {
    const typed = sig.withField('output', {
      name: 'answer',
      description: 'a number',
      type: 'number',
    });
    expect(typed.outputs).toHaveLength(1);
    expect(typed.field('answer')).toMatchObject({ type: 'number', description: 'a number' });
  });

  it('does not share state with its JSON form or its input data', () => {
    const data = sig.toJSON();
    data.inputs.push({ name: 'x', description: '', type: 'text' });
    expect(sig.inputs).toHaveLength(1);
    const labels = ['yes', 'no'];
    const labelled = new Signature({
      inputs: [{ name: 'q', description: '', type: 'text' }],
      outputs: [{ name: 'a', description: '', type: 'label', labels }],
    });
    labels.push('maybe');
    expect(labelled.field('a')?.labels).toEqual(['yes', 'no']);
  });

  it('round-trips through JSON', () => {
    const original = Signature.parse('text -> label: label[a|b], n: number', 'Classify.');
    const copy = Signature.fromJSON(JSON.parse(JSON.stringify(original.toJSON())));
    expect(copy.toJSON()).toEqual(original.toJSON());
  });

  it('refuses a signature without inputs or outputs, or with a bad type', () => {
    expect(() => sig.withoutField('answer')).toThrow(/at least one output/);
    expect(() => sig.withoutField('question')).toThrow(/at least one input/);
    expect(
      () =>
        new Signature({
          inputs: [{ name: 'q', description: '', type: 'blob' as 'text' }],
          outputs: [{ name: 'a', description: '', type: 'text' }],
        }),
    ).toThrow(SignatureError);
  });
});

describe('reserved field names', () => {
  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'])(
    'refuses %s with a message that says why',
    (name) => {
      expect(() => Signature.parse(`${name} -> answer`)).toThrow(/is reserved: it is a name/);
      expect(() => Signature.parse(`question -> ${name}`)).toThrow(SignatureError);
    },
  );

  it('still accepts names that merely contain a reserved word', () => {
    expect(Signature.parse('constructor_notes -> to_string').toString()).toBe(
      'constructor_notes -> to_string',
    );
  });
});
