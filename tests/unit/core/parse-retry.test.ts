import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../src/core/adapters/chat-adapter';
import { predict } from '../../../src/core/program';
import { isParseFailure, runPredictor } from '../../../src/core/run-program';
import { Signature } from '../../../src/core/signature';
import { ScriptedLM } from '../helpers/scripted-lm';

const route = predict(
  'route',
  Signature.parse('ticket -> queue: label[billing|technical_support]'),
);
const twoOutputs = predict('split', 'ticket -> queue, urgency');

describe('parse failures are retried like constraint violations', () => {
  it('reads a lone output written without its marker, before the completed marker', async () => {
    const lm = new ScriptedLM(() => 'billing\n\n[[ ## completed ## ]]');
    const step = await runPredictor(
      route,
      { ticket: 'charged twice' },
      { lm, adapter: chatAdapter },
    );
    expect(step.outputs).toEqual({ queue: 'billing' });
    expect(lm.calls).toBe(1);
  });

  it('does not guess when another field marker makes the answer ambiguous', () => {
    expect(() => chatAdapter.parse(route.signature, 'x\n[[ ## other ## ]]\nbilling')).toThrow(
      /queue/,
    );
  });

  it('feeds an unreadable answer back with a format reminder and reads the retry', async () => {
    const failures: string[] = [];
    const lm = new ScriptedLM((_r, call) =>
      call === 0
        ? 'The queue is billing.'
        : '[[ ## queue ## ]]\nbilling\n\n[[ ## urgency ## ]]\nhigh',
    );
    const step = await runPredictor(
      twoOutputs,
      { ticket: 'charged twice' },
      { lm, adapter: chatAdapter, onParseFailure: (_p, err) => failures.push(err.name) },
    );
    expect(step.outputs).toEqual({ queue: 'billing', urgency: 'high' });
    expect(lm.calls).toBe(2);
    expect(failures).toEqual(['ParseError']);
    const retry = lm.requests[1]!.messages;
    expect(retry[retry.length - 2]).toEqual({
      role: 'assistant',
      content: 'The queue is billing.',
    });
    const feedback = retry[retry.length - 1]!.content;
    expect(feedback).toMatch(/^Your answer broke a rule/);
    expect(feedback).toContain('[[ ## queue ## ]]');
    expect(feedback).toContain('[[ ## urgency ## ]]');
  });

  it('throws the ParseError after the bounded retries', async () => {
    const lm = new ScriptedLM(() => 'no idea');
    const err = await runPredictor(
      twoOutputs,
      { ticket: 'x' },
      { lm, adapter: chatAdapter, maxRetries: 1 },
    ).catch((e: unknown) => e);
    expect(isParseFailure(err)).toBe(true);
    expect(lm.calls).toBe(2);
  });
});
