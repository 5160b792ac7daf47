/**
 * TEST ONLY. Browser tests cannot load real weights on a machine without a GPU, so a page
 * opened with `?simulated-webllm` in its address starts its worker under a marked name, and
 * that worker uses a fake GPU adapter and the simulated WebLLM engine (engines/webllm/
 * simulated-engine.ts) instead of WebLLM. Everything past the engine (catalog, loading, the
 * speed warm-up, runs, guards, storage) is the app's real code. The simulated runtime is a
 * separate chunk that only such a worker loads (simulated-deps.ts). Documented in README.
 */
/** The query parameter that switches the page's worker to the simulated engine. */
export const SIMULATED_WEBLLM_PARAM = 'simulated-webllm';
const WORKER_NAME = 'copa-optimizer';
const SIMULATED_WORKER_NAME = `${WORKER_NAME}+${SIMULATED_WEBLLM_PARAM}`;

/** The worker's name for a page address's query string. */
export function workerNameFor(search: string): string {
  return new URLSearchParams(search).has(SIMULATED_WEBLLM_PARAM)
    ? SIMULATED_WORKER_NAME
    : WORKER_NAME;
}

/** True inside a worker started for a browser test with the simulated engine. */
export function isSimulatedWorker(name: string | undefined): boolean {
  return name === SIMULATED_WORKER_NAME;
}
