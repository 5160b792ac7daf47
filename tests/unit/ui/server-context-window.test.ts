import { describe, expect, it } from 'vitest';
import { ServerState } from '../../../src/ui/model/server-state.svelte';
import type { EngineState } from '../../../src/ui/engine-state.svelte';
import type { CopaClient } from '../../../src/worker/client';

/** A server form whose client records each "Use this server" it is asked for. */
function serverForm(asked: { contextWindow?: number }[]): ServerState {
  const client = {
    useServer: (input: { contextWindow?: number }) => {
      asked.push(input);
      return Promise.resolve({
        warmUp: null,
        status: { kind: 'server', modelId: 'm', label: 'm' },
      });
    },
    usage: () => Promise.resolve(null),
  } as unknown as CopaClient;
  const engine = { refreshUsage: () => Promise.resolve() } as unknown as EngineState;
  const server = new ServerState(client, engine);
  server.model = 'llama3';
  return server;
}

describe("the local server's context window", () => {
  it('refuses a window no model has (-1, 1.5, 1e12, 1e400) beside its box and connects nothing', async () => {
    const asked: { contextWindow?: number }[] = [];
    const server = serverForm(asked);
    for (const [typed, words] of [
      [
        -1,
        'The context window must be a whole number from 512 to 10,000,000 tokens, not -1, or blank when unknown.',
      ],
      [
        1.5,
        'The context window must be a whole number from 512 to 10,000,000 tokens, not 1.5, or blank when unknown.',
      ],
      [
        1e12,
        'The context window must be a whole number from 512 to 10,000,000 tokens, not 1000000000000, or blank when unknown.',
      ],
      [
        Number.NaN,
        'The context window must be a whole number from 512 to 10,000,000 tokens, or blank when unknown.',
      ],
    ] as const) {
      server.contextWindow = typed;
      expect(server.contextWindowProblem).toBe(words);
      await server.connect();
    }
    expect(asked).toEqual([]);
  });

  it('sends a usable window, and none when the box is blank', async () => {
    const asked: { contextWindow?: number }[] = [];
    const server = serverForm(asked);
    server.contextWindow = 8192;
    expect(server.contextWindowProblem).toBeNull();
    await server.connect();
    server.contextWindow = undefined;
    expect(server.contextWindowProblem).toBeNull();
    await server.connect();
    expect(asked.map((a) => a.contextWindow)).toEqual([8192, undefined]);
  });
});
