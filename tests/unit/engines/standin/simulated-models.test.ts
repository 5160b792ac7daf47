import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../../src/core/adapters/chat-adapter';
import { jsonAdapter } from '../../../../src/core/adapters/json-adapter';
import type { LMRequest } from '../../../../src/core/lm';
import { buildRequest } from '../../../../src/core/run-program';
import {
  currentModelId,
  DEFAULT_SIMULATED_MODEL,
  SIMULATED_MODELS,
} from '../../../../src/engines/standin/simulated-models';
import { classifier, madeUpWords } from './synthetic';

const LABELS = ['red_team', 'blue_team', 'green_team'];

function request(
  adapter = chatAdapter,
  extra: Partial<LMRequest> = {},
  labels: readonly string[] = LABELS,
  demos = 4,
): LMRequest {
  const words = madeUpWords(demos);
  const predictor = classifier({
    labels,
    demos: words.map((w, i) => [`The ${w} came back.`, labels[i % labels.length]!] as const),
  });
  return {
    ...buildRequest(predictor, { text: 'The blue one came back.' }, { adapter }),
    ...extra,
  };
}

describe('the simulated models registry', () => {
  it('lists distinct models, the default stand-in first', () => {
    const ids = SIMULATED_MODELS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(SIMULATED_MODELS[0]).toBe(DEFAULT_SIMULATED_MODEL);
    for (const m of SIMULATED_MODELS) expect(m.create(1).id).toBe(m.id);
  });

  it('maps the retired stand-in id to the default', () => {
    expect(currentModelId('stand-in-v1')).toBe(DEFAULT_SIMULATED_MODEL.id);
    expect(currentModelId('webllm:some-model')).toBe('webllm:some-model');
  });
});

describe.each(SIMULATED_MODELS.map((m) => [m.id, m] as const))('%s', (_id, info) => {
  it('is a pure function of its seed and the request', async () => {
    const req = request(chatAdapter, { temperature: 0, seed: 1 });
    const a = await info.create(3).complete(req);
    const b = await info.create(3).complete({ ...req, seed: 99 });
    expect(b.text).toBe(a.text);
    const samples = new Set<string>();
    for (let s = 0; s < 12; s++)
      samples.add((await info.create(3).complete({ ...req, temperature: 1, seed: s })).text);
    expect(samples.size).toBeGreaterThan(1);
  });

  it('answers the JSON adapter with JSON it reads', async () => {
    const req = request(jsonAdapter, { temperature: 0, seed: 0 });
    const text = (await info.create(0).complete(req)).text;
    expect(() => JSON.parse(text) as unknown).not.toThrow();
  });

  it('answers thousands of calls per second on 150 labels with 16 demos', async () => {
    const labels = madeUpWords(150).map((w, i) => `${w}_${i % 7 === 0 ? 'case' : 'kind'}`);
    const req = request(chatAdapter, { temperature: 0, seed: 0 }, labels, 16);
    const lm = info.create(0);
    const calls = 2000;
    const started = performance.now();
    for (let i = 0; i < calls; i++)
      await lm.complete({
        ...req,
        messages: [
          ...req.messages.slice(0, -1),
          { role: 'user', content: `[[ ## text ## ]]\nItem ${i} came back.` },
        ],
      });
    const perSecond = calls / ((performance.now() - started) / 1000);
    // Measured ≈ 2,000–3,000/s on a loaded 2-core machine; the bound only catches a blow-up.
    expect(perSecond).toBeGreaterThan(200);
  });
});
