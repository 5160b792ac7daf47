/**
 * What a model's answer must hold before the rest of the core reads it. The `LanguageModel`
 * interface asks every engine for the text and its token counts, but a model written elsewhere
 * (a local server that omits `usage`, a harness written in plain JavaScript) may not give them.
 * Read as they are, missing counts threw inside the budget meter, after the model had answered:
 * that example was scored as wrong, the answer stayed cached, and only new prompts failed, so a
 * run went on with silent zeros. Checked where an answer enters the core, the engine-failure
 * guard every optimizer run puts around its model (before the answer cache), counts that are
 * missing or not numbers are estimated as the cost estimate does, and an answer without text is
 * a failure of the engine with a name, not a wrong answer.
 */
import { CopaError } from './errors';
import { chatTokens, estimateTokens, type LMRequest, type LMResponse, type LMUsage } from './lm';

/** The model answered without any text: the engine failed, not the program. */
export class MalformedResponseError extends CopaError {
  constructor(modelId: string, got: string) {
    super(
      'MalformedResponseError',
      `The model "${modelId}" gave an answer without text (${got} where the text should be). ` +
        'Check that the engine returns { text, usage } for each call, then run again.',
    );
  }
}

/**
 * The answer with text and usage the core can rely on: token counts that are missing, negative
 * or not finite are estimated from the prompt and the text (about four characters a token), a
 * latency that is not a number is 0.
 */
export function checkedResponse(
  modelId: string,
  request: LMRequest,
  response: LMResponse,
): LMResponse {
  const answer: unknown = response;
  if (typeof answer !== 'object' || answer === null)
    throw new MalformedResponseError(modelId, describe(answer));
  const { text, usage } = answer as { text?: unknown; usage?: unknown };
  if (typeof text !== 'string') throw new MalformedResponseError(modelId, describe(text));
  const given = (typeof usage === 'object' && usage !== null ? usage : {}) as Partial<
    Record<keyof LMUsage, unknown>
  >;
  return {
    ...response,
    usage: {
      promptTokens: count(given.promptTokens) ?? chatTokens(request.messages),
      completionTokens: count(given.completionTokens) ?? (text === '' ? 0 : estimateTokens(text)),
      latencyMs: count(given.latencyMs) ?? 0,
    },
  };
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  return `a value of type ${typeof value}`;
}
