import type { ChatCompletion, ChatCompletionRequestNonStreaming } from '@mlc-ai/web-llm';
import { startsWithThought } from '../../core/thinking-block';
import type { ModelSpeed } from '../../core/time-estimate';
import { WARM_UP_PASSAGE } from '../warm-up-passage';
import type { ChatEngine } from './chat-engine';
import { thinkingOffFields, type ChatRequestOptions } from './request';

/** Enough tokens to time the decoding, few enough to keep the warm-up under a few seconds. */
const WARM_UP_MAX_TOKENS = 48;

const WARM_UP: ChatCompletionRequestNonStreaming = {
  messages: [
    { role: 'system', content: 'You answer briefly and follow the format you are asked for.' },
    {
      role: 'user',
      content: `${WARM_UP_PASSAGE.repeat(8)}\nCount from 1 to 30, numbers only, separated by spaces.`,
    },
  ],
  temperature: 0,
  top_p: 1,
  seed: 0,
  stream: false,
  n: 1,
};

/** An answer longer than this is not a plausible fixed cost per call: the reading is dropped. */
const MAX_SECONDS_PER_CALL = 2;

export interface WarmUpOptions extends ChatRequestOptions {
  /**
   * Whether the model thinks is not known (a model added by address): its first call is sent as
   * to a model that does not, and its answer tells.
   */
  detectThinking?: boolean;
}

/** What the warm-up found. */
export interface WarmUpReading {
  /** Null when the engine reports no speeds. */
  speed: ModelSpeed | null;
  /**
   * The model thought before answering although nothing said it would (see detectThinking):
   * the measured call turned its thinking off, as every later call must.
   */
  thinkingFound: boolean;
}

/**
 * Measures a freshly loaded model's speed with two short calls: the first compiles and warms
 * the GPU pipelines (its time says nothing about a run's calls), the second is measured. Speeds
 * come from WebLLM's own usage report; the fixed cost per call is the wall time left over.
 * Forgets the conversation afterwards. A thinking model is asked not to think, as in a run: its
 * thinking would time something no run call does. So is one whose first answer starts with
 * thinking when that was not known (detectThinking): WebLLM's way to turn thinking off writes an
 * empty thinking block before any model's answer, so it is sent only to a model seen thinking.
 */
export async function measureSpeed(
  engine: ChatEngine,
  signal?: AbortSignal,
  clock: () => number = () => performance.now(),
  opts: WarmUpOptions = {},
): Promise<WarmUpReading> {
  const request = (thinkingOff: boolean): ChatCompletionRequestNonStreaming => ({
    ...WARM_UP,
    ...thinkingOffFields(WARM_UP_MAX_TOKENS, { thinkingOff }),
  });
  const thinkingOff = opts.thinkingOff === true;
  // Cancelling the load stops the warm-up's generation too.
  const interrupt = (): void => void engine.interruptGenerate();
  signal?.addEventListener('abort', interrupt, { once: true });
  try {
    const first = await engine.chat.completions.create(request(thinkingOff));
    // A block cut off by the answer limit counts: thinking is what spent the limit.
    const thinkingFound =
      opts.detectThinking === true &&
      !thinkingOff &&
      startsWithThought(first.choices[0]?.message.content ?? '');
    await engine.resetChat?.();
    const began = clock();
    const measured: ChatCompletion = await engine.chat.completions.create(
      request(thinkingOff || thinkingFound),
    );
    const seconds = Math.max(0, (clock() - began) / 1000);
    return { speed: speedOf(measured, seconds), thinkingFound };
  } finally {
    signal?.removeEventListener('abort', interrupt);
    await engine.resetChat?.();
  }
}

/** The speeds WebLLM reported for a call that took `seconds`; null when it reported none. */
function speedOf(measured: ChatCompletion, seconds: number): ModelSpeed | null {
  const usage = measured.usage;
  const prefill = usage?.extra?.prefill_tokens_per_s;
  const decode = usage?.extra?.decode_tokens_per_s;
  if (!usage || !isSpeed(prefill) || !isSpeed(decode)) return null;
  const busy = usage.prompt_tokens / prefill + usage.completion_tokens / decode;
  return {
    prefillTokensPerS: prefill,
    decodeTokensPerS: decode,
    secondsPerCall: Math.min(MAX_SECONDS_PER_CALL, Math.max(0, seconds - busy)),
  };
}

function isSpeed(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
