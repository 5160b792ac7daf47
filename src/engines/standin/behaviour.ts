import type { InstructionRules } from './instruction-rules';
import type { Noise } from './noise';
import type { ReadField, ReadPrompt } from './prompt-reader';

/** A chosen label and a few words on why (for a reasoning field). */
export interface LabelChoice {
  label: string;
  why: string;
}

/**
 * What makes one simulated model differ from another. They all read the prompt the same way
 * (prompt-reader.ts), share the general skills (dates, numbers) and write answers the same way;
 * a behaviour decides how a label is chosen, how reliably stated rules are followed, and what
 * the model writes when it is asked to propose an instruction.
 */
export interface Behaviour {
  chooseLabel(
    field: ReadField,
    prompt: ReadPrompt,
    rules: InstructionRules,
    noise: Noise,
    temperature: number,
  ): LabelChoice;
  /** The probability that a rule stated in the instruction is followed on this prompt. */
  ruleReliability(prompt: ReadPrompt, rules: InstructionRules): number;
  /** The `proposed_instruction` for a proposer request, from its input fields. */
  propose(inputs: Record<string, string>, noise: Noise): string;
}
