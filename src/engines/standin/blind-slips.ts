/**
 * Small-model format slips on a label answer: the label wrapped in a short sentence, or written
 * in another case. They happen at a fixed rate, less often when the instruction asks for the
 * label (or answer) only, never in a retry that follows feedback (see SLIP_RATE).
 */
import type { Rng } from '../../core/rng';
import { SLIP_RATE, SLIP_RATE_WHEN_TOLD } from './blind-params';

/** True when the instruction asks for the bare label or answer ("Answer with the label only."). */
export function asksForLabelOnly(instruction: string): boolean {
  return /\b(?:label|answer)\s+only\b|\bonly\s+(?:with\s+)?(?:the\s+)?(?:label|answer)\b/i.test(
    instruction,
  );
}

/** The slip rate for a prompt. */
export function slipRate(instruction: string, retry: boolean): number {
  if (retry) return 0;
  return asksForLabelOnly(instruction) ? SLIP_RATE_WHEN_TOLD : SLIP_RATE;
}

/** The label as written: as is, or (at `rate`) in a sentence or another case, half each. */
export function writeLabel(label: string, rate: number, rng: Rng): string {
  if (rng.next() >= rate) return label;
  if (rng.next() < 0.5) return `It is ${label}.`;
  return label === label.toUpperCase() ? label.toLowerCase() : label.toUpperCase();
}
