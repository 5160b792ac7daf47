import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../src/core/adapters/chat-adapter';
import { jsonAdapter } from '../../../src/core/adapters/json-adapter';
import type { LanguageModel, LMRequest, LMResponse } from '../../../src/core/lm';
import { OUTPUT_TOKENS, outputTokenLimit } from '../../../src/core/output-limit';
import { chainOfThought, effectiveSignature, predict } from '../../../src/core/program';
import { buildRequest, runPredictor } from '../../../src/core/run-program';
import { Signature } from '../../../src/core/signature';
import { limitGeneration, rambling } from '../helpers/small-model-text';

/** A model that writes the answer and then keeps talking, within what the engine allows. */
class RamblingLM implements LanguageModel {
  readonly id = 'rambler';
  readonly requests: LMRequest[] = [];
  completionTokens = 0;
  constructor(private readonly answer: (request: LMRequest) => string) {}
  complete(request: LMRequest): Promise<LMResponse> {
    this.requests.push(request);
    const out = limitGeneration(rambling(this.answer(request)), request);
    this.completionTokens += out.completionTokens;
    return Promise.resolve({
      text: out.text,
      usage: { promptTokens: 100, completionTokens: out.completionTokens, latencyMs: 0 },
      finishReason: out.finishReason,
    });
  }
}

const route = predict(
  'route',
  Signature.parse('ticket -> queue: label[billing|technical_support|account_access]'),
);

describe('output limits per call', () => {
  it('gives a label a few dozen tokens and free text or reasoning far more', () => {
    const label = outputTokenLimit(route.signature);
    const number = outputTokenLimit(Signature.parse('question -> answer: number'));
    const text = outputTokenLimit(Signature.parse('question -> answer'));
    const cot = outputTokenLimit(effectiveSignature(chainOfThought('qa', 'question -> answer')));
    expect(label).toBeLessThanOrEqual(48);
    expect(number).toBeLessThanOrEqual(48);
    expect(text).toBeGreaterThan(4 * label);
    expect(cot).toBeGreaterThan(text);
    // A long label name gets room for all of its pieces.
    const long = Signature.parse(`x -> y: label[${'a'.repeat(60)}|b]`);
    expect(outputTokenLimit(long)).toBeGreaterThan(label);
    expect(OUTPUT_TOKENS.labelMin).toBeGreaterThan(0);
  });

  it('stops the chat format at the completed marker; JSON has no stop string', () => {
    const chat = buildRequest(route, { ticket: 'x' }, { adapter: chatAdapter });
    expect(chat.stop).toEqual(['[[ ## completed ## ]]']);
    expect(chat.maxTokens).toBe(outputTokenLimit(route.signature));
    const json = buildRequest(route, { ticket: 'x' }, { adapter: jsonAdapter });
    expect(json.stop).toBeUndefined();
    expect(json.maxTokens).toBe(outputTokenLimit(route.signature));
  });

  it('keeps an explicit maxTokens from the context', () => {
    const request = buildRequest(route, { ticket: 'x' }, { adapter: chatAdapter, maxTokens: 7 });
    expect(request.maxTokens).toBe(7);
  });

  it('a rambling model costs no more than the output limit, and its answer is still read', async () => {
    const lm = new RamblingLM(() => '[[ ## queue ## ]]\nbilling');
    const step = await runPredictor(
      route,
      { ticket: 'I was charged twice' },
      {
        lm,
        adapter: chatAdapter,
      },
    );
    expect(step.outputs).toEqual({ queue: 'billing' });
    const request = lm.requests[0];
    expect(request?.stop).toContain('[[ ## completed ## ]]');
    expect(lm.completionTokens).toBeLessThanOrEqual(request?.maxTokens ?? 0);
  });
});
