import { describe, expect, it } from 'vitest';
import { ProgramStateError } from '../../../src/core/errors';
import {
  Program,
  REASONING_FIELD,
  chainOfThought,
  effectiveSignature,
  predict,
} from '../../../src/core/program';
import { Signature } from '../../../src/core/signature';

const pipeline = new Program(
  [
    chainOfThought('search', Signature.parse('question -> query', 'Write a search query.'), [
      { data: { question: 'Who?', query: 'who is' }, augmented: true, sourceId: 't1' },
    ]),
    predict('answer', 'question, query -> answer: label[yes|no], confidence: number'),
  ],
  'Two-step QA',
);

describe('Program state', () => {
  it('round-trips exactly through JSON', () => {
    const json = JSON.stringify(pipeline.toState());
    const restored = Program.fromState(JSON.parse(json));
    expect(JSON.stringify(restored.toState())).toBe(json);
    expect(restored.description).toBe('Two-step QA');
    expect(restored.predictor('search').chainOfThought).toBe(true);
  });

  it('round-trips after changes to instructions and demos', () => {
    const changed = pipeline
      .withInstruction('answer', 'Answer yes or no.')
      .withDemos('answer', [
        { data: { question: 'q', query: 'x', answer: 'yes' }, augmented: false },
      ]);
    const json = JSON.stringify(changed.toState());
    expect(JSON.stringify(Program.fromState(JSON.parse(json)).toState())).toBe(json);
    // The original is untouched.
    expect(pipeline.predictor('answer').demos).toHaveLength(0);
  });

  it('gives a state that does not share demos with the program', () => {
    const state = pipeline.toState();
    state.steps[0]!.demos[0]!.data.question = 'changed';
    expect(pipeline.predictor('search').demos[0]?.data.question).toBe('Who?');
  });

  it.each([
    [null, /must be an object/],
    [{ version: 1 }, /"steps" list/],
    [{ version: 2, steps: [] }, /version 2 is not supported/],
    [{ version: 1, steps: [] }, /at least one predictor/],
    [{ version: 1, steps: [{ name: 'a' }] }, /Step 1 .* malformed/],
    [
      {
        version: 1,
        steps: [{ name: 'a', signature: { instruction: '', inputs: [], outputs: [] }, demos: [] }],
      },
      /at least one input/,
    ],
    [
      {
        version: 1,
        steps: [{ name: 'a', signature: Signature.parse('q -> a').toJSON() }],
      },
      /no demos list/,
    ],
  ])('rejects an invalid state %#', (state, message) => {
    expect(() => Program.fromState(state)).toThrow(message);
  });
});

describe('Program structure', () => {
  it('lists the inputs the caller supplies and every step’s outputs', () => {
    expect(pipeline.inputFields).toEqual(['question']);
    expect(pipeline.outputFields).toEqual(['query', 'answer', 'confidence']);
  });

  it('adds the reasoning field only to the signature the model sees', () => {
    const search = pipeline.predictor('search');
    expect(search.signature.outputs.map((f) => f.name)).toEqual(['query']);
    expect(effectiveSignature(search).outputs.map((f) => f.name)).toEqual([
      REASONING_FIELD.name,
      'query',
    ]);
    expect(pipeline.outputFields).not.toContain('reasoning');
  });

  it('rejects duplicate names, unknown predictors and reading a field before it is made', () => {
    expect(() => new Program([predict('a', 'q -> x'), predict('a', 'x -> y')])).toThrow(
      ProgramStateError,
    );
    expect(() => pipeline.predictor('nope')).toThrow(/No predictor named "nope"/);
    expect(() => pipeline.withInstruction('nope', 'x')).toThrow(ProgramStateError);
    expect(() => new Program([predict('first', 'q, y -> x'), predict('second', 'x -> y')])).toThrow(
      /reads "y" before it is made/,
    );
    expect(() => new Program([])).toThrow(/at least one predictor/);
  });

  it('lets several steps read the same program input', () => {
    const hop = new Program([
      predict('one', 'question -> query'),
      predict('two', 'question, query -> answer'),
    ]);
    expect(hop.inputFields).toEqual(['question']);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(pipeline)).toBe(true);
    expect(Object.isFrozen(pipeline.steps)).toBe(true);
  });
});
