/**
 * The blind kNN reader: a simulated small LM written as an independent referee for the
 * benchmark, without reading how the optimizers work or how the other simulated models do it.
 * It reads the app's prompt format back (blind-prompt.ts), picks labels from its nearest demos,
 * the label names and the rules the instruction states, all under seeded noise
 * (blind-label-choice.ts), copies or echoes other answers (blind-field-answers.ts), writes
 * instruction proposals from the examples it is shown (blind-proposer.ts), and slips on the
 * format now and then as small models do (blind-slips.ts). Every fixed number is in
 * blind-params.ts with its reason. It knows no task.
 */
import { throwIfAborted } from '../../core/errors';
import { estimateTokens, type LanguageModel, type LMRequest, type LMResponse } from '../../core/lm';
import { composeAnswer } from './blind-answer';
import { finish } from './blind-answer-format';
import { BlindNoise } from './blind-noise';
import { readPrompt } from './blind-prompt';
import { BLIND_READER_MODEL_ID } from './model-ids';

export class BlindReaderModel implements LanguageModel {
  readonly id = BLIND_READER_MODEL_ID;
  /** The seed changes every answer, so it is part of the cache identity. */
  readonly cacheIdentity: string;

  constructor(private readonly seed: number) {
    this.cacheIdentity = `${BLIND_READER_MODEL_ID}#seed=${seed}`;
  }

  async complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    throwIfAborted(signal);
    const prompt = readPrompt(request.messages);
    const noise = new BlindNoise(this.seed, prompt.promptText, request.temperature, request.seed);
    const { text, finishReason } = finish(
      composeAnswer(prompt, noise, request.temperature),
      request,
    );
    return {
      text,
      usage: {
        promptTokens: request.messages.reduce((n, m) => n + estimateTokens(m.content), 0),
        completionTokens: estimateTokens(text),
        latencyMs: 0,
      },
      finishReason,
    };
  }
}

export function createBlindReaderModel(seed: number): LanguageModel {
  return new BlindReaderModel(seed);
}
