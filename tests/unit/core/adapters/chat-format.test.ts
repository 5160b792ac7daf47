import { describe, expect, it } from 'vitest';
import { dspyChatAdapter as chatAdapter } from '../../../../src/core/adapters/dspy-chat-adapter';
import { CopaError } from '../../../../src/core/errors';
import type { Demo } from '../../../../src/core/example';
import { chainOfThought, effectiveSignature } from '../../../../src/core/program';
import { Signature } from '../../../../src/core/signature';

const qa = new Signature({
  instruction: 'Answer the question from the context.',
  inputs: [
    { name: 'question', description: 'A trivia question', type: 'text' },
    { name: 'context', description: '', type: 'text' },
  ],
  outputs: [
    { name: 'answer', description: '', type: 'text' },
    { name: 'confidence', description: '', type: 'number' },
  ],
});

const demos: Demo[] = [
  {
    data: { question: 'What is 2+2?', context: 'Arithmetic.', answer: '4', confidence: 0.9 },
    augmented: false,
  },
  {
    data: {
      question: 'Which planet is largest?',
      context: 'Jupiter is the largest planet.',
      answer: 'Jupiter',
      confidence: 1,
    },
    augmented: true,
  },
];

// DSPy's exact layout (the app's lean format is tested in lean-chat-format.test.ts).
describe('dspyChatAdapter.format', () => {
  it('lays out a two-input, two-output signature with two demos as DSPy does', () => {
    const messages = chatAdapter.format(qa, demos, {
      question: 'Who wrote Hamlet?',
      context: 'Shakespeare wrote many plays,\nincluding Hamlet.',
    });
    expect(messages).toEqual([
      {
        role: 'system',
        content: `Your input fields are:
1. \`question\` (text): A trivia question
2. \`context\` (text)
Your output fields are:
1. \`answer\` (text)
2. \`confidence\` (number)
All interactions will be structured in the following way, with the appropriate values filled in.

[[ ## question ## ]]
{question}

[[ ## context ## ]]
{context}

[[ ## answer ## ]]
{answer}

[[ ## confidence ## ]]
{confidence}        # note: the value you produce must be a single number.

[[ ## completed ## ]]
In adhering to this structure, your objective is: 
        Answer the question from the context.`,
      },
      {
        role: 'user',
        content: `[[ ## question ## ]]
What is 2+2?

[[ ## context ## ]]
Arithmetic.`,
      },
      {
        role: 'assistant',
        content: `[[ ## answer ## ]]
4

[[ ## confidence ## ]]
0.9

[[ ## completed ## ]]`,
      },
      {
        role: 'user',
        content: `[[ ## question ## ]]
Which planet is largest?

[[ ## context ## ]]
Jupiter is the largest planet.`,
      },
      {
        role: 'assistant',
        content: `[[ ## answer ## ]]
Jupiter

[[ ## confidence ## ]]
1

[[ ## completed ## ]]`,
      },
      {
        role: 'user',
        content: `[[ ## question ## ]]
Who wrote Hamlet?

[[ ## context ## ]]
Shakespeare wrote many plays,
including Hamlet.

Respond with the corresponding output fields, starting with the field \`[[ ## answer ## ]]\`, then \`[[ ## confidence ## ]]\`, and then ending with the marker for \`[[ ## completed ## ]]\`.`,
      },
    ]);
  });

  it('shows label, list and JSON types with their notes and indents a multi-line instruction', () => {
    const sig = Signature.parse(
      'text -> sentiment: label[positive|negative|neutral], tags: list, meta: json',
      'Classify the text.\nBe brief.',
    );
    const system = chatAdapter.format(sig, [], { text: 'x' })[0]?.content ?? '';
    expect(system).toContain('1. `sentiment` (one of: positive, negative, neutral)\n');
    expect(system).toContain('2. `tags` (list)\n3. `meta` (JSON)\n');
    expect(system).toContain(
      '{sentiment}        # note: the value you produce must be exactly one of: positive; negative; neutral\n',
    );
    expect(system).toContain('{tags}        # note: the value you produce must be a JSON array.');
    expect(system).toContain('{meta}        # note: the value you produce must be valid JSON.');
    expect(system).toMatch(/your objective is: \n {8}Classify the text\.\n {8}Be brief\.$/);
  });

  it('writes lists and JSON values as compact JSON and numbers as decimals', () => {
    const sig = Signature.parse('items: list, meta: json, n: number -> out');
    const last = chatAdapter.format(sig, [], { items: ['a', 'b'], meta: { k: [1, 2] }, n: 2.5 });
    expect(last.at(-1)?.content).toContain(
      '[[ ## items ## ]]\n["a","b"]\n\n[[ ## meta ## ]]\n{"k":[1,2]}\n\n[[ ## n ## ]]\n2.5\n\n',
    );
  });

  it('puts the reasoning of ChainOfThought first and omits it in a labeled demo', () => {
    const cot = chainOfThought('qa', 'question -> answer');
    const sig = effectiveSignature(cot);
    const messages = chatAdapter.format(
      sig,
      [
        { data: { question: 'q1', answer: 'a1' }, augmented: false },
        { data: { question: 'q2', reasoning: 'because', answer: 'a2' }, augmented: true },
      ],
      { question: 'q3' },
    );
    expect(messages[0]?.content).toContain(
      'Your output fields are:\n1. `reasoning` (text): Think step by step in order to produce the outputs.\n2. `answer` (text)\n',
    );
    expect(messages[2]?.content).toBe('[[ ## answer ## ]]\na1\n\n[[ ## completed ## ]]');
    expect(messages[4]?.content).toBe(
      '[[ ## reasoning ## ]]\nbecause\n\n[[ ## answer ## ]]\na2\n\n[[ ## completed ## ]]',
    );
    expect(messages.at(-1)?.content).toContain(
      'starting with the field `[[ ## reasoning ## ]]`, then `[[ ## answer ## ]]`, and then ending',
    );
  });

  it('skips demos missing an input or having no output at all', () => {
    const messages = chatAdapter.format(
      qa,
      [
        { data: { question: 'q', answer: 'a' }, augmented: false },
        { data: { question: 'q', context: 'c' }, augmented: false },
        { data: { question: 'q', context: null, answer: 'a' }, augmented: false },
        demos[0] as Demo,
      ],
      { question: 'x', context: 'y' },
    );
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[1]?.content).toContain('What is 2+2?');
  });

  it('refuses inputs that lack a field, naming it', () => {
    expect(() => chatAdapter.format(qa, [], { question: 'q' })).toThrow(CopaError);
    expect(() => chatAdapter.format(qa, [], { question: 'q' })).toThrow(/"context"/);
  });
});
