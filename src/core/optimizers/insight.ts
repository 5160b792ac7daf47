import type { PhaseKind } from './records';

/** What a phase learned: words for people and the next phase, plus examples to focus on. */
export interface Insight {
  phase: number;
  kind: PhaseKind;
  text: string;
  /** Training examples the current program fails (tried first by the next bootstrap). */
  focusIds: string[];
}

/** Moves the focus examples to the front of a walk order, keeping the rest in order. */
export function focusFirst<T extends { id: string }>(
  order: readonly T[],
  focusIds: readonly string[],
): T[] {
  if (focusIds.length === 0) return [...order];
  const focus = new Set(focusIds);
  return [...order.filter((e) => focus.has(e.id)), ...order.filter((e) => !focus.has(e.id))];
}

/** Shortens a text for one line of an insight. */
export function clip(text: string, max = 120): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
