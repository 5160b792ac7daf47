import { isJsonObject } from '../../core/json';
import { ServerError } from './errors';
import { callServer, type ServerEndpoint } from './http';

/** Ten seconds: listing models is quick on any server that is up. */
export const LIST_MODELS_TIMEOUT_MS = 10_000;

/** The model names from `GET {base}/v1/models`, sorted. */
export async function listServerModels(
  endpoint: Omit<ServerEndpoint, 'timeoutMs'> & { timeoutMs?: number },
  signal?: AbortSignal,
): Promise<string[]> {
  const json = await callServer(
    { ...endpoint, timeoutMs: endpoint.timeoutMs ?? LIST_MODELS_TIMEOUT_MS },
    'GET',
    '/v1/models',
    undefined,
    signal,
  ).catch((err: unknown) => {
    // No model is chosen yet: a 404 here means no API at this address, not an unknown model.
    if (err instanceof ServerError && err.http?.status === 404)
      throw new ServerError('ServerNoApiError', endpoint.baseUrl, err.detail);
    throw err;
  });
  const data = json.data;
  if (!Array.isArray(data))
    throw new ServerError('ServerResponseError', endpoint.baseUrl, '/v1/models has no "data" list');
  const ids = data.flatMap((m) => (isJsonObject(m) && typeof m.id === 'string' ? [m.id] : []));
  return [...new Set(ids)].sort((a, b) => a.localeCompare(b));
}
