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
 * guard measures it; no window, no limit). The evidence is given up in this order, the
 * last items of each list first: training examples and demos in turn, from the longer of the
 * two lists (training examples are spread over the labels, so their last ones repeat a label
 * already shown), then failures, then the oldest earlier instructions. A catalog model's
 * window is 4,096 tokens, and the full evidence is about as long: without this the context
 * guard refused every proposal shown the examples, and a run on a real model proposed from the
 * task's description alone.
 *
 * Why in turn: each proposal draws training examples of its own, while the demos are the same
 * for all of them. Given up first, as they were, the examples went entirely on a window of
 * 2,048 or 3,000 tokens, and every proposal saw the same demos and failures: proposals were
 * alike, and ticket routing fell further (test scores summed over the four simulated models,
 * seeds 0–14, 600 calls: +0.05 at 2,048 tokens and +0.06 at 3,000 with both kept; identical
 * at 4,096, where the examples always outnumber the demos).
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
    if (shown.examples.length > 0 && shown.examples.length >= shown.demos.length)
      shown.examples.pop();
    else if (shown.demos.length > 0) shown.demos.pop();
    else if (shown.failures.length > 0) shown.failures.pop();
    else if (shown.history.length > 0) shown.history.shift();
    // Nothing left to give up: the run's context guard refuses the call with its own message.
    else return { inputs, leftOut, fits: false };
    leftOut++;
    inputs = render(shown);
  }
  return { inputs, leftOut, fits: true };
}
