import type { LMRequest } from '../../core/lm';
import { Rng, hashString } from '../../core/rng';

/**
 * The stand-in's only source of variation: a pure function of the model seed and the request.
 * At temperature 0 it ignores `request.seed` (greedy decoding gives the same text whatever the
 * seed); at temperature > 0 the request seed and the temperature enter the key, so fresh samples
 * (which the optimizer asks for with a new seed) can differ. `rolloutId` never reaches a model.
 */
export class Noise {
  private readonly key: number;

  constructor(modelSeed: number, request: LMRequest) {
    let text = `${modelSeed}`;
    for (const m of request.messages) text += `\u0000${m.role}\u0000${m.content}`;
    if (request.temperature > 0) text += `\u0000t${request.temperature}\u0000s${request.seed}`;
    this.key = hashString(text);
  }

  /** A number in [0, 1) for one named decision; the same name always gives the same number. */
  roll(decision: string): number {
    return new Rng(this.key ^ hashString(decision)).next();
  }
}
