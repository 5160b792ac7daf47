import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LMRequest } from '../../../../src/core/lm';
import { listServerModels } from '../../../../src/engines/openai-server/list-models';
import { LocalServerModel } from '../../../../src/engines/openai-server/server-model';
import { OpenAITestServer } from '../../../support/openai-test-server';

const server = new OpenAITestServer({ models: ['standin-7b', 'a-model'] });
beforeAll(() => server.start());
afterAll(() => server.close());
afterEach(() => {
  server.failure = null;
  server.failuresLeft = null;
  server.apiKey = undefined;
  server.requests.length = 0;
});

const request: LMRequest = {
  messages: [
    { role: 'system', content: 'Route the ticket. Answer with one label.' },
    { role: 'user', content: '[[ ## ticket ## ]]\nMy card was charged twice.' },
  ],
  temperature: 0.7,
  topP: 0.9,
  maxTokens: 64,
  seed: 42,
  stop: ['[[ ## completed ## ]]'],
  rolloutId: 'r1',
};

function model(opts: { timeoutMs?: number; apiKey?: string; model?: string } = {}) {
  return new LocalServerModel({ baseUrl: server.url, model: opts.model ?? 'standin-7b', ...opts });
}

describe('LocalServerModel', () => {
  it('sends every sampling setting, the seed, the stop strings and the limit; never the rollout id', async () => {
    const response = await model().complete(request);
    const sent = server.completions()[0]?.body;
    expect(sent).toMatchObject({
      model: 'standin-7b',
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 64,
      seed: 42,
      stop: ['[[ ## completed ## ]]'],
      stream: false,
    });
    expect(sent?.messages).toEqual(request.messages);
    expect(JSON.stringify(sent)).not.toContain('r1');
    expect(sent?.response_format).toBeUndefined();
    expect(response.text.length).toBeGreaterThan(0);
    expect(response.usage.promptTokens).toBeGreaterThan(0);
  });

  it('takes usage from the response, and is keyed by base URL and model', async () => {
    const m = model();
    const response = await m.complete(request);
    expect(m.id).toBe(`server:${server.url}#standin-7b`);
    expect(model({ model: 'a-model' }).id).not.toBe(m.id);
    const summary = m.summary();
    expect(summary.calls).toBe(1);
    expect(summary.promptTokens).toBe(response.usage.promptTokens);
    expect(summary.completionTokens).toBe(response.usage.completionTokens);
    expect(summary.prefillTokensPerS).not.toBeNull();
  });

  it('asks for schema-constrained output, and goes on without it when the server refuses it', async () => {
    const schema = { type: 'object', properties: { label: { type: 'string' } } };
    const m = model();
    await m.complete({ ...request, responseSchema: schema });
    expect(server.completions()[0]?.body?.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'output', schema, strict: true },
    });
    server.failure = {
      kind: 'status',
      status: 400,
      message: 'response_format json_schema is not supported',
    };
    server.failuresLeft = 1;
    await m.complete({ ...request, responseSchema: schema, seed: 7 });
    const last = server.completions().at(-1)?.body;
    expect(last?.seed).toBe(7);
    expect(last?.response_format).toBeUndefined();
  });

  it('keeps asking for the schema when a refusal is about something else', async () => {
    const schema = { type: 'object', properties: { label: { type: 'string' } } };
    const m = model();
    server.failure = { kind: 'status', status: 400, message: 'temperature must be below 2' };
    server.failuresLeft = 1;
    await expect(m.complete({ ...request, responseSchema: schema })).rejects.toMatchObject({
      name: 'ServerRejectedError',
    });
    await m.complete({ ...request, responseSchema: schema });
    expect(server.completions().map((c) => c.body?.response_format !== undefined)).toEqual([
      true,
      true,
    ]);
  });

  it('sends the API key as a bearer token', async () => {
    server.apiKey = 'secret';
    await expect(model().complete(request)).rejects.toMatchObject({ name: 'ServerAuthError' });
    await expect(model({ apiKey: 'secret' }).complete(request)).resolves.toBeDefined();
    expect(server.completions().at(-1)?.authorization).toBe('Bearer secret');
  });

  it('cancels the request in flight when the signal aborts', async () => {
    server.failure = { kind: 'slow', ms: 2000 };
    const controller = new AbortController();
    const began = Date.now();
    setTimeout(() => controller.abort(), 50);
    await expect(model().complete(request, controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(Date.now() - began).toBeLessThan(1500);
  });

  it('asks again while the server loads its model (503) or is busy (429), then gives up', async () => {
    const m = new LocalServerModel({
      baseUrl: server.url,
      model: 'standin-7b',
      retryDelaysMs: [10, 10],
    });
    server.failure = { kind: 'status', status: 503, message: 'Loading model' };
    server.failuresLeft = 2;
    await expect(m.complete(request)).resolves.toBeDefined();
    expect(server.completions()).toHaveLength(3);
    server.failure = { kind: 'status', status: 429 };
    await expect(m.complete(request)).rejects.toMatchObject({ name: 'ServerBusyError' });
    expect(server.completions()).toHaveLength(6);
    server.failure = { kind: 'status', status: 500 };
    await expect(m.complete(request)).rejects.toMatchObject({ name: 'ServerFailedError' });
    expect(server.completions()).toHaveLength(7);
  });

  it("waits as long as the server's Retry-After says, and stops waiting on cancel", async () => {
    const m = new LocalServerModel({
      baseUrl: server.url,
      model: 'standin-7b',
      retryDelaysMs: [20_000],
    });
    server.failure = { kind: 'status', status: 429, retryAfterS: 0.1 };
    server.failuresLeft = 1;
    const began = Date.now();
    await m.complete(request);
    expect(Date.now() - began).toBeLessThan(5_000);
    server.failure = { kind: 'status', status: 429 };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(m.complete(request, controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it("warms up with a first call, then times a call of a run's size", async () => {
    const m = model();
    const warm = await m.warmUp();
    expect(server.completions()[0]?.body?.max_tokens).toBe(8);
    expect(warm.promptTokens).toBeGreaterThan(200);
    expect(m.summary().calls).toBe(2);
  });

  it("leaves the first call's time (the server loading the model) out of the speed", async () => {
    // A server that takes 4 s to load the model, then reads 400 tokens and writes 8 in 0.5 s.
    let now = 0;
    const times = [4000, 500];
    const answer = { role: 'assistant', content: 'parcel' };
    const m = new LocalServerModel({
      baseUrl: 'http://127.0.0.1:11434',
      model: 'qwen2.5:7b',
      clock: () => now,
      fetch: () => {
        now += times.shift() ?? 0;
        const body = {
          choices: [{ message: answer, finish_reason: 'stop' }],
          usage: { prompt_tokens: 400, completion_tokens: 8 },
        };
        return Promise.resolve(new Response(JSON.stringify(body)));
      },
    });
    const warm = await m.warmUp();
    expect(warm).toMatchObject({ firstCallMs: 4000, latencyMs: 500 });
    expect(warm.tokensPerS).toBeCloseTo(816);
    // Counted as a whole 4.5 s, a run of such calls was estimated at nine times its length.
    expect(m.summary().prefillTokensPerS).toBeCloseTo(816);
    expect(m.summary().decodeTokensPerS).toBeCloseTo(816);
  });
});

describe('listServerModels', () => {
  it('lists the models of GET /v1/models, sorted', async () => {
    expect(await listServerModels({ baseUrl: server.url })).toEqual(['a-model', 'standin-7b']);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models' });
  });

  it("says an address without the API is that, not a model it doesn't serve (Ollama's /api)", async () => {
    await expect(listServerModels({ baseUrl: `${server.url}/api` })).rejects.toMatchObject({
      name: 'ServerNoApiError',
      message: expect.stringMatching(/no OpenAI-compatible API there.*for Ollama/s) as string,
    });
  });

  it('says when the address answers but is not an OpenAI-compatible server', async () => {
    server.failModels = true;
    server.failure = { kind: 'malformed' };
    await expect(listServerModels({ baseUrl: server.url })).rejects.toMatchObject({
      name: 'ServerResponseError',
    });
    server.failModels = false;
  });
});

describe('speed from llama-server timings', () => {
  const timed = new OpenAITestServer({ timings: true });
  beforeAll(() => timed.start());
  afterAll(() => timed.close());

  it("uses the server's own reading and writing speeds", async () => {
    const m = new LocalServerModel({ baseUrl: timed.url, model: 'standin-7b' });
    await m.complete(request);
    expect(m.summary().prefillTokensPerS).toBeCloseTo(500);
    expect(m.summary().decodeTokensPerS).toBeCloseTo(25);
  });
});
