/**
 * A plain deep copy of reactive state, safe to send to the worker (a Svelte proxy cannot be
 * cloned by postMessage). JSON is enough: everything crossing the boundary is plain JSON.
 */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
