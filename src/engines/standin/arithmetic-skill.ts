import type { ReadDemo } from './prompt-reader';
import { overlap, tokenSet } from './text-features';

type Operation = (a: number, b: number) => number;

const OPERATIONS: readonly { name: string; apply: Operation }[] = [
  { name: 'add', apply: (a, b) => a + b },
  { name: 'subtract', apply: (a, b) => a - b },
  { name: 'multiply', apply: (a, b) => a * b },
  { name: 'divide', apply: (a, b) => (b === 0 ? NaN : a / b) },
];

/** The numbers written in a text, in order. */
export function numbersIn(text: string): number[] {
  return (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
}

/**
 * The stand-in's arithmetic: it cannot really read a word problem. With demos, it copies the
 * operation of the most similar demo that used one operation on its first two numbers (so
 * two-step problems always fail); without demos it adds the numbers. Deliberately weak.
 */
export function solveArithmetic(
  question: string,
  demos: readonly { input: string; output: string }[],
): { value: number; how: string } {
  const nums = numbersIn(question);
  const [a = 0, b = 0] = nums;
  const query = tokenSet(question);
  const ranked = demos
    .map((d) => ({ d, sim: overlap(query, tokenSet(d.input)) }))
    .sort((x, y) => y.sim - x.sim);
  for (const { d } of ranked) {
    const [da, db] = numbersIn(d.input);
    const answer = numbersIn(d.output)[0];
    if (da === undefined || db === undefined || answer === undefined) continue;
    const op = OPERATIONS.find((o) => Math.abs(o.apply(da, db) - answer) < 1e-9);
    if (op && nums.length >= 2)
      return { value: op.apply(a, b), how: `the most similar example used ${op.name}` };
  }
  return { value: nums.reduce((s, n) => s + n, 0), how: 'adding the numbers' };
}

/** The demos' (input, output) text pairs for one output field. */
export function demoPairs(
  demos: readonly ReadDemo[],
  field: string,
): { input: string; output: string }[] {
  return demos
    .filter((d) => d.outputs[field] !== undefined)
    .map((d) => ({ input: Object.values(d.inputs).join('\n'), output: d.outputs[field] ?? '' }));
}

/** A number written as a model would: integers plain, others with at most two decimals. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '0';
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}
