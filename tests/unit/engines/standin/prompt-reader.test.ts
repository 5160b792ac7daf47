import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../../src/core/adapters/chat-adapter';
import { jsonAdapter } from '../../../../src/core/adapters/json-adapter';
import type { LMRequest } from '../../../../src/core/lm';
import { Signature } from '../../../../src/core/signature';
import { readPrompt } from '../../../../src/engines/standin/prompt-reader';

const signature = new Signature({
  instruction: 'Classify it.\nIf the text mentions "refund", answer billing.',
  inputs: [
    { name: 'text', description: 'The message', type: 'text' },
    { name: 'channel', description: '', type: 'text' },
  ],
  outputs: [
    { name: 'label', description: '', type: 'label', labels: ['billing', 'tech, misc'] },
    { name: 'score', description: '', type: 'number' },
  ],
});
const demos = [
  {
    data: { text: 'I want a refund', channel: 'mail', label: 'billing', score: 3 },
    augmented: false,
  },
];

function request(adapter = chatAdapter): LMRequest {
  return {
    messages: adapter.format(signature, demos, { text: 'My app crashed', channel: 'phone' }),
    temperature: 0,
    topP: 1,
    maxTokens: 100,
    seed: 0,
  };
}

describe('readPrompt', () => {
  it('reads fields, labels (with commas), instruction, demos and inputs of the chat format', () => {
    const p = readPrompt(request());
    expect(p.format).toBe('chat');
    expect(p.inputFields.map((f) => f.name)).toEqual(['text', 'channel']);
    expect(p.outputFields.map((f) => [f.name, f.kind])).toEqual([
      ['label', 'label'],
      ['score', 'number'],
    ]);
    expect(p.outputFields[0]!.labels).toEqual(['billing', 'tech, misc']);
    expect(p.instruction).toBe('Classify it.\nIf the text mentions "refund", answer billing.');
    expect(p.demos).toEqual([
      {
        inputs: { text: 'I want a refund', channel: 'mail' },
        outputs: { label: 'billing', score: '3' },
      },
    ]);
    expect(p.inputs).toEqual({ text: 'My app crashed', channel: 'phone' });
    expect(p.feedback).toBeNull();
  });

  it('reads the JSON format, with JSON demo answers', () => {
    const p = readPrompt(request(jsonAdapter));
    expect(p.format).toBe('json');
    expect(p.demos[0]!.outputs).toEqual({ label: 'billing', score: '3' });
    expect(p.inputs.text).toBe('My app crashed');
  });

  it('recognizes a constraint-feedback retry and keeps the original inputs', () => {
    const base = request();
    const p = readPrompt({
      ...base,
      messages: [
        ...base.messages,
        { role: 'assistant', content: '[[ ## label ## ]]\nbilling team' },
        {
          role: 'user',
          content: 'Your answer broke a rule: label must be one of: billing. Answer again.',
        },
      ],
    });
    expect(p.feedback).toMatch(/broke a rule/);
    expect(p.previousAnswer).toContain('billing team');
    expect(p.inputs).toEqual({ text: 'My app crashed', channel: 'phone' });
    expect(p.demos).toHaveLength(1);
  });

  it('copes with a request without a system message', () => {
    const p = readPrompt({
      messages: [{ role: 'user', content: 'hello' }],
      temperature: 0,
      topP: 1,
      maxTokens: 10,
      seed: 0,
    });
    expect(p.outputFields).toEqual([]);
    expect(p.instruction).toBe('');
  });
});
