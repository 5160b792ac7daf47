import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCacheStore } from '../../../src/core/cache';
import { createCopaService } from '../../../src/worker/service';
import { runProvenance } from '../../../src/worker/stored-runs';
import { OpenAITestServer } from '../../support/openai-test-server';
import { adapterEnv, deps } from './fakes';
import { TICKET_TASK, smallRun } from './storage-fixtures';

const task = TICKET_TASK;
const small = smallRun();
// Every call is an HTTP round trip: a budget keeps these runs to a few seconds.
const short = { ...small, budget: { maxCalls: 80 } };

const server = new OpenAITestServer();
beforeAll(() => server.start());
afterAll(() => server.close());
afterEach(() => {
  server.failure = null;
  server.requests.length = 0;
});

describe('The worker service with a local server', () => {
  it('tests the connection, warms the model up and runs COPA through it', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    const found = await service.testServer({ baseUrl: `${server.url}/v1/` });
    expect(found).toEqual({
      baseUrl: server.url,
      addressKind: 'loopback',
      models: ['standin-13b', 'standin-7b'],
    });
    const { status, warmUp } = await service.useServer({
      baseUrl: server.url,
      model: 'standin-7b',
    });
    expect(status).toMatchObject({ kind: 'server', modelId: `server:${server.url}#standin-7b` });
    expect(status.label).toContain('local server');
    expect(warmUp.promptTokens).toBeGreaterThan(0);
    const outcome = await service.startRun({ task, config: short }, () => undefined);
    expect(outcome.status).toBe('finished');
    expect(outcome.stopReason).toBe('budget');
    expect(outcome.result.bestScore).toBeGreaterThanOrEqual(outcome.result.baselineScore);
    const calls = server.completions();
    expect(calls.length).toBeGreaterThan(20);
    expect(
      calls.every((c) => c.body?.model === 'standin-7b' && typeof c.body.seed === 'number'),
    ).toBe(true);
    expect((await service.modelUsage())?.calls).toBe(calls.length);
  }, 30_000);

  it('counts the answers a run could not read (a model that ignores the format)', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await service.useServer({ baseUrl: server.url, model: 'standin-7b' });
    server.failure = { kind: 'text', text: 'Well, let me think about this ticket carefully. ' };
    const outcome = await service.startRun({ task, config: short }, () => undefined);
    expect(outcome.status).toBe('finished');
    expect(outcome.answers?.read).toBe(0);
    expect(outcome.answers?.unreadable).toBeGreaterThan(20);
  }, 30_000);

  it('keys the answer cache by base URL and model', async () => {
    const service = createCopaService({
      ...deps(adapterEnv(null)),
      cacheStore: new MemoryCacheStore(),
    });
    const sentBodies = (from: number): string[] =>
      server
        .completions()
        .slice(from)
        .map((c) => JSON.stringify({ ...c.body, model: undefined }));
    await service.useServer({ baseUrl: server.url, model: 'standin-7b' });
    await service.startRun({ task, config: short }, () => undefined);
    const first = new Set(sentBodies(0));
    // The same run again: what the first run asked comes from the cache (the budget counts
    // only calls the server answers, so the run goes further and asks new things).
    let mark = server.completions().length;
    const again = await service.startRun({ task, config: short }, () => undefined);
    expect(again.result.totals.cachedCalls).toBeGreaterThan(20);
    expect(sentBodies(mark).filter((b) => first.has(b))).toEqual([]);
    // Another model of the same server shares nothing with it.
    await service.useServer({ baseUrl: server.url, model: 'standin-13b' });
    mark = server.completions().length;
    await service.startRun({ task, config: short }, () => undefined);
    expect(sentBodies(mark).filter((b) => first.has(b)).length).toBeGreaterThan(20);
  }, 30_000);

  it('cancel aborts the request in flight', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await service.useServer({ baseUrl: server.url, model: 'standin-7b' });
    server.failure = { kind: 'slow', ms: 5000 };
    const began = Date.now();
    const pending = service.startRun({ task, config: short }, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await service.cancelRun();
    expect((await pending).status).toBe('cancelled');
    // Far sooner than the slow answer: the request was aborted, not waited for.
    expect(Date.now() - began).toBeLessThan(3000);
  });

  it('Cancel stops a warm-up the server keeps waiting, and the current engine stays', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await service.useStandIn(0);
    server.failure = { kind: 'slow', ms: 5000 };
    const began = Date.now();
    const connecting = service.useServer({ baseUrl: server.url, model: 'standin-7b' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await service.cancelLoad();
    await expect(connecting).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - began).toBeLessThan(3000);
    expect((await service.engineStatus()).kind).toBe('standin');
  });

  it('refuses a context window no prompt fits in (say "4" meant as 4K), before any call', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    for (const contextWindow of [4, 100, 4096.5])
      await expect(
        service.useServer({ baseUrl: server.url, model: 'standin-7b', contextWindow }),
      ).rejects.toMatchObject({
        name: 'ServerContextWindowError',
        message: expect.stringMatching(/at least 512/) as string,
      });
    expect(server.completions()).toEqual([]);
    await service.useServer({ baseUrl: server.url, model: 'standin-7b', contextWindow: 4096 });
  });

  it('needs a confirmation for an address that is neither loopback nor private', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await expect(service.testServer({ baseUrl: 'https://llm.example.com' })).rejects.toMatchObject({
      name: 'PublicServerAddressError',
    });
    await expect(
      service.useServer({ baseUrl: 'http://8.8.8.8:11434', model: 'm' }),
    ).rejects.toMatchObject({ name: 'PublicServerAddressError' });
  });

  it('keeps the current engine when the warm-up fails', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await service.useStandIn(0);
    await expect(
      service.useServer({ baseUrl: server.url, model: 'missing' }),
    ).rejects.toMatchObject({
      name: 'ServerModelNotFoundError',
    });
    expect((await service.engineStatus()).kind).toBe('standin');
  });

  it('a server that stops answering pauses the run at its checkpoint; it resumes once the server is back', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await service.useServer({ baseUrl: server.url, model: 'standin-7b' });
    const outcome = await service.startRun({ task, config: { ...small, cycles: 2 } }, (events) => {
      if (events.some((e) => e.type === 'phase-started' && e.index === 1))
        server.failure = { kind: 'drop' };
    });
    expect(outcome.status).toBe('engine-lost');
    expect(outcome.error?.name).toBe('ServerUnreachableError');
    expect(outcome.error?.message).toMatch(/CORS/);
    expect((await service.engineStatus()).kind).toBe('server');
    server.failure = null;
    const resumed = await service.resumeRun(() => undefined);
    expect(resumed.status).toBe('finished');
  }, 30_000);

  it('a server failing call after call (5xx) pauses the run too, with both errors named', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await service.useServer({ baseUrl: server.url, model: 'standin-7b' });
    const ends: string[] = [];
    const outcome = await service.startRun({ task, config: { ...small, cycles: 2 } }, (events) => {
      if (events.some((e) => e.type === 'phase-started' && e.index === 1))
        server.failure = { kind: 'status', status: 500, message: 'CUDA out of memory' };
      for (const e of events) if (e.type === 'run-finished') ends.push(e.reason);
    });
    expect(outcome.status).toBe('engine-lost');
    // The page says why it stopped from this event: paused, not "You cancelled the run".
    expect(ends).toEqual(['paused']);
    expect(outcome.error?.name).toBe('EngineFailureError');
    expect(outcome.error?.message).toMatch(/ServerFailedError.*CUDA out of memory/);
    expect(outcome.result.history.length).toBeGreaterThanOrEqual(1);
    server.failure = null;
    expect((await service.resumeRun(() => undefined)).status).toBe('finished');
  }, 30_000);
});

describe('provenance of a program made with a local server', () => {
  it('names the engine, the model and the server', () => {
    const outcome = {
      status: 'finished',
      stopReason: 'cycles-done',
      result: {
        checkpoint: { config: { seed: 3 } },
        baselineScore: 0.4,
        bestScore: 0.6,
        exampleScores: [1, 0],
      },
    } as unknown as Parameters<typeof runProvenance>[1];
    const provenance = runProvenance(
      {
        request: { task },
        engine: { kind: 'server', modelId: 'server:http://127.0.0.1:11434#qwen2.5:7b', label: 'x' },
        name: 'run',
      },
      outcome,
      new Date('2026-11-30T12:00:00Z'),
    );
    expect(provenance).toMatchObject({
      engine: 'local-server',
      modelId: 'qwen2.5:7b',
      serverUrl: 'http://127.0.0.1:11434',
      seed: 3,
    });
    expect(provenance.webllmVersion).toBeUndefined();
  });
});
