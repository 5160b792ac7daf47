import type { Adapter } from '../adapters/adapter';
import type { Example, FieldValues } from '../example';
import { chatTokens } from '../lm';
import { effectiveSignature, type Program } from '../program';
import { unwrittenOutputTokens } from './unwritten-outputs';

/**
 * Tokens of one model call of a program, measured from prompts formatted the way a run formats
 * them (the adapter's own system message, markers and instruction), not from a guessed
 * boilerplate size: the prompt without demos, and what each demo adds.
 */
export interface PromptSize {
  /** A call's prompt with no demos (averaged over the program's steps and a few examples). */
  baseTokens: number;
  /** Tokens one demo adds to a call's prompt. */
  demoTokens: number;
  /**
   * A call's answer: a demo's answer turn as the adapter formats it (the outputs the data
   * holds), plus what the call writes for outputs the data lacks, such as a chain of thought's
   * reasoning (unwrittenOutputTokens). Absent: not measured.
   */
  answerTokens?: number;
}

/**
 * Formats the program's prompts for up to `sample` examples (each step once without demos and
 * once with the example as its one demo) and measures them. Null without examples.
 */
export function measurePromptSize(
  program: Program,
  adapter: Adapter,
  examples: readonly Example[],
  sample = 5,
): PromptSize | null {
  const shown = examples.slice(0, sample);
  if (shown.length === 0) return null;
  let base = 0;
  let withDemo = 0;
  let answer = 0;
  let count = 0;
  for (const example of shown) {
    for (const step of program.steps) {
      // As a run formats it: a chain of thought's reasoning field is in the prompt's outputs.
      const signature = effectiveSignature(step);
      const inputs: FieldValues = {};
      // A later step's inputs are earlier steps' outputs, often not in the data: a short
      // stand-in value keeps its marker and label in the measured prompt.
      for (const f of step.signature.inputs) inputs[f.name] = example.data[f.name] ?? '…';
      const demo = { data: example.data, augmented: false };
      base += chatTokens(adapter.format(signature, [], inputs));
      const shownDemo = adapter.format(signature, [demo], inputs);
      withDemo += chatTokens(shownDemo);
      answer += chatTokens(shownDemo.filter((m) => m.role === 'assistant'));
      count++;
    }
  }
  return {
    baseTokens: Math.round(base / count),
    demoTokens: Math.max(0, Math.round((withDemo - base) / count)),
    answerTokens:
      Math.round(answer / count) + unwrittenOutputTokens(program, examples.slice(0, 50)),
  };
}
