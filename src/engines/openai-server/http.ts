import { AbortedError } from '../../core/errors';
import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json';
import { EngineError } from '../webllm/errors';
import { ServerError, type ServerErrorName } from './errors';

/** How to reach one server. */
export interface ServerEndpoint {
  /** Normalized base URL (see address.ts), e.g. http://127.0.0.1:11434. */
  baseUrl: string;
  /** Sent as a bearer token when set. */
  apiKey?: string;
  /** A call that takes longer fails with ServerTimeoutError. */
  timeoutMs: number;
  /** The fetch to use (the global one by default; tests may pass their own). */
  fetch?: typeof fetch;
}

/** Servers word a too-long prompt differently (llama-server, vLLM, LM Studio, OpenAI). */
const CONTEXT_TOO_LONG =
  /context (length|size|window)|maximum context|exceeds? the (available )?context|too many tokens|prompt is too long|n_ctx/i;

/**
 * Calls the server and returns its JSON answer. Every failure becomes a named error with
 * advice: no answer at all (or CORS refused: a browser cannot tell), a status code, a timeout,
 * or a body that is not JSON. Aborting `signal` cancels the request (AbortedError).
 */
export async function callServer(
  endpoint: ServerEndpoint,
  method: 'GET' | 'POST',
  path: string,
  body?: JsonObject,
  signal?: AbortSignal,
): Promise<JsonObject> {
  if (signal?.aborted) throw new AbortedError();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, endpoint.timeoutMs);
  const cancel = (): void => controller.abort();
  signal?.addEventListener('abort', cancel, { once: true });
  const doFetch = endpoint.fetch ?? globalThis.fetch.bind(globalThis);
  const address = endpoint.baseUrl;
  let status: number;
  let text: string;
  let retryAfter: string | null;
  try {
    const response = await doFetch(`${address}${path}`, {
      method,
      headers: {
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...(endpoint.apiKey ? { Authorization: `Bearer ${endpoint.apiKey}` } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: controller.signal,
      // The server is the user's own; nothing of this page (cookies) is sent along.
      credentials: 'omit',
    });
    status = response.status;
    retryAfter = response.headers.get('retry-after');
    text = await response.text();
  } catch (err) {
    if (signal?.aborted) throw new AbortedError();
    if (timedOut)
      throw new ServerError(
        'ServerTimeoutError',
        address,
        `no answer after ${endpoint.timeoutMs / 1000} s`,
      );
    throw new ServerError(
      'ServerUnreachableError',
      address,
      err instanceof Error ? err.message : String(err),
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', cancel);
  }
  if (status < 200 || status >= 300) throw errorForStatus(status, text, address, retryAfter);
  let json: JsonValue;
  try {
    json = JSON.parse(text) as JsonValue;
  } catch {
    throw new ServerError('ServerResponseError', address, `not JSON: ${clip(text)}`);
  }
  if (!isJsonObject(json))
    throw new ServerError('ServerResponseError', address, `not a JSON object: ${clip(text)}`);
  return json;
}

/** The named error for an HTTP failure status, with the server's own words as detail. */
export function errorForStatus(
  status: number,
  body: string,
  address: string,
  retryAfter: string | null = null,
): Error {
  const detail = `HTTP ${status}: ${serverMessage(body)}`;
  if ((status === 400 || status === 413 || status >= 500) && CONTEXT_TOO_LONG.test(body))
    return new EngineError('ContextTooLongError', detail);
  const seconds =
    retryAfter !== null && /^\d+(\.\d+)?$/.test(retryAfter.trim()) ? Number(retryAfter) : null;
  const http = { status, ...(seconds !== null ? { retryAfterMs: seconds * 1000 } : {}) };
  const named = (name: ServerErrorName): ServerError =>
    new ServerError(name, address, detail, http);
  if (status === 401 || status === 403) return named('ServerAuthError');
  if (status === 404) return named('ServerModelNotFoundError');
  if (status === 408 || status === 504) return named('ServerTimeoutError');
  if (status === 429) return named('ServerBusyError');
  if (status >= 500) return named('ServerFailedError');
  return named('ServerRejectedError');
}

/** The error message in an OpenAI-style error body, or the start of the body. */
function serverMessage(body: string): string {
  try {
    const json = JSON.parse(body) as JsonValue;
    if (isJsonObject(json)) {
      const error = json.error;
      if (isJsonObject(error) && typeof error.message === 'string') return clip(error.message);
      if (typeof error === 'string') return clip(error);
      if (typeof json.message === 'string') return clip(json.message);
      if (typeof json.detail === 'string') return clip(json.detail);
    }
  } catch {
    // not JSON: the text itself
  }
  return clip(body) || 'no message';
}

function clip(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > 300 ? `${t.slice(0, 300)}…` : t;
}
