/**
 * A plain copy of reactive state, safe to send to the worker (a Svelte proxy cannot be cloned
 * by postMessage): Svelte's own `$state.snapshot`, typed as its input, because its `Snapshot<T>`
 * of a program state (JSON values all the way down) is too deep for the type checker.
 */
export function snapshot<T>(value: T): T {
  return $state.snapshot(value) as T;
}
