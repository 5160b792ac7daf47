import type { LMRequest } from '../../core/lm';
import { Rng, hashString } from '../../core/rng';

/**
 * A simulated model's only source of variation: a pure function of the model, its seed and the
 * request. At temperature 0 it ignores `request.seed` (greedy decoding gives the same text whatever the
 * seed); at temperature > 0 the request seed and the temperature enter the key, so fresh samples
 * (which the optimizer asks for with a new seed) can differ. `rolloutId` never reaches a model.
 */
export class Noise {
  private readonly key: number;
  private readonly baseKey: number;

  /** `model` keeps two simulated models with the same seed from rolling the same numbers. */
  constructor(modelSeed: number, request: LMRequest, model = '') {
    const sampling = request.temperature > 0 ? `t${request.temperature}\u0000s${request.seed}` : '';
    let text = `${model}\u0000${modelSeed}\u0000${sampling}`;
    this.baseKey = hashString(text);
    for (const m of request.messages) text += `\u0000${m.role}\u0000${m.content}`;
    this.key = hashString(text);
  }

  /**
   * Like `roll`, but keyed on one text instead of the whole prompt: a decision about the input
   * alone (a blind guess) stays the same whatever the instruction and demos around it.
   */
  rollFor(decision: string, text: string): number {
    return new Rng(this.baseKey ^ hashString(`${decision}\u0000${text}`)).next();
  }

  /** A number in [0, 1) for one named decision; the same name always gives the same number. */
  roll(decision: string): number {
    return new Rng(this.key ^ hashString(decision)).next();
  }
}
