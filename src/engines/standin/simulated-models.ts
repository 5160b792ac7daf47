import type { LanguageModel } from '../../core/lm';
import { createBlindReaderModel } from './blind-reader-model';
import { createDemoBiasedModel } from './demo-biased-model';
import { createInstructionFollowerModel } from './instruction-follower-model';
import {
  BLIND_READER_MODEL_ID,
  DEMO_BIASED_MODEL_ID,
  INSTRUCTION_FOLLOWER_MODEL_ID,
  STANDIN_MODEL_ID,
} from './model-ids';
import { StandInModel } from './standin-model';

export { currentModelId } from './model-ids';

/** One simulated model, for the benchmark and any code that lists them. */
export interface SimulatedModelInfo {
  id: string;
  name: string;
  summary: string;
  create(seed: number): LanguageModel;
}

/**
 * The simulated models, the default stand-in first. Each models a documented behaviour of small
 * LMs (see its file); none knows any task, and none is tuned for an optimizer to win. Only the
 * default is offered in the app.
 */
export const SIMULATED_MODELS: readonly SimulatedModelInfo[] = [
  {
    id: STANDIN_MODEL_ID,
    name: 'Stand-in (rule + nearest-demo reader)',
    summary:
      'Follows keyword rules stated in the instruction and votes with the 3 most similar demos; knows only the label names.',
    create: (seed) => new StandInModel({ seed }),
  },
  {
    id: DEMO_BIASED_MODEL_ID,
    name: 'Demo-biased reader',
    summary:
      'Leans to the majority and the most recent labels among the demos and copies near demos (Zhao et al. 2021); follows few stated rules.',
    create: createDemoBiasedModel,
  },
  {
    id: INSTRUCTION_FOLLOWER_MODEL_ID,
    name: 'Instruction follower',
    summary:
      'Relies on the label list, definitions and rules in the instruction, little on demos; slips more with longer prompts and more labels, to look-alike label names.',
    create: createInstructionFollowerModel,
  },
  {
    id: BLIND_READER_MODEL_ID,
    name: 'Blind kNN reader',
    summary:
      'An independent referee, written without reading the optimizers or the other simulated models: votes with the 4 most similar demos (BM25, later demos weigh more), reads label names and stated rules, slips on the format now and then.',
    create: createBlindReaderModel,
  },
];

export const DEFAULT_SIMULATED_MODEL: SimulatedModelInfo = SIMULATED_MODELS[0]!;
