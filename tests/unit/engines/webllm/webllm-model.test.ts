import { describe, expect, it } from 'vitest';
import type { LMRequest } from '../../../../src/core/lm';
import { EngineError } from '../../../../src/engines/webllm/errors';
import { EMPTY_THINKING_BLOCK_TOKENS } from '../../../../src/core/thinking-block';
import { WebLLMModel, type CallUsage } from '../../../../src/engines/webllm/webllm-model';
import { FakeEngine } from './fake-engine';

const request: LMRequest = {
  messages: [
    { role: 'system', content: 'Classify.' },
    { role: 'user', content: 'text: great film' },
  ],
  temperature: 0.7,
  topP: 0.9,
  maxTokens: 64,
  seed: 42,
};

describe('a thinking model (Qwen3) through WebLLMModel', () => {
  it("turns thinking off on every request, with room for WebLLM's empty thinking block", async () => {
    const engine = new FakeEngine({ answer: () => '<think>\n\n</think>\n\npositive' });
    const lm = new WebLLMModel(engine, 'Qwen3-0.6B-q4f16_1-MLC', { thinkingOff: true });
    const response = await lm.complete(request);
    expect(engine.requests[0]).toMatchObject({
      extra_body: { enable_thinking: false },
      max_tokens: 64 + EMPTY_THINKING_BLOCK_TOKENS,
    });
    // The block WebLLM puts before the answer is not part of the answer.
    expect(response.text).toBe('positive');
    await lm.complete({ ...request, messages: [...request.messages].reverse() });
    expect(engine.requests[1]?.extra_body).toEqual({ enable_thinking: false });
  });

  it('sends no thinking setting for other models', async () => {
    const engine = new FakeEngine();
    await new WebLLMModel(engine, 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC').complete(request);
    expect(engine.requests[0]).not.toHaveProperty('extra_body');
    expect(engine.requests[0]!.max_tokens).toBe(64);
  });
});

describe('WebLLMModel requests', () => {
  it('always sends temperature, top_p, max_tokens and seed, non-streaming', async () => {
    const engine = new FakeEngine();
    await new WebLLMModel(engine, 'm').complete(request);
    const sent = engine.requests[0]!;
    expect(sent).toMatchObject({
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 64,
      seed: 42,
      stream: false,
      n: 1,
    });
    expect(sent.messages).toEqual(request.messages);
    expect(sent).not.toHaveProperty('response_format');
    expect(sent).not.toHaveProperty('stop');
  });

  it('sends zero temperature and seed 0 explicitly rather than leaving them out', async () => {
    const engine = new FakeEngine();
    await new WebLLMModel(engine, 'm').complete({ ...request, temperature: 0, seed: 0 });
    expect(engine.requests[0]).toMatchObject({ temperature: 0, seed: 0 });
  });

  it('turns a fractional seed into an integer (WebLLM rejects others)', async () => {
    const engine = new FakeEngine();
    await new WebLLMModel(engine, 'm').complete({ ...request, seed: 7.9 });
    expect(engine.requests[0]!.seed).toBe(7);
  });

  it('passes stop strings and never sends the rollout id', async () => {
    const engine = new FakeEngine();
    await new WebLLMModel(engine, 'm').complete({ ...request, stop: ['\n\n'], rolloutId: 'r1' });
    expect(engine.requests[0]!.stop).toEqual(['\n\n']);
    expect(JSON.stringify(engine.requests[0])).not.toContain('r1');
  });

  it('sends a response schema as json_object with the schema as a string', async () => {
    const engine = new FakeEngine({ answer: () => '{"label":"positive"}' });
    const schema = {
      type: 'object',
      properties: { label: { type: 'string' } },
      required: ['label'],
    };
    const res = await new WebLLMModel(engine, 'm').complete({ ...request, responseSchema: schema });
    expect(engine.requests[0]!.response_format).toEqual({
      type: 'json_object',
      schema: JSON.stringify(schema),
    });
    expect(res.text).toBe('{"label":"positive"}');
  });

  it('names the model after its WebLLM id', () => {
    expect(new WebLLMModel(new FakeEngine(), 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC').id).toBe(
      'webllm:Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
    );
  });
});

describe('WebLLMModel usage', () => {
  it('records tokens, latency and prefill/decode speeds per call and in total', async () => {
    const seen: CallUsage[] = [];
    let now = 0;
    const engine = new FakeEngine();
    const model = new WebLLMModel(engine, 'm', {
      onUsage: (u) => seen.push(u),
      clock: () => (now += 100),
    });
    const res = await model.complete(request);
    await model.complete(request);
    expect(res.usage).toEqual({ promptTokens: 40, completionTokens: 10, latencyMs: 100 });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toEqual({
      promptTokens: 40,
      completionTokens: 10,
      latencyMs: 100,
      prefillTokensPerS: 400,
      decodeTokensPerS: 20,
    });
    expect(model.summary()).toEqual({
      calls: 2,
      promptTokens: 80,
      completionTokens: 20,
      latencyMs: 200,
      prefillTokensPerS: 400,
      decodeTokensPerS: 20,
    });
  });

  it('weights the average speeds by tokens and reports null when speeds are missing', async () => {
    const missing = new WebLLMModel(
      new FakeEngine({ extra: { prefill_tokens_per_s: 0, decode_tokens_per_s: Number.NaN } }),
      'm',
    );
    await missing.complete(request);
    expect(missing.summary().prefillTokensPerS).toBeNull();
    expect(missing.recentCalls()[0]!.decodeTokensPerS).toBeNull();
  });

  it('keeps only the most recent calls', async () => {
    const model = new WebLLMModel(new FakeEngine(), 'm', { keepCalls: 2 });
    for (let i = 0; i < 5; i++) await model.complete(request);
    expect(model.recentCalls()).toHaveLength(2);
    expect(model.summary().calls).toBe(5);
  });
});

describe('WebLLMModel cancel and errors', () => {
  it('interrupts the generation in flight when the signal aborts, and rejects with AbortError', async () => {
    const engine = new FakeEngine({ hangUntilInterrupted: true });
    const model = new WebLLMModel(engine, 'm');
    const controller = new AbortController();
    const pending = model.complete(request, controller.signal);
    await Promise.resolve();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(engine.interrupts).toBe(1);
    expect(model.summary().calls).toBe(0);
  });

  it('does not call the engine when already aborted', async () => {
    const engine = new FakeEngine();
    const controller = new AbortController();
    controller.abort();
    await expect(
      new WebLLMModel(engine, 'm').complete(request, controller.signal),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(engine.requests).toHaveLength(0);
  });

  it('stops listening for aborts after the call, so a later abort interrupts nothing', async () => {
    const engine = new FakeEngine();
    const controller = new AbortController();
    await new WebLLMModel(engine, 'm').complete(request, controller.signal);
    controller.abort();
    expect(engine.interrupts).toBe(0);
  });

  it('maps a context overflow during generation to ContextTooLongError', async () => {
    const overflow = Object.assign(
      new Error('Prompt tokens exceed context window size: 5000; 4096'),
      {
        name: 'ContextWindowSizeExceededError',
      },
    );
    const model = new WebLLMModel(new FakeEngine({ fail: () => overflow }), 'm');
    const err = await model.complete(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toMatchObject({ name: 'ContextTooLongError' });
    expect((err as EngineError).recovery).toBe('shorten-prompt');
  });

  it('maps a lost device during generation to GPUDeviceLostError', async () => {
    const lost = Object.assign(new Error('The WebGPU device was lost'), {
      name: 'DeviceLostError',
    });
    const model = new WebLLMModel(new FakeEngine({ fail: () => lost }), 'm');
    await expect(model.complete(request)).rejects.toMatchObject({ name: 'GPUDeviceLostError' });
  });
});
