import type { LanguageModel } from '../../core/lm';
import { STANDIN_MODEL_ID, StandInModel } from './standin-model';

/** A simulated model the bench (and later the UI) can choose by id. */
export interface SimulatedModelInfo {
  id: string;
  name: string;
  summary: string;
  create(seed: number): LanguageModel;
}

/**
 * The simulated models, the default stand-in first. For now only the current stand-in: the
 * registry exists so the bench can run every simulated model once there are several.
 */
export const SIMULATED_MODELS: readonly SimulatedModelInfo[] = Object.freeze([
  {
    id: STANDIN_MODEL_ID,
    name: 'Stand-in (rules + nearest demos)',
    summary:
      'Follows rules stated in the instruction and votes with the labels of the most similar demos.',
    create: (seed: number): LanguageModel => new StandInModel({ seed }),
  },
]);

export const DEFAULT_SIMULATED_MODEL: SimulatedModelInfo = SIMULATED_MODELS[0]!;
