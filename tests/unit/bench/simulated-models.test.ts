import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIMULATED_MODEL,
  SIMULATED_MODELS,
} from '../../../src/engines/standin/simulated-models';

/** The bench picks models by id (BENCH_MODELS) and measures tests with a fresh model per seed. */
describe('the simulated-model registry the bench runs', () => {
  it('lists the default first, each id once', () => {
    expect(SIMULATED_MODELS[0]).toBe(DEFAULT_SIMULATED_MODEL);
    const ids = SIMULATED_MODELS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a fresh model of the same seed answers the same request the same way', async () => {
    const request = {
      messages: [
        { role: 'system' as const, content: 'Your input fields are:\n1. `text` (str)' },
        { role: 'user' as const, content: '[[ ## text ## ]]\nhello' },
      ],
      temperature: 0,
      topP: 1,
      maxTokens: 64,
      seed: 0,
    };
    for (const info of SIMULATED_MODELS) {
      const [a, b] = [info.create(3), info.create(3)];
      expect((await b.complete(request)).text).toBe((await a.complete(request)).text);
    }
  });
});
