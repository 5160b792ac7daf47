/**
 * The blind reader's only randomness, all of it seeded: a pure function of the model seed, the
 * prompt, the temperature and (only when the temperature is above 0) the request seed.
 *
 * Two streams: the quirk, keyed on the prompt alone (what greedy decoding of a fixed model
 * would do with this exact prompt), and the sample, keyed also on temperature and request seed
 * (what a fresh sample adds). At temperature 0 the sample stream is keyed on the prompt too, so
 * the same prompt always gives the same answer whatever the request seed.
 */
import { hashString, Rng } from '../../core/rng';

export class BlindNoise {
  private readonly quirkKey: number;
  private readonly sampleKey: number;

  /** `promptText`: the prompt as the decision sees it (a retry passes the prompt before it). */
  constructor(modelSeed: number, promptText: string, temperature: number, requestSeed: number) {
    this.quirkKey = hashString(`blind\u0000${modelSeed}\u0000${promptText}`);
    const sampling = temperature > 0 ? `t${temperature}\u0000s${requestSeed}` : 'greedy';
    this.sampleKey = hashString(`${this.quirkKey}\u0000${sampling}`);
  }

  /** A stream of uniform numbers for one named decision, fixed by the prompt alone. */
  quirk(decision: string): Rng {
    return new Rng(this.quirkKey ^ hashString(decision));
  }

  /** A stream of uniform numbers for one named decision, as sampled for this request. */
  sample(decision: string): Rng {
    return new Rng(this.sampleKey ^ hashString(decision));
  }
}

/** A standard Gumbel draw from a uniform number (clamped away from 0 and 1). */
export function gumbel(uniform: number): number {
  const u = Math.min(1 - 1e-12, Math.max(1e-12, uniform));
  return -Math.log(-Math.log(u));
}
