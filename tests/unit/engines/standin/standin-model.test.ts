import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../../src/core/adapters/chat-adapter';
import { jsonAdapter } from '../../../../src/core/adapters/json-adapter';
import { estimateTokens, type LMRequest } from '../../../../src/core/lm';
import { buildRequest } from '../../../../src/core/run-program';
import { StandInModel, STANDIN_MODEL_ID } from '../../../../src/engines/standin/standin-model';
import { getTask } from '../../../../src/tasks/index';
import { TICKET_LABELS } from '../../../../src/tasks/ticket-routing';
import { configure, score } from './harness';

const tickets = getTask('ticket-routing');

function ticketRequest(i: number, extra: Partial<LMRequest> = {}): LMRequest {
  const program = configure(tickets, { demos: tickets.splits.train.slice(0, 4) });
  const step = program.steps[0]!;
  const example = tickets.splits.test[i % tickets.splits.test.length]!;
  return {
    ...buildRequest(step, { ticket: example.data.ticket! }, { adapter: chatAdapter }),
    ...extra,
  };
}

describe('StandInModel', () => {
  it('has a stable default id and takes a custom one', () => {
    expect(new StandInModel({ seed: 0 }).id).toBe(STANDIN_MODEL_ID);
    // Its answers changed when it lost the built-in tasks' words, so its id (a cache key) did.
    expect(STANDIN_MODEL_ID).not.toBe('stand-in-v1');
    expect(new StandInModel({ seed: 0, id: 'stand-in-test' }).id).toBe('stand-in-test');
  });

  it('gives the same text for the same seed and request', async () => {
    const a = new StandInModel({ seed: 3 });
    const b = new StandInModel({ seed: 3 });
    for (let i = 0; i < 30; i++) {
      const req = ticketRequest(i);
      expect((await a.complete(req)).text).toBe((await b.complete(req)).text);
    }
  });

  it('ignores request.seed at temperature 0 but varies with it at temperature > 0', async () => {
    const lm = new StandInModel({ seed: 3 });
    let greedyDiffers = 0;
    let sampledDiffers = 0;
    for (let i = 0; i < 60; i++) {
      const g1 = await lm.complete(ticketRequest(i, { temperature: 0, seed: 1 }));
      const g2 = await lm.complete(ticketRequest(i, { temperature: 0, seed: 2 }));
      const s1 = await lm.complete(ticketRequest(i, { temperature: 1, seed: 1 }));
      const s2 = await lm.complete(ticketRequest(i, { temperature: 1, seed: 2 }));
      if (g1.text !== g2.text) greedyDiffers++;
      if (s1.text !== s2.text) sampledDiffers++;
    }
    expect(greedyDiffers).toBe(0);
    expect(sampledDiffers).toBeGreaterThan(0);
  });

  it('differs between model seeds on some requests', async () => {
    const a = new StandInModel({ seed: 1 });
    const b = new StandInModel({ seed: 2 });
    let differs = 0;
    for (let i = 0; i < 100; i++) {
      const req = ticketRequest(i, {
        messages: ticketRequest(i).messages.slice(0, 1).concat(ticketRequest(i).messages.slice(-1)),
      });
      if ((await a.complete(req)).text !== (await b.complete(req)).text) differs++;
    }
    expect(differs).toBeGreaterThan(0);
  });

  it('reports usage from estimateTokens and no latency', async () => {
    const req = ticketRequest(0);
    const res = await new StandInModel({ seed: 0 }).complete(req);
    expect(res.usage.promptTokens).toBe(
      estimateTokens(req.messages.map((m) => m.content).join('\n')),
    );
    expect(res.usage.completionTokens).toBe(estimateTokens(res.text));
    expect(res.usage.latencyMs).toBe(0);
    expect(res.finishReason).toBe('stop');
  });

  it('cuts the answer at maxTokens', async () => {
    const res = await new StandInModel({ seed: 0 }).complete(ticketRequest(0, { maxTokens: 2 }));
    expect(res.text.length).toBe(8);
    expect(res.finishReason).toBe('length');
  });

  it('rejects an aborted call', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      new StandInModel({ seed: 0 }).complete(ticketRequest(0), controller.signal),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('answers thousands of calls (speed sanity, no timing assertion)', async () => {
    const lm = new StandInModel({ seed: 0 });
    const requests = Array.from({ length: 50 }, (_, i) => ticketRequest(i));
    let answered = 0;
    for (let i = 0; i < 3000; i++) {
      const res = await lm.complete(requests[i % requests.length]!);
      if (res.text.length > 0) answered++;
    }
    expect(answered).toBe(3000);
  });

  it('answers the JSON format with a JSON object the JSON adapter reads', async () => {
    const result = await score(tickets, new StandInModel({ seed: 0 }), tickets.splits.val, {
      adapter: jsonAdapter,
      demos: tickets.splits.train.slice(0, 4),
    });
    expect(result.parseFailures).toBeLessThan(3);
    const allowed = new Set<string>(TICKET_LABELS);
    const labeled = result.results.filter((r) => allowed.has(String(r.prediction?.department)));
    expect(labeled.length).toBeGreaterThan(result.results.length * 0.9);
    const step = configure(tickets, {}).steps[0]!;
    const req = buildRequest(step, { ticket: 'My parcel is late.' }, { adapter: jsonAdapter });
    expect(req.responseSchema).toBeDefined();
    const text = (await new StandInModel({ seed: 0 }).complete(req)).text;
    expect(() => JSON.parse(text) as unknown).not.toThrow();
  });

  it('never reads gold answers: permuting the gold labels changes no prediction', async () => {
    const lm = new StandInModel({ seed: 5 });
    const examples = tickets.splits.val.slice(0, 30);
    const shuffled = examples.map((e, i) => ({
      ...e,
      data: { ...e.data, department: examples[(i + 7) % examples.length]!.data.department! },
    }));
    const a = await score(tickets, lm, examples);
    const b = await score(tickets, lm, shuffled);
    expect(b.results.map((r) => r.prediction)).toEqual(a.results.map((r) => r.prediction));
    expect(a.score).not.toBe(b.score);
  });
});
