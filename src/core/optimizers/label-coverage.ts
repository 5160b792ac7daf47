import type { Example } from '../example';
import type { Program } from '../program';
import type { Rng } from '../rng';

/** The gold label(s) of an example, as one key; null when the program has no label output. */
export type LabelKey = (example: Example) => string | null;

/**
 * The key of an example's gold values of the program's label-typed outputs. Demos and proposer
 * examples are spread over these keys: with many labels a random handful shows few of them,
 * and a model cannot answer with a label it was never shown or told about.
 */
export function labelKeyOf(program: Program): LabelKey {
  const names = program.steps.flatMap((s) =>
    s.signature.outputs.filter((f) => f.type === 'label').map((f) => f.name),
  );
  if (names.length === 0) return () => null;
  return (example) => {
    const values = names.map((n) => example.data[n]);
    if (values.some((v) => v === undefined || v === null)) return null;
    return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\u0000');
  };
}

/**
 * Interleaves examples by label (round robin, labels in order of first appearance), keeping
 * each label's examples in their given order: the first k cover as many labels as k allows.
 * Examples without a key come last, in order.
 */
export function interleaveByLabel<T extends Example>(order: readonly T[], keyOf: LabelKey): T[] {
  const groups = new Map<string, T[]>();
  const unkeyed: T[] = [];
  for (const e of order) {
    const key = keyOf(e);
    if (key === null) unkeyed.push(e);
    else {
      const g = groups.get(key);
      if (g) g.push(e);
      else groups.set(key, [e]);
    }
  }
  if (groups.size === 0) return [...order];
  const out: T[] = [];
  const lists = [...groups.values()];
  for (let round = 0; out.length < order.length - unkeyed.length; round++)
    for (const list of lists) {
      const e = list[round];
      if (e) out.push(e);
    }
  return [...out, ...unkeyed];
}

/** `k` random examples spread over as many labels as possible (a plain sample without labels). */
export function coverageSample<T extends Example>(
  examples: readonly T[],
  k: number,
  rng: Rng,
  keyOf: LabelKey,
): T[] {
  return interleaveByLabel(rng.shuffle(examples), keyOf).slice(0, Math.max(0, k));
}
