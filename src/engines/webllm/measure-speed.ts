import type { ChatCompletion, ChatCompletionRequestNonStreaming } from '@mlc-ai/web-llm';
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

/**
 * Measures a freshly loaded model's speed with two short calls: the first compiles and warms
 * the GPU pipelines (its time says nothing about a run's calls), the second is measured. Speeds
 * come from WebLLM's own usage report; the fixed cost per call is the wall time left over.
 * Null when the engine reports no speeds. Forgets the conversation afterwards. A thinking model
 * is asked not to think, as in a run: its thinking would time something no run call does.
 */
export async function measureSpeed(
  engine: ChatEngine,
  signal?: AbortSignal,
  clock: () => number = () => performance.now(),
  opts: ChatRequestOptions = {},
): Promise<ModelSpeed | null> {
  const request: ChatCompletionRequestNonStreaming = {
    ...WARM_UP,
    ...thinkingOffFields(WARM_UP_MAX_TOKENS, opts),
  };
  // Cancelling the load stops the warm-up's generation too.
  const interrupt = (): void => void engine.interruptGenerate();
  signal?.addEventListener('abort', interrupt, { once: true });
  try {
    await engine.chat.completions.create(request);
    await engine.resetChat?.();
    const began = clock();
    const measured: ChatCompletion = await engine.chat.completions.create(request);
    const seconds = Math.max(0, (clock() - began) / 1000);
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
  } finally {
    signal?.removeEventListener('abort', interrupt);
    await engine.resetChat?.();
  }
}

function isSpeed(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
