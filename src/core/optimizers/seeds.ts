import { hashString, Rng } from '../rng';

/**
 * Every random choice of a run comes from the run seed, the phase index and a label, never
 * from a shared stream, so a resumed run makes exactly the choices an uninterrupted one makes.
 */
export function derivedSeed(seed: number, phase: number, label: string): number {
  return (hashString(`${seed}|${phase}|${label}`) ^ Math.imul(seed, 0x9e3779b1)) | 0;
}

/** A generator for one purpose within one phase. */
export function phaseRng(seed: number, phase: number, label: string): Rng {
  return new Rng(derivedSeed(seed, phase, label));
}

/** A non-negative request seed (engines take unsigned seeds). */
export function requestSeed(seed: number, phase: number, label: string): number {
  return derivedSeed(seed, phase, label) >>> 1;
}
