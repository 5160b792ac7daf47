import { CopaError } from '../../core/errors';

/** The ways a local OpenAI-compatible server can fail, each with its own stable error name. */
export type ServerErrorName =
  | 'ServerAddressError'
  | 'PublicServerAddressError'
  | 'ServerUnreachableError'
  | 'ServerAuthError'
  | 'ServerModelNotFoundError'
  | 'ServerBusyError'
  | 'ServerFailedError'
  | 'ServerTimeoutError'
  | 'ServerRejectedError'
  | 'ServerResponseError'
  | 'ServerEmptyAnswerError'
  | 'ServerContextWindowError'
  | 'ServerNoApiError';

/**
 * What each common server needs before a browser page may call it (CORS). Shown with the
 * unreachable error, since a browser reports a refused origin exactly like a closed port.
 */
export const CORS_SETTINGS =
  "Ollama: set OLLAMA_ORIGINS to this page's address (Ollama allows localhost pages by default); " +
  "llama-server: --cors-origins (it allows any origin by default); vLLM: --allowed-origins '[\"<this page's address>\"]' " +
  '(any origin by default); LM Studio: turn on "Enable CORS" in its server settings.';

const WORDS: Readonly<Record<ServerErrorName, (address: string) => string>> = {
  ServerAddressError: () =>
    'This is not a server address. Write it as http://host:port, e.g. http://127.0.0.1:11434.',
  PublicServerAddressError: (a) =>
    `${a} is neither this computer nor a private network address. Your prompts and data would ` +
    'be sent there: confirm that you want this before connecting.',
  ServerUnreachableError: (a) =>
    `No answer from ${a}. Either nothing is listening there (start the server, check the ` +
    "address and port), or the server refused this page's origin (CORS): a browser cannot tell " +
    `these two apart. ${CORS_SETTINGS}`,
  ServerAuthError: (a) =>
    `${a} refused the request (not authorised). Check the API key; a server that limits which ` +
    "pages may call it also answers so when this page's address is not allowed.",
  ServerModelNotFoundError: (a) =>
    `${a} does not serve this model (or this address has no OpenAI-compatible API under /v1). ` +
    'Press "Test connection" and choose a model from the list.',
  ServerBusyError: (a) =>
    `${a} is busy or limits the request rate (429). Wait a moment and resume, or raise the ` +
    "server's limits.",
  ServerFailedError: (a) =>
    `${a} failed while answering (a server error), or is still loading the model. Look at the ` +
    "server's log; it may have run out of memory. Restart it or choose a smaller model, then resume.",
  ServerTimeoutError: (a) =>
    `${a} took too long to answer. The model may be too slow on this machine or still loading; ` +
    'wait for it to load, choose a smaller model, or lower the answer length.',
  ServerRejectedError: (a) =>
    `${a} refused the request as malformed. It may not accept one of the settings sent (say, ` +
    'the JSON schema output format); try the chat format, or another server version.',
  ServerResponseError: (a) =>
    `${a} answered with something that is not an OpenAI chat completion. Check that the address ` +
    'is the server\'s base URL (without "/v1/chat/completions").',
  ServerEmptyAnswerError: (a) =>
    `The model at ${a} answered with no text. A model that thinks before it answers (Qwen3, ` +
    'DeepSeek-R1, QwQ and the like) spends the answer length on thinking, and COPA gives a ' +
    'label answer a few dozen tokens. COPA asks the server to turn thinking off when it sees a ' +
    'model think at connect (llama-server and vLLM: chat_template_kwargs; Ollama: ' +
    'reasoning_effort), and this server did not: turn its thinking off in the server, or choose ' +
    "an instruct model that answers directly. Otherwise look at the server's log (the model's " +
    'chat template may be wrong).',
  ServerContextWindowError: () =>
    'The context window is a number of tokens, at least 512 (models have 2,048 to 131,072): ' +
    "the model's card or the server's log says it. Leave it empty when you do not know it; the " +
    'server then says when a prompt is too long.',
  ServerNoApiError: (a) =>
    `${a} answers, but has no OpenAI-compatible API there (GET /v1/models was not found). ` +
    "Give the server's base URL: for Ollama http://127.0.0.1:11434, not its own /api address; " +
    'for the others the address the server prints when it starts, without /v1.',
};

/** A failure of a local server, with advice in its message. Survives the worker boundary by name. */
export class ServerError extends CopaError {
  declare readonly name: ServerErrorName;

  constructor(
    name: ServerErrorName,
    address: string,
    /** What the server (or the network) said, apart from the advice. */
    readonly detail?: string,
    /** The HTTP status and the server's Retry-After, when it answered with a failure. */
    readonly http?: { status: number; retryAfterMs?: number },
  ) {
    const parts = [WORDS[name](address)];
    if (detail) parts.push(`(Details: ${detail})`);
    super(name, parts.join(' '));
  }
}
