import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { LMRequest } from '../../../../src/core/lm';
import { LocalServerModel } from '../../../../src/engines/openai-server/server-model';
import { OpenAITestServer, type Failure } from '../../../support/openai-test-server';

const server = new OpenAITestServer();
beforeAll(() => server.start());
afterAll(() => server.close());
afterEach(() => {
  server.failure = null;
});

const request: LMRequest = {
  messages: [{ role: 'user', content: 'Hello' }],
  temperature: 0,
  topP: 1,
  maxTokens: 16,
  seed: 0,
};

async function failureOf(make: () => LocalServerModel): Promise<Error> {
  try {
    await make().complete(request);
  } catch (err) {
    return err as Error;
  }
  throw new Error('the call succeeded');
}

const at =
  (model = 'standin-7b', timeoutMs = 5000) =>
  () =>
    // No retries here: what the user finally sees is under test (retries: server-model.test.ts).
    new LocalServerModel({ baseUrl: server.url, model, timeoutMs, retryDelaysMs: [] });

describe('server failures become named errors with advice', () => {
  const cases: [string, Failure, string, RegExp][] = [
    ['401', { kind: 'status', status: 401 }, 'ServerAuthError', /API key/],
    ['403', { kind: 'status', status: 403 }, 'ServerAuthError', /not allowed/],
    ['429', { kind: 'status', status: 429 }, 'ServerBusyError', /Wait/],
    ['500', { kind: 'status', status: 500 }, 'ServerFailedError', /server's log/],
    ['503', { kind: 'status', status: 503 }, 'ServerFailedError', /HTTP 503/],
    [
      'context',
      { kind: 'status', status: 400, message: 'the request exceeds the available context size' },
      'ContextTooLongError',
      /context window/,
    ],
    [
      'other 400',
      { kind: 'status', status: 400, message: 'bad field' },
      'ServerRejectedError',
      /bad field/,
    ],
    ['not JSON', { kind: 'malformed' }, 'ServerResponseError', /not JSON/],
    ['dropped', { kind: 'drop' }, 'ServerUnreachableError', /CORS/],
  ];
  for (const [what, failure, name, words] of cases)
    it(`${what} → ${name}`, async () => {
      server.failure = failure;
      const err = await failureOf(at());
      expect(err.name).toBe(name);
      expect(err.message).toMatch(words);
    });

  it('an unknown model → ServerModelNotFoundError naming the server', async () => {
    const err = await failureOf(at('no-such-model'));
    expect(err.name).toBe('ServerModelNotFoundError');
    expect(err.message).toContain(server.url);
    expect(err.message).toContain('Test connection');
  });

  it('a slow answer → ServerTimeoutError', async () => {
    server.failure = { kind: 'slow', ms: 1000 };
    const err = await failureOf(at('standin-7b', 100));
    expect(err.name).toBe('ServerTimeoutError');
  });

  it('nothing listening → ServerUnreachableError that names both causes and the CORS settings', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await failureOf(
      () => new LocalServerModel({ baseUrl: `http://127.0.0.1:${port}`, model: 'm' }),
    );
    expect(err.name).toBe('ServerUnreachableError');
    expect(err.message).toMatch(/nothing is listening/);
    expect(err.message).toMatch(/CORS/);
    expect(err.message).toMatch(/OLLAMA_ORIGINS/);
    expect(err.message).toMatch(/--allowed-origins/);
  });
});
