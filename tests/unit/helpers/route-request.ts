import type { LanguageModel, LMResponse } from '../../../src/core/lm';

/** One short task call, as a run makes them: routing a ticket, a label's few dozen tokens. */
export const askToRoute = (model: LanguageModel): Promise<LMResponse> =>
  model.complete({
    messages: [{ role: 'user', content: 'Route: my card was charged twice.' }],
    temperature: 0,
    topP: 1,
    maxTokens: 32,
    seed: 0,
  });
