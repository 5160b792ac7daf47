import { abortableWait } from '../../core/abortable-wait';
import { isJsonObject, type JsonObject } from '../../core/json';
import { serverModelId } from '../../core/model-name';
import { estimateTokens, type LanguageModel, type LMRequest, type LMResponse } from '../../core/lm';
import type { UsageSummary } from '../webllm/webllm-model';
import { WARM_UP_PASSAGE } from '../warm-up-passage';
import { answerText, showsThinking } from './answer-text';
import { ServerError } from './errors';
import { callServer, type ServerEndpoint } from './http';
import { toServerRequest } from './request';
import { describeThinkingOff, THINKING_OFF_WAYS, type ThinkingOff } from './thinking-off';

/** Five minutes: a 7B model on a CPU can take a while on a long prompt, but not forever. */
export const DEFAULT_SERVER_TIMEOUT_MS = 300_000;

/**
 * Waits before asking again after a busy answer (429) or a 503 (llama-server answers so while
 * it loads the model): a passing state, not worth failing a call over. The server's
 * Retry-After is used when it gives one (up to 30 s).
 */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [2_000, 5_000];
const MAX_RETRY_AFTER_MS = 30_000;

export interface LocalServerModelOptions extends Omit<ServerEndpoint, 'timeoutMs'> {
  /** The model name as the server lists it under /v1/models. */
  model: string;
  timeoutMs?: number;
  /** Waits before each new attempt after a 429 or 503 (default DEFAULT_RETRY_DELAYS_MS). */
  retryDelaysMs?: readonly number[];
  /** The server model's context window, when the user knows it. */
  contextWindow?: number;
  clock?: () => number;
}

/** What the warm-up measured. */
export interface WarmUpResult {
  /** The first call's time: it includes loading the model when the server had not yet. */
  firstCallMs: number;
  /** The timed call's (a run's size, made once the model is loaded). */
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
  /** Tokens (read and written) per second over the timed call. */
  tokensPerS: number | null;
  /**
   * The request fields that turned a thinking model's thinking off (say `"reasoning_effort":
   * "none"`), sent with every call from now on; null when the model did not think.
   */
  thinkingOff: string | null;
}

/** A chat completion's message, before its answer text is taken. */
interface Reply {
  json: JsonObject;
  message: JsonObject;
  finishReason: unknown;
}

/** A first call: the server may load the model on it (seconds to minutes), so it is not timed. */
const FIRST_CALL: LMRequest = {
  messages: [{ role: 'user', content: 'Reply with the word OK.' }],
  temperature: 0,
  topP: 1,
  maxTokens: 8,
  seed: 0,
};

/**
 * A call of a run's shape, timed: a few hundred tokens read and a label's worth written. Timing
 * a tiny call instead counted its fixed cost as tokens, and a run's estimate came out many times
 * too long.
 */
const TIMED_CALL: LMRequest = {
  messages: [
    { role: 'system', content: 'You answer briefly and follow the format you are asked for.' },
    {
      role: 'user',
      content:
        `${WARM_UP_PASSAGE.repeat(8)}\nWhich of order, card, app, password or parcel comes ` +
        'last above? Answer with that one word.',
    },
  ],
  temperature: 0,
  topP: 1,
  maxTokens: 16,
  seed: 0,
};

/**
 * A model served by a local OpenAI-compatible server (Ollama, llama-server, LM Studio, vLLM) as
 * a core LanguageModel: one non-streaming chat completion per call. Its id holds the base URL
 * and the model name, so cached answers of one server are never served for another.
 */
export class LocalServerModel implements LanguageModel {
  readonly id: string;
  readonly contextWindow: number | undefined;
  readonly model: string;
  readonly baseUrl: string;
  private readonly endpoint: ServerEndpoint;
  private readonly clock: () => number;
  private readonly retryDelaysMs: readonly number[];
  /** Cleared when the server refuses the json_schema response format (then sent without). */
  private sendSchema = true;
  /** How this model's thinking is turned off, found by the warm-up; null when not needed. */
  private thinkingOff: ThinkingOff | null = null;
  private readonly totals = { calls: 0, promptTokens: 0, completionTokens: 0, latencyMs: 0 };
  private readonly speed = { prefillTokens: 0, prefillMs: 0, decodeTokens: 0, decodeMs: 0 };

  constructor(opts: LocalServerModelOptions) {
    this.model = opts.model;
    this.baseUrl = opts.baseUrl;
    this.id = serverModelId(opts.baseUrl, opts.model);
    this.contextWindow = opts.contextWindow;
    this.endpoint = {
      baseUrl: opts.baseUrl,
      timeoutMs: opts.timeoutMs ?? DEFAULT_SERVER_TIMEOUT_MS,
      ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    };
    this.clock = opts.clock ?? (() => performance.now());
    this.retryDelaysMs = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    return this.call(request, signal, true);
  }

  /** One chat completion; `timed`: its time counts towards the measured speed. */
  private async call(
    request: LMRequest,
    signal: AbortSignal | undefined,
    timed: boolean,
  ): Promise<LMResponse> {
    const began = this.clock();
    const reply = await this.ask(request, signal);
    return this.read(reply, request, Math.max(0, this.clock() - began), timed);
  }

  /** One chat completion's message, as the server sent it. */
  private async ask(request: LMRequest, signal: AbortSignal | undefined): Promise<Reply> {
    const json = await this.postRetrying(request, signal);
    const choices = json.choices;
    const choice = Array.isArray(choices) && isJsonObject(choices[0]) ? choices[0] : null;
    const message = choice && isJsonObject(choice.message) ? choice.message : null;
    if (!message)
      throw new ServerError(
        'ServerResponseError',
        this.baseUrl,
        'the answer has no choices[0].message',
      );
    return { json, message, finishReason: choice?.finish_reason };
  }

  /** The answer of a reply, its usage counted; `timed`: its time counts towards the speed. */
  private read(reply: Reply, request: LMRequest, latencyMs: number, timed: boolean): LMResponse {
    const { json, message, finishReason } = reply;
    const text = answerText(message, finishReason, this.baseUrl);
    const usage = isJsonObject(json.usage) ? json.usage : {};
    const promptTokens =
      count(usage.prompt_tokens) ??
      estimateTokens(request.messages.map((m) => m.content).join('\n'));
    const completionTokens = count(usage.completion_tokens) ?? estimateTokens(text);
    this.record(
      promptTokens,
      completionTokens,
      latencyMs,
      timed && isJsonObject(json.timings) ? json.timings : null,
      timed,
    );
    return {
      text,
      usage: { promptTokens, completionTokens, latencyMs },
      finishReason: finishReason === 'length' ? 'length' : 'stop',
    };
  }

  /**
   * Two calls before a run: a first one, so a slow load or a wrong model shows up now, then one
   * of a run's size, whose time gives the cost estimate its speed.
   */
  async warmUp(signal?: AbortSignal): Promise<WarmUpResult> {
    const first = await this.firstCall(signal);
    const timed = await this.call(TIMED_CALL, signal, true);
    const { promptTokens, completionTokens, latencyMs } = timed.usage;
    return {
      firstCallMs: first.usage.latencyMs,
      latencyMs,
      promptTokens,
      completionTokens,
      tokensPerS: latencyMs > 0 ? ((promptTokens + completionTokens) * 1000) / latencyMs : null,
      thinkingOff: this.thinkingOff ? describeThinkingOff(this.thinkingOff) : null,
    };
  }

  /**
   * The warm-up's first call. A thinking model spends it thinking, as it would spend a label's
   * few dozen tokens in a run: then each documented way to turn thinking off is tried once, and
   * the first that brings an answer without thinking is kept for every later call. When none
   * does (the server refuses them, or fails on them), the first answer stands: an error that says to turn
   * thinking off in the server when it had no text. Its time runs until the answer kept.
   */
  private async firstCall(signal: AbortSignal | undefined): Promise<LMResponse> {
    const began = this.clock();
    const elapsed = (): number => Math.max(0, this.clock() - began);
    const reply = await this.ask(FIRST_CALL, signal);
    if (!showsThinking(reply.message)) return this.read(reply, FIRST_CALL, elapsed(), false);
    for (const way of THINKING_OFF_WAYS) {
      this.thinkingOff = way;
      const retried = await this.ask(FIRST_CALL, signal).catch((err: unknown) => {
        // A strict server refuses a field it does not know, another breaks on it (a chat
        // template that fails): the next way may suit it, and failing that the first answer
        // stands, as it did before any was tried. Cancelling still stops the warm-up.
        if (err instanceof ServerError && !signal?.aborted) return null;
        throw err;
      });
      if (retried && !showsThinking(retried.message))
        return this.read(retried, FIRST_CALL, elapsed(), false);
    }
    this.thinkingOff = null;
    return this.read(reply, FIRST_CALL, elapsed(), false);
  }

  summary(): UsageSummary {
    const rate = (tokens: number, ms: number): number | null =>
      ms > 0 ? (tokens * 1000) / ms : null;
    return {
      ...this.totals,
      prefillTokensPerS: rate(this.speed.prefillTokens, this.speed.prefillMs),
      decodeTokensPerS: rate(this.speed.decodeTokens, this.speed.decodeMs),
    };
  }

  private async postRetrying(request: LMRequest, signal?: AbortSignal): Promise<JsonObject> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.post(request, signal);
      } catch (err) {
        const wait = this.retryDelaysMs[attempt];
        if (wait === undefined || !isPassing(err)) throw err;
        const asked = err instanceof ServerError ? err.http?.retryAfterMs : undefined;
        await abortableWait(
          asked !== undefined ? Math.min(asked, MAX_RETRY_AFTER_MS) : wait,
          signal,
        );
      }
    }
  }

  private async post(request: LMRequest, signal: AbortSignal | undefined): Promise<JsonObject> {
    const send = (sendSchema: boolean): Promise<JsonObject> =>
      callServer(
        this.endpoint,
        'POST',
        '/v1/chat/completions',
        toServerRequest(this.model, request, { sendSchema, thinkingOff: this.thinkingOff }),
        signal,
      );
    const withSchema = this.sendSchema && request.responseSchema !== undefined;
    try {
      return await send(withSchema);
    } catch (err) {
      // Older servers refuse the json_schema format; the JSON adapter's prompt still asks for
      // JSON, so the call is worth making without it (and later calls skip it).
      if (
        withSchema &&
        err instanceof ServerError &&
        err.name === 'ServerRejectedError' &&
        /response_format|json_schema|schema/i.test(err.detail ?? '')
      ) {
        this.sendSchema = false;
        return send(false);
      }
      throw err;
    }
  }

  /**
   * Adds a call to the totals. llama-server reports its reading and writing speeds
   * (`timings`); other servers only the tokens, so the call's time is split between reading
   * and writing in proportion to the tokens. An untimed call counts in the totals only.
   */
  private record(
    promptTokens: number,
    completionTokens: number,
    latencyMs: number,
    timings: JsonObject | null,
    timed: boolean,
  ): void {
    this.totals.calls++;
    this.totals.promptTokens += promptTokens;
    this.totals.completionTokens += completionTokens;
    this.totals.latencyMs += latencyMs;
    if (!timed) return;
    const readRate = count(timings?.prompt_per_second);
    const writeRate = count(timings?.predicted_per_second);
    const tokens = promptTokens + completionTokens;
    if (readRate && writeRate) {
      this.speed.prefillMs += (promptTokens * 1000) / readRate;
      this.speed.decodeMs += (completionTokens * 1000) / writeRate;
    } else if (tokens > 0 && latencyMs > 0) {
      this.speed.prefillMs += (latencyMs * promptTokens) / tokens;
      this.speed.decodeMs += (latencyMs * completionTokens) / tokens;
    } else return;
    this.speed.prefillTokens += promptTokens;
    this.speed.decodeTokens += completionTokens;
  }
}

/** A busy server (429) or one loading its model (503) may answer the same call soon. */
function isPassing(err: unknown): boolean {
  return err instanceof ServerError && (err.http?.status === 429 || err.http?.status === 503);
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}
