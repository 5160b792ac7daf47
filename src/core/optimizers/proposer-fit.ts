import { estimatePromptTokens } from '../context-guard';
import type { FieldValues } from '../example';
import type { Predictor } from '../program';
import { buildRequest, promptRoomFor, type RunContext } from '../run-program';
import type { ExampleBlock, HistoryEntry } from './proposer-format';

/** What the instruction proposer is shown besides the task's description. */
export interface ProposerEvidence {
  examples: readonly ExampleBlock[];
  demos: readonly ExampleBlock[];
  failures: readonly ExampleBlock[];
  history: readonly HistoryEntry[];
}

export interface FittedEvidence {
  inputs: FieldValues;
  /** Examples, demos, failures and earlier instructions left out so the prompt fits. */
  leftOut: number;
  /** False when even without any of them the prompt is too long (the guard refuses it). */
  fits: boolean;
}

/**
 * The proposer's inputs with as much evidence as fits the run's context window (as the context
 * guard measures it; no window, no limit). The evidence is given up in this order: the earlier
 * instructions, oldest first; then training examples and demos in turn, the last of the longer
 * list first (training examples are spread over the labels, so their last ones repeat a label
 * already shown); then failures, the last first. A catalog model's window is 4,096 tokens, and
 * the full evidence is about as long: without this the context guard refused every proposal
 * shown the examples, and a run on a real model proposed from the task's description alone.
 *
 * Why the earlier instructions first: the current instruction is shown anyway, and the earlier
 * ones grow with every rule a proposal added, so on ticket routing a few of them held as many
 * tokens as a dozen labeled examples; a repeat of one is still caught and asked again. Why
 * examples and demos in turn: each proposal draws training examples of its own while the demos
 * are the same for all, so with the examples gone every proposal saw the same evidence.
 * Measured with COPA at 600 calls on ticket routing (test scores summed over the four simulated
 * models, seeds 0–4 / 5–14), against examples first and instructions last: at 2,048 tokens
 * +0.35 / +0.20, at 3,000 +0.15 / +0.11; TREC and CLINC150 at 2,048 (+0.019, −0.007) and the
 * real-model preset at 4,096 (−0.001) within the noise (docs/benchmark-history.md).
 */
export function fitProposerEvidence(
  predictor: Predictor,
  evidence: ProposerEvidence,
  render: (shown: ProposerEvidence) => FieldValues,
  ctx: RunContext,
): FittedEvidence {
  const shown = {
    examples: [...evidence.examples],
    demos: [...evidence.demos],
    failures: [...evidence.failures],
    history: [...evidence.history],
  };
  let inputs = render(shown);
  const room = promptRoomFor(buildRequest(predictor, inputs, ctx), ctx);
  if (room === undefined) return { inputs, leftOut: 0, fits: true };
  let leftOut = 0;
  while (estimatePromptTokens(buildRequest(predictor, inputs, ctx).messages) > room) {
    if (shown.history.length > 0) shown.history.shift();
    else if (shown.examples.length > 0 && shown.examples.length >= shown.demos.length)
      shown.examples.pop();
    else if (shown.demos.length > 0) shown.demos.pop();
    else if (shown.failures.length > 0) shown.failures.pop();
    // Nothing left to give up: the run's context guard refuses the call with its own message.
    else return { inputs, leftOut, fits: false };
    leftOut++;
    inputs = render(shown);
  }
  return { inputs, leftOut, fits: true };
}
