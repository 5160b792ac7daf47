import { describe, expect, it } from 'vitest';
import type { ChatCompletion } from '@mlc-ai/web-llm';
import type { ChatEngine } from '../../../../src/engines/webllm/chat-engine';
import { measureSpeed } from '../../../../src/engines/webllm/measure-speed';
import { SimulatedEngine } from '../../../../src/engines/webllm/simulated-engine';

/** An engine that answers every call with the given usage, counting calls and resets. */
function engineWith(extra: { prefill_tokens_per_s?: number; decode_tokens_per_s?: number }) {
  const seen = { calls: 0, resets: 0, interrupts: 0 };
  const engine: ChatEngine = {
    chat: {
      completions: {
        create: async () => {
          seen.calls++;
          return {
            choices: [
              {
                index: 0,
                finish_reason: 'length',
                message: { role: 'assistant', content: '1 2 3' },
                logprobs: null,
              },
            ],
            usage: { prompt_tokens: 300, completion_tokens: 40, total_tokens: 340, extra },
          } as unknown as ChatCompletion;
        },
      },
    },
    interruptGenerate: () => void seen.interrupts++,
    resetChat: async () => void seen.resets++,
    reload: async () => undefined,
    unload: async () => undefined,
  };
  return { engine, seen };
}

describe('the warm-up that measures a loaded model', () => {
  it("reports WebLLM's speeds from the second call, and the wall time left over as the cost per call", async () => {
    const { engine, seen } = engineWith({ prefill_tokens_per_s: 300, decode_tokens_per_s: 40 });
    // The measured call takes 2.5 s: 1 s reading 300 tokens, 1 s writing 40, 0.5 s besides.
    const times = [0, 2500];
    const reading = await measureSpeed(engine, undefined, () => times.shift() ?? 0);
    expect(reading).toEqual({
      speed: { prefillTokensPerS: 300, decodeTokensPerS: 40, secondsPerCall: 0.5 },
      thinkingFound: false,
    });
    expect(seen.calls).toBe(2);
    // The first call's conversation is forgotten before the measured one, and that one after.
    expect(seen.resets).toBe(2);
  });

  it('is null when the engine reports no speeds', async () => {
    const { engine } = engineWith({});
    expect((await measureSpeed(engine)).speed).toBeNull();
  });

  it('sends a prompt of a task call’s size with a small answer limit to the simulated model', async () => {
    const engine = new SimulatedEngine({ answer: () => ({ answer: '1 2 3' }) });
    const { speed } = await measureSpeed(engine);
    expect(speed).toMatchObject({ prefillTokensPerS: 300, decodeTokensPerS: 40 });
    const request = engine.requests[1]!;
    const promptChars = request.messages.reduce((n, m) => n + String(m.content).length, 0);
    expect(promptChars / 4).toBeGreaterThan(200);
    expect(request.max_tokens).toBeLessThanOrEqual(64);
    expect(request.temperature).toBe(0);
  });

  it("turns a thinking model's thinking off, so the warm-up times answering as a run does", async () => {
    const thinking = () =>
      new SimulatedEngine({ answer: () => ({ answer: '1 2 3' }), thinks: () => true });
    const off = thinking();
    await measureSpeed(off, undefined, undefined, { thinkingOff: true });
    expect(off.requests.map((r) => r.extra_body)).toEqual([
      { enable_thinking: false },
      { enable_thinking: false },
    ]);
    const plain = thinking();
    await measureSpeed(plain);
    expect(plain.requests.every((r) => r.extra_body === undefined)).toBe(true);
  });

  it('finds a model of unknown thinking thinking, and measures it with its thinking off', async () => {
    const engine = new SimulatedEngine({ answer: () => ({ answer: '1 2 3' }), thinks: () => true });
    const reading = await measureSpeed(engine, undefined, undefined, { detectThinking: true });
    expect(reading.thinkingFound).toBe(true);
    // The first call asked as of a model that does not think; the measured one turned it off.
    expect(engine.requests.map((r) => r.extra_body)).toEqual([
      undefined,
      { enable_thinking: false },
    ]);
    expect(engine.requests[1]!.max_tokens).toBe(engine.requests[0]!.max_tokens! + 4);
    expect(reading.speed).toMatchObject({ decodeTokensPerS: 40 });
  });

  it('finds thinking cut off by the answer limit, but not an answer or an empty block', async () => {
    const answering = (content: string) => {
      const { engine } = engineWith({ prefill_tokens_per_s: 300, decode_tokens_per_s: 40 });
      const create = engine.chat.completions.create.bind(engine.chat.completions);
      engine.chat.completions.create = async (request) => {
        const reply = await create(request);
        reply.choices[0]!.message.content = content;
        return reply;
      };
      return measureSpeed(engine, undefined, undefined, { detectThinking: true });
    };
    expect((await answering('<think>\nOkay, the user wants me to count')).thinkingFound).toBe(true);
    expect((await answering('1 2 3 4 5')).thinkingFound).toBe(false);
    expect((await answering('<think>\n\n</think>\n\n1 2 3')).thinkingFound).toBe(false);
  });

  it('leaves a model that does not think, or one not to be checked, as it is', async () => {
    const plain = new SimulatedEngine({ answer: () => ({ answer: '1 2 3' }) });
    const reading = await measureSpeed(plain, undefined, undefined, { detectThinking: true });
    expect(reading.thinkingFound).toBe(false);
    expect(plain.requests.every((r) => r.extra_body === undefined)).toBe(true);
    const unchecked = new SimulatedEngine({
      answer: () => ({ answer: '1 2 3' }),
      thinks: () => true,
    });
    expect((await measureSpeed(unchecked)).thinkingFound).toBe(false);
    expect(unchecked.requests.every((r) => r.extra_body === undefined)).toBe(true);
  });

  it('a cancelled load interrupts the warm-up generation', async () => {
    const { engine, seen } = engineWith({ prefill_tokens_per_s: 300, decode_tokens_per_s: 40 });
    const controller = new AbortController();
    const pending = measureSpeed(engine, controller.signal);
    controller.abort();
    await pending;
    expect(seen.interrupts).toBe(1);
  });
});
