import type { PhaseKind } from '../../core/optimizers/records';

/**
 * What each kind of phase does and why it matters, for people new to COPA. A later compilation
 * phase cut to three demo sets or fewer has no empty one (demo-candidates.ts puts it fourth).
 */
export const PHASE_EXPLANATION: Record<PhaseKind, string> = {
  compilation:
    'Compilation chooses the demos (worked examples) shown in the prompt. The current program, with its current instruction, answers training examples; the answers that pass the metric become bootstrapped demos, and other training examples can be shown with their given answers (labeled demos). Several demo sets (one with no demos among them, unless a budget or the Demo-set candidates setting leaves fewer) are scored on the validation set, and the best replaces the current demos only if it scores higher. This anchors a small model with examples of exactly what a right answer looks like.',
  prompt:
    'The prompt phase rewrites the instruction. The model proposes new instructions from a summary of the data, the current demos and the examples the program still gets wrong; each is scored on the validation set with the current demos, and one replaces the instruction only if it scores higher. It turns what the examples show into words.',
};

export const PHASE_TITLE: Record<PhaseKind, string> = {
  compilation: 'Compilation (demos)',
  prompt: 'Prompt (instruction)',
};

/**
 * How a phase card's candidates were scored, after "Candidates, scored on the validation set:".
 * Successive halving draws a fresh minibatch each round (minibatch-screening.ts), and a start
 * program clearly behind a finalist on a minibatch is not scored in full (selection.ts).
 */
export const CANDIDATE_SCORING =
  'first on minibatches (a few examples, the same for every candidate in a round and for the current program) to pick finalists, then the finalists on the full set; only a finalist with a full-set score can be accepted.';

/** The two phases' work in the order a cycle runs them (First phase of each cycle). */
const PHASE_TURN: Record<PhaseKind, string> = {
  compilation: 'a compilation phase picks worked examples (demos) for it',
  prompt: 'a prompt phase has the model write better instructions',
};

/**
 * What COPA does, before a first run, in the order the settings run the phases: the real-model
 * preset starts with the instruction, and an intro saying the demos come first would contradict
 * the phase cards that follow.
 */
export function copaIntro(first: PhaseKind): string {
  const second: PhaseKind = first === 'prompt' ? 'compilation' : 'prompt';
  return `COPA improves this program's prompt in turns: ${PHASE_TURN[first]}, then ${PHASE_TURN[second]}, each phase building on the other's winner. Every candidate is scored on the validation examples, and only a higher score there replaces the current program, so on those examples the result is never worse than where you started. A higher validation score can be luck: Results checks the program on test examples the run never saw.`;
}
