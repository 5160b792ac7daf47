/**
 * What a model is called wherever the app names it (the Model screen, Optimize, the Library,
 * run reports), from its id: one function, so one model has one name on every screen.
 */

/** The names of the catalog's model families, by the start of their WebLLM ids. */
const FAMILY_NAMES: Readonly<Record<string, string>> = {
  'SmolLM2-360M-Instruct': 'SmolLM2 360M Instruct',
  'Qwen2.5-0.5B-Instruct': 'Qwen2.5 0.5B Instruct',
  'Qwen3-0.6B': 'Qwen3 0.6B',
  'Llama-3.2-1B-Instruct': 'Llama 3.2 1B Instruct',
  'Qwen2.5-1.5B-Instruct': 'Qwen2.5 1.5B Instruct',
  'Qwen3-1.7B': 'Qwen3 1.7B',
  'Phi-3.5-mini-instruct': 'Phi-3.5 mini Instruct',
};

/** A WebLLM build's id: the model, its quantization, "-MLC". */
const WEBLLM_BUILD = /^(.+)-(q\d+f\d+(?:_\d+)?)-MLC$/;

const SERVER_PREFIX = 'server:';

/** A local server model's LanguageModel id: `server:<base URL>#<model name>`. */
export function serverModelId(baseUrl: string, model: string): string {
  return `${SERVER_PREFIX}${baseUrl}#${model}`;
}

/** The base URL and model name in a local server model's id; null for any other id. */
export function serverModelOf(id: string): { baseUrl: string; model: string } | null {
  if (!id.startsWith(SERVER_PREFIX)) return null;
  const rest = id.slice(SERVER_PREFIX.length);
  const at = rest.indexOf('#');
  return at < 0
    ? { baseUrl: '', model: rest }
    : { baseUrl: rest.slice(0, at), model: rest.slice(at + 1) };
}

/**
 * A real model's name from its LanguageModel id (`webllm:…`, `server:…`) or its WebLLM id: a
 * catalog model as "Qwen2.5 0.5B Instruct (q4f16_1)", a server's as "llama3 (local server at
 * http://…)", any other (one added by address) by its id.
 */
export function modelDisplayName(id: string): string {
  const server = serverModelOf(id);
  if (server)
    return server.baseUrl
      ? `${server.model} (local server at ${server.baseUrl})`
      : `${server.model} (local server)`;
  const webllmId = id.replace(/^webllm:/, '');
  const [, family = '', quantization = ''] = WEBLLM_BUILD.exec(webllmId) ?? [];
  const name = FAMILY_NAMES[family];
  return name ? `${name} (${quantization})` : webllmId;
}
