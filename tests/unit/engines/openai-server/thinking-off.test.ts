import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../../src/core/json';
import { LocalServerModel } from '../../../../src/engines/openai-server/server-model';
import { askToRoute } from '../../helpers/route-request';

// A thinking model (Qwen3) behind the servers' OpenAI-compatible endpoints, each honouring its
// own documented way to turn thinking off, and what the warm-up makes of it.
const address = 'http://127.0.0.1:8080';
type Think = (body: JsonObject) => 'think' | 'think-then-answer' | 'answer' | 'reject' | 'fail';

const CHAT_TEMPLATE_OFF = (b: JsonObject): boolean =>
  JSON.stringify(b.chat_template_kwargs) === '{"enable_thinking":false}';
const REASONING_NONE = (b: JsonObject): boolean => b.reasoning_effort === 'none';

/** A server whose model thinks unless `think` says otherwise; records every request body. */
function serverWith(think: Think, separateReasoning = false) {
  const bodies: JsonObject[] = [];
  const fetch = (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body)) as JsonObject;
    bodies.push(body);
    const what = think(body);
    if (what === 'reject' || what === 'fail')
      return Promise.resolve(
        new Response(JSON.stringify({ error: { message: 'unknown field in request' } }), {
          status: what === 'reject' ? 400 : 500,
        }),
      );
    const thought = 'Okay, the user wants one word. Let me think about which word fits';
    const message =
      what === 'answer'
        ? { role: 'assistant', content: 'parcel' }
        : what === 'think-then-answer'
          ? { role: 'assistant', content: `<think>\n${thought}\n</think>\n\nparcel` }
          : separateReasoning
            ? { role: 'assistant', content: '', reasoning: thought }
            : { role: 'assistant', content: `<think>\n${thought}` };
    const reply = {
      choices: [{ index: 0, message, finish_reason: what === 'think' ? 'length' : 'stop' }],
      usage: { prompt_tokens: 30, completion_tokens: 8 },
    };
    return Promise.resolve(new Response(JSON.stringify(reply), { status: 200 }));
  };
  const model = new LocalServerModel({ baseUrl: address, model: 'qwen3:1.7b', fetch });
  return { model, bodies };
}

describe('a thinking model on a local server', () => {
  it('llama-server or vLLM: turned off with chat_template_kwargs, kept for every later call', async () => {
    const { model, bodies } = serverWith((b) => (CHAT_TEMPLATE_OFF(b) ? 'answer' : 'think'));
    const warm = await model.warmUp();
    expect(warm.thinkingOff).toBe('"chat_template_kwargs":{"enable_thinking":false}');
    // The first call as usual, then once more with thinking off; the timed call keeps it.
    expect(bodies).toHaveLength(3);
    expect(bodies[0]).not.toHaveProperty('chat_template_kwargs');
    expect(bodies.slice(1).every(CHAT_TEMPLATE_OFF)).toBe(true);
    expect((await askToRoute(model)).text).toBe('parcel');
    expect(CHAT_TEMPLATE_OFF(bodies.at(-1)!)).toBe(true);
    expect(bodies.some((b) => 'reasoning_effort' in b)).toBe(false);
  });

  it('Ollama: the reasoning kept apart, turned off with reasoning_effort "none"', async () => {
    const { model, bodies } = serverWith((b) => (REASONING_NONE(b) ? 'answer' : 'think'), true);
    const warm = await model.warmUp();
    expect(warm.thinkingOff).toBe('"reasoning_effort":"none"');
    expect((await askToRoute(model)).text).toBe('parcel');
    const last = bodies.at(-1)!;
    expect(REASONING_NONE(last)).toBe(true);
    expect(last).not.toHaveProperty('chat_template_kwargs');
  });

  it('a strict server that refuses a field it does not know is asked the next way', async () => {
    const { model } = serverWith((b) =>
      'chat_template_kwargs' in b ? 'reject' : REASONING_NONE(b) ? 'answer' : 'think',
    );
    expect((await model.warmUp()).thinkingOff).toBe('"reasoning_effort":"none"');
  });

  it('a retry with thinking off that fails otherwise leaves the first answer standing', async () => {
    // Say a server whose chat template breaks on the extra field (HTTP 500), and a model that
    // thought briefly and still answered: it connected before the retries existed.
    const { model, bodies } = serverWith((b) =>
      'chat_template_kwargs' in b || 'reasoning_effort' in b ? 'fail' : 'think-then-answer',
    );
    const warm = await model.warmUp();
    expect(warm.thinkingOff).toBeNull();
    expect((await askToRoute(model)).text).toBe('parcel');
    expect(bodies.at(-1)).not.toHaveProperty('chat_template_kwargs');
    expect(bodies.at(-1)).not.toHaveProperty('reasoning_effort');
  });

  it('a server that takes neither way (LM Studio) is refused as before, with advice', async () => {
    const { model, bodies } = serverWith(() => 'think');
    await expect(model.warmUp()).rejects.toMatchObject({
      name: 'ServerEmptyAnswerError',
      message: expect.stringMatching(/turn its thinking off in the server.*still thinking/s),
    });
    expect(bodies).toHaveLength(3);
  });

  it('a model that does not think is sent no thinking setting', async () => {
    const { model, bodies } = serverWith(() => 'answer');
    expect((await model.warmUp()).thinkingOff).toBeNull();
    await askToRoute(model);
    expect(bodies).toHaveLength(3);
    expect(bodies.some((b) => 'chat_template_kwargs' in b || 'reasoning_effort' in b)).toBe(false);
  });

  it('the empty thinking block a model writes with thinking off is not thinking, nor read', async () => {
    const empty = new LocalServerModel({
      baseUrl: address,
      model: 'qwen3:1.7b',
      fetch: () =>
        Promise.resolve(
          new Response(
            JSON.stringify({
              choices: [
                { message: { content: '<think>\n\n</think>\n\nparcel' }, finish_reason: 'stop' },
              ],
            }),
          ),
        ),
    });
    expect((await empty.warmUp()).thinkingOff).toBeNull();
    expect((await askToRoute(empty)).text).toBe('parcel');
  });
});
