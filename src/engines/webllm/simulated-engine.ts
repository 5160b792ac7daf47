/**
 * A stand-in for WebLLM's MLCEngine (the ChatEngine subset the app uses) that behaves like a
 * small model on a GPU, for tests without one: it keeps talking after its answer (within
 * `max_tokens`, cut at a `stop` string as WebLLM does), can echo the prompt's markers or drop its
 * output marker, refuses a prompt over its context window with WebLLM's error name, and fails
 * when told to. As a thinking model (Qwen3) it thinks at length before answering unless the
 * request turns thinking off, and then starts its answer with WebLLM's empty thinking block.
 * Tokens are counted at four characters each.
 */
import type {
  ChatCompletion,
  ChatCompletionRequestNonStreaming,
  ChatCompletionMessageParam,
} from '@mlc-ai/web-llm';
import type { ChatEngine } from './chat-engine';
import { EMPTY_THINKING_BLOCK_TOKENS } from '../../core/thinking-block';

/** How the simulated model words an answer it has decided on. */
export type AnswerStyle =
  /** `[[ ## field ## ]]` sections, the completed marker, then chatter. */
  | 'marked'
  /** The value alone, then the completed marker (no output marker), then chatter. */
  | 'no-output-marker'
  /** Echoes the last input section back before answering, then chatter. */
  | 'echo-markers';

export interface SimulatedEngineOptions {
  /** The answer values the model decides on, per output field, for the request's messages. */
  answer: (messages: readonly ChatCompletionMessageParam[]) => Record<string, string>;
  /** How the answer is worded; a function of the call index to vary it (default 'marked'). */
  style?: AnswerStyle | ((call: number) => AnswerStyle);
  /** Prompt plus answer tokens the model can hold (default 4,096, the catalog's). */
  contextWindow?: number;
  /** Throws this WebLLM error name on the calls it returns true for. */
  failOn?: (call: number) => string | null;
  /** True for the loaded models that think before answering (see the class comment). */
  thinks?: (modelId: string | null) => boolean;
}

/** A thinking model's reasoning before its answer: long enough to spend a label's allowance. */
const THOUGHT =
  '<think>\nOkay, let me see. The user wants me to pick one of the labels for this message, so ' +
  'I should read it again, weigh each of the labels I was given in turn, and then check the ' +
  'format I was asked to answer in before I write anything.\n</think>\n\n';
/** What WebLLM puts before the answer when a request turns thinking off. */
const EMPTY_THINKING_BLOCK = '<think>\n\n</think>\n\n';

const CHATTER =
  '\n\nI hope this helps! The ticket mentions a charge, so it belongs there. Let me know if ' +
  'you need anything else, and remember that you can always ask me more questions.';

/** A simulated MLCEngine; `calls`, `requests` and `resets` record what the app did with it. */
export class SimulatedEngine implements ChatEngine {
  readonly requests: ChatCompletionRequestNonStreaming[] = [];
  calls = 0;
  resets = 0;
  /** The model id of the last reload. */
  loaded: string | null = null;
  private readonly contextWindow: number;

  constructor(private readonly opts: SimulatedEngineOptions) {
    this.contextWindow = opts.contextWindow ?? 4096;
  }

  readonly chat = {
    completions: {
      create: (request: ChatCompletionRequestNonStreaming): Promise<ChatCompletion> =>
        Promise.resolve().then(() => this.create(request)),
    },
  };

  interruptGenerate(): void {}
  resetChat(): Promise<void> {
    this.resets++;
    return Promise.resolve();
  }
  reload(modelId: string): Promise<void> {
    this.loaded = modelId;
    return Promise.resolve();
  }
  unload(): Promise<void> {
    return Promise.resolve();
  }

  private create(request: ChatCompletionRequestNonStreaming): ChatCompletion {
    const call = this.calls++;
    this.requests.push(request);
    const failure = this.opts.failOn?.(call) ?? null;
    if (failure) throw named(failure, `${failure}: simulated failure on call ${call}.`);
    const promptTokens = tokens(request.messages.map((m) => contentOf(m)).join('\n'));
    const maxTokens = request.max_tokens ?? 512;
    // WebLLM checks the prompt plus the generation room against the context window.
    if (promptTokens + maxTokens > this.contextWindow)
      throw named(
        'ContextWindowSizeExceededError',
        `Prompt tokens exceed context window size: number of prompt tokens: ${promptTokens}; ` +
          `context window size: ${this.contextWindow}`,
      );
    const style = typeof this.opts.style === 'function' ? this.opts.style(call) : this.opts.style;
    const full = wordAnswer(this.opts.answer(request.messages), style ?? 'marked', request);
    // WebLLM puts the empty block in the output and counts its tokens against max_tokens.
    const thinking = this.opts.thinks?.(this.loaded) === true;
    const thinkingOff = thinking && request.extra_body?.enable_thinking === false;
    const prefix = thinkingOff ? EMPTY_THINKING_BLOCK : '';
    const prefixTokens = thinkingOff ? EMPTY_THINKING_BLOCK_TOKENS : 0;
    let text = thinking && !thinkingOff ? THOUGHT + full : full;
    let finish: 'stop' | 'length' = 'stop';
    const stops = typeof request.stop === 'string' ? [request.stop] : (request.stop ?? []);
    for (const s of stops) {
      const at = text.indexOf(s);
      if (at >= 0) text = text.slice(0, at);
    }
    const room = Math.max(0, maxTokens - prefixTokens);
    if (tokens(text) > room) {
      text = text.slice(0, room * 4);
      finish = 'length';
    }
    const completionTokens = prefixTokens + tokens(text);
    text = prefix + text;
    return {
      id: `sim-${call}`,
      object: 'chat.completion',
      created: 0,
      model: 'simulated',
      choices: [
        {
          index: 0,
          finish_reason: finish,
          logprobs: null,
          message: { role: 'assistant', content: text },
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        extra: { prefill_tokens_per_s: 300, decode_tokens_per_s: 40 },
      },
    } as ChatCompletion;
  }
}

function wordAnswer(
  values: Record<string, string>,
  style: AnswerStyle,
  request: ChatCompletionRequestNonStreaming,
): string {
  const marked = Object.entries(values)
    .map(([k, v]) => `[[ ## ${k} ## ]]\n${v}`)
    .join('\n\n');
  if (style === 'no-output-marker')
    return `${Object.values(values).join('\n')}\n\n[[ ## completed ## ]]${CHATTER}`;
  if (style === 'echo-markers') {
    const last = request.messages[request.messages.length - 1];
    const echoed = last ? contentOf(last).split('\n\n')[0] : '';
    return `${echoed}\n\n${Object.values(values).join('\n')}${CHATTER}`;
  }
  return `${marked}\n\n[[ ## completed ## ]]${CHATTER}`;
}

function contentOf(message: ChatCompletionMessageParam): string {
  return typeof message.content === 'string' ? message.content : '';
}

function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function named(name: string, message: string): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}
