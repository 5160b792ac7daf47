import type { PhaseKind } from '../../core/optimizers/records';

/** What each kind of phase does and why it matters, for people new to COPA. */
export const PHASE_EXPLANATION: Record<PhaseKind, string> = {
  compilation:
    'Compilation chooses the demos (worked examples) shown in the prompt. The current program, with its current instruction, answers training examples; the answers that pass the metric become bootstrapped demos. Several demo sets are scored on the validation set and the best one is kept. This anchors a small model with examples of exactly what a right answer looks like.',
  prompt:
    'The prompt phase rewrites the instruction. The model proposes new instructions from a summary of the data, the current demos and the examples the program still gets wrong; each is scored on the validation set with the current demos, and one replaces the instruction only if it scores higher. It turns what the examples show into words.',
};

export const PHASE_TITLE: Record<PhaseKind, string> = {
  compilation: 'Compilation (demos)',
  prompt: 'Prompt (instruction)',
};
