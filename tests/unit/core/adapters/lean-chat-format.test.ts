import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../../src/core/adapters/chat-adapter';
import { dspyChatAdapter } from '../../../../src/core/adapters/dspy-chat-adapter';
import type { ChatMessage } from '../../../../src/core/lm';
import { Signature } from '../../../../src/core/signature';
import { readPrompt } from '../../../../src/engines/standin/prompt-reader';

const sig = Signature.parse(
  'ticket -> department: label[billing|technical|account], urgency: number',
  'Route the ticket.\nUrgent when the customer cannot work.',
);
const demos = [
  {
    id: 'd',
    data: { ticket: 'Refund please', department: 'billing', urgency: 2 },
    augmented: false,
  },
];
const inputs = { ticket: 'My app crashed' };
const chars = (messages: ChatMessage[]): number =>
  messages.reduce((n, m) => n + m.content.length, 0);

describe('the lean chat format', () => {
  const messages = chatAdapter.format(sig, demos, inputs);
  const system = messages[0]?.content ?? '';

  it('lists each label once, names the output markers once, at the end of the last turn', () => {
    expect(system.match(/technical/g)).toHaveLength(1);
    // The answer's layout is the final turn's closing line; the system message does not repeat it.
    expect(system).not.toContain('[[ ##');
    expect(system).not.toContain('{ticket}');
    expect(
      system.endsWith('Route the ticket.\n        Urgent when the customer cannot work.'),
    ).toBe(true);
    const last = messages[messages.length - 1]?.content ?? '';
    expect(last).toContain('[[ ## ticket ## ]]\nMy app crashed');
    expect(last).toMatch(
      /Respond with \[\[ ## department ## \]\], then \[\[ ## urgency ## \]\]\.$/,
    );
  });

  it('neither shows nor asks for the completed marker (the end of the turn closes an answer)', () => {
    for (const m of messages) expect(m.content).not.toContain('completed');
    expect(messages[2]?.content).toBe('[[ ## department ## ]]\nbilling\n\n[[ ## urgency ## ]]\n2');
    // A model that writes it anyway, as DSPy's format taught many, stops there and is read.
    expect(chatAdapter.stop?.(sig)).toContain('[[ ## completed ## ]]');
    const answer =
      '[[ ## department ## ]]\ntechnical\n\n[[ ## urgency ## ]]\n3\n\n[[ ## completed ## ]]';
    expect(chatAdapter.parse(sig, answer)).toEqual({ department: 'technical', urgency: 3 });
  });

  it('keeps the wording DSPy-style readers look for: the objective sentence and a comma list', () => {
    expect(system).toContain('1. `department` (one of: billing, technical, account)\n');
    expect(system).toMatch(
      /In adhering to this structure, your objective is: \n {8}Route the ticket\.\n {8}Urgent/,
    );
    // A label holding a comma would make a comma list ambiguous: then `;` separates them.
    const commas = new Signature({
      instruction: 'Size it.',
      inputs: [{ name: 'text', description: '', type: 'text' }],
      outputs: [
        { name: 'size', description: '', type: 'label', labels: ['small, cheap', 'large'] },
      ],
    });
    const tagged = chatAdapter.format(commas, [], { text: 'x' })[0]?.content ?? '';
    expect(tagged).toContain('(one of: small, cheap; large)');
    const read = readPrompt({
      messages: chatAdapter.format(commas, [], { text: 'x' }),
      temperature: 0,
      topP: 1,
      maxTokens: 9,
      seed: 0,
    });
    expect(read.outputFields[0]?.labels).toEqual(['small, cheap', 'large']);
  });

  it('is shorter than DSPy’s wording for the same content', () => {
    const dspy = dspyChatAdapter.format(sig, demos, inputs);
    expect(messages.length).toBe(dspy.length);
    expect(chars(messages)).toBeLessThan(0.8 * chars(dspy));
  });

  it('is read back by the stand-in models', () => {
    const p = readPrompt({ messages, temperature: 0, topP: 1, maxTokens: 40, seed: 0 });
    expect(p.outputFields.map((f) => [f.name, f.kind])).toEqual([
      ['department', 'label'],
      ['urgency', 'number'],
    ]);
    expect(p.outputFields[0]?.labels).toEqual(['billing', 'technical', 'account']);
    expect(p.instruction).toBe('Route the ticket.\nUrgent when the customer cannot work.');
    expect(p.demos).toEqual([
      { inputs: { ticket: 'Refund please' }, outputs: { department: 'billing', urgency: '2' } },
    ]);
    expect(p.inputs).toEqual({ ticket: 'My app crashed' });
  });

  it('parses its own demo answers', () => {
    const answer = messages[2]?.content ?? '';
    expect(chatAdapter.parse(sig, answer)).toEqual({ department: 'billing', urgency: 2 });
  });
});
