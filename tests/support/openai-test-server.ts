/**
 * A small OpenAI-compatible server for tests (Node `http`, 127.0.0.1, a random port). It lists
 * its models under /v1/models and answers /v1/chat/completions with the project's stand-in
 * model, so COPA runs against it learn as they do in the app. It can be told to fail: with a
 * status code, slowly (for timeouts), with a body that is not JSON, by dropping the connection,
 * and with or without CORS headers for a given origin. Its models can think before answering, as
 * Qwen3 does behind llama-server, unless a request turns thinking off with chat_template_kwargs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatMessage, LMRequest } from '../../src/core/lm';
import type { JsonObject } from '../../src/core/json';
import { StandInModel } from '../../src/engines/standin/standin-model';

/** How the next calls fail; `null` answers normally. */
export type Failure =
  | { kind: 'status'; status: number; message?: string; retryAfterS?: number }
  | { kind: 'slow'; ms: number }
  | { kind: 'malformed' }
  | { kind: 'drop' }
  /** A chat completion whose answer is this text (a model that rambles, or writes nothing). */
  | { kind: 'text'; text: string };

export interface LoggedRequest {
  method: string;
  path: string;
  origin: string | undefined;
  authorization: string | undefined;
  body: JsonObject | null;
}

export interface TestServerOptions {
  models?: string[];
  /** Calls must carry `Authorization: Bearer <apiKey>` (else 401). */
  apiKey?: string;
  /** The origin CORS headers allow ('*' for any, null for none). */
  corsOrigin?: string | null;
  /** Reports llama-server-style `timings` with each answer. */
  timings?: boolean;
}

/** What a thinking model writes first; the answer would come after it, out of tokens by then. */
const THOUGHT = '<think>\nOkay, the user wants me to answer in a format. Let me think about it';

export class OpenAITestServer {
  readonly requests: LoggedRequest[] = [];
  corsOrigin: string | null;
  apiKey: string | undefined;
  /** Applied to chat completions only; /v1/models keeps answering unless `failModels`. */
  failure: Failure | null = null;
  /** How many more calls fail (null: all of them, until `failure` is cleared). */
  failuresLeft: number | null = null;
  failModels = false;
  /** Its models think unless a request sends `chat_template_kwargs: {enable_thinking: false}`. */
  thinking = false;
  private readonly models: string[];
  private readonly timings: boolean;
  private readonly standIn = new Map<number, StandInModel>();
  private server: Server | null = null;
  url = '';

  constructor(opts: TestServerOptions = {}) {
    this.models = opts.models ?? ['standin-7b', 'standin-13b'];
    this.apiKey = opts.apiKey;
    this.corsOrigin = opts.corsOrigin ?? null;
    this.timings = opts.timings ?? false;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Chat completion requests received so far. */
  completions(): LoggedRequest[] {
    return this.requests.filter((r) => r.path === '/v1/chat/completions' && r.method === 'POST');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const body = parseObject(text);
    this.requests.push({
      method: req.method ?? 'GET',
      path,
      origin: req.headers.origin,
      authorization: req.headers.authorization,
      body,
    });
    this.cors(req, res);
    if (req.method === 'OPTIONS') return end(res, 204, '');
    if (this.apiKey && req.headers.authorization !== `Bearer ${this.apiKey}`)
      return error(res, 401, 'Invalid API key.');
    if (req.method === 'GET' && path === '/v1/models') {
      if (this.failModels && (await this.fail(res))) return;
      return json(res, 200, {
        object: 'list',
        data: this.models.map((id) => ({ id, object: 'model', owned_by: 'test' })),
      });
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      if (await this.fail(res)) return;
      if (!body) return error(res, 400, 'The body is not JSON.');
      return this.complete(body, res);
    }
    return error(res, 404, `No route ${req.method ?? ''} ${path}.`);
  }

  /** Applies the failure mode; true when the request was answered (or dropped) by it. */
  private async fail(res: ServerResponse): Promise<boolean> {
    const f = this.failure;
    if (!f) return false;
    if (this.failuresLeft !== null && --this.failuresLeft <= 0) {
      this.failure = null;
      this.failuresLeft = null;
    }
    if (f.kind === 'slow') {
      await new Promise((resolve) => setTimeout(resolve, f.ms));
      return false;
    }
    if (f.kind === 'status') {
      if (f.retryAfterS !== undefined) res.setHeader('Retry-After', String(f.retryAfterS));
      error(res, f.status, f.message ?? `Failing with ${f.status} on request.`);
    } else if (f.kind === 'malformed') end(res, 200, '<html>not json</html>', 'text/html');
    else if (f.kind === 'text')
      json(res, 200, {
        object: 'chat.completion',
        choices: [
          { index: 0, message: { role: 'assistant', content: f.text }, finish_reason: 'length' },
        ],
        usage: { prompt_tokens: 100, completion_tokens: 32 },
      });
    else res.socket?.destroy();
    return true;
  }

  private async complete(body: JsonObject, res: ServerResponse): Promise<void> {
    const model = body.model;
    if (typeof model !== 'string' || !this.models.includes(model))
      return error(res, 404, `model '${String(model)}' not found`);
    const messages = (Array.isArray(body.messages)
      ? body.messages
      : []) as unknown as ChatMessage[];
    const seed = typeof body.seed === 'number' ? body.seed : 0;
    const format = body.response_format as { json_schema?: { schema?: JsonObject } } | undefined;
    const schema = format?.json_schema?.schema;
    const request: LMRequest = {
      messages,
      temperature: typeof body.temperature === 'number' ? body.temperature : 1,
      topP: typeof body.top_p === 'number' ? body.top_p : 1,
      maxTokens: typeof body.max_tokens === 'number' ? body.max_tokens : 512,
      seed,
      ...(Array.isArray(body.stop) ? { stop: body.stop as string[] } : {}),
      ...(schema ? { responseSchema: schema } : {}),
    };
    const off = (body.chat_template_kwargs as JsonObject | undefined)?.enable_thinking === false;
    const thinks = this.thinking && !off;
    const answer = thinks
      ? {
          text: THOUGHT,
          usage: { promptTokens: 100, completionTokens: request.maxTokens },
          finishReason: 'length',
        }
      : await this.modelFor(seed).complete(request);
    const usage = answer.usage;
    json(res, 200, {
      id: `chatcmpl-${this.requests.length}`,
      object: 'chat.completion',
      created: 0,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: answer.text },
          finish_reason: answer.finishReason ?? 'stop',
        },
      ],
      usage: {
        prompt_tokens: usage.promptTokens,
        completion_tokens: usage.completionTokens,
        total_tokens: usage.promptTokens + usage.completionTokens,
      },
      ...(this.timings ? { timings: { prompt_per_second: 500, predicted_per_second: 25 } } : {}),
    });
  }

  // One stand-in per seed: the app sends the run's seed with every call.
  private modelFor(seed: number): StandInModel {
    let model = this.standIn.get(seed);
    if (!model) {
      model = new StandInModel({ seed });
      this.standIn.set(seed, model);
    }
    return model;
  }

  private cors(req: IncomingMessage, res: ServerResponse): void {
    const allowed = this.corsOrigin;
    if (allowed === null) return;
    const origin = req.headers.origin;
    if (allowed !== '*' && origin !== allowed) return;
    res.setHeader('Access-Control-Allow-Origin', allowed === '*' ? '*' : allowed);
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
    res.setHeader('Access-Control-Max-Age', '600');
    res.setHeader('Vary', 'Origin');
  }
}

function parseObject(text: string): JsonObject | null {
  try {
    const value: unknown = text ? JSON.parse(text) : null;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : null;
  } catch {
    return null;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function end(res: ServerResponse, status: number, text: string, type = 'application/json'): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': type });
  res.end(text);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  end(res, status, JSON.stringify(value));
}

function error(res: ServerResponse, status: number, message: string): void {
  json(res, status, { error: { message, type: 'test_error', code: status } });
}
