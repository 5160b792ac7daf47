import type { Program } from '../program';
import { runSeconds, type ModelSpeed } from '../time-estimate';
import type { Pace } from '../usage';
import type { CopaConfig } from './copa-config';
import type { PromptSize } from './prompt-size';
import type { PhaseKind } from './records';

/**
 * Real calls after which the run's own pace corrects the warm-up's speed: the pace includes
 * everything a call costs on this machine and the model's real token counts.
 */
const MIN_MEASURED_CALLS = 20;

/**
 * Answer tokens of a call before the run has written any: a label or a short value, or a call's
 * answer as PromptSize.answerTokens measures it when that is longer (a summary, a free-text
 * answer, a chain of thought's reasoning).
 */
const ASSUMED_COMPLETION_TOKENS = 16;

/**
 * Before the run has a pace, prompt sizes are the cost estimate's four characters per token,
 * an average for English prose: digits, dates and field markers take more (up to 1.5 times as
 * many with the Qwen2.5 tokenizer on the built-in tasks). A first phase planned too large starves
 * the next one, so the first plan takes the high side, as the context guard's three characters
 * per token does. (A compilation phase's selection is planned again after bootstrapping, at the
 * measured pace, and gets back the finalists and minibatch examples the high side cost it.)
 */
const UNMEASURED_TOKEN_FACTOR = 4 / 3;

/** What tells how long a call of the coming phase takes. */
export interface PaceInput {
  /** How the run's calls have gone so far. */
  pace: Pace;
  /** Estimated prompt tokens of one call of the coming phase (expectedPromptTokens). */
  promptTokens: number;
  /** The model's measured speed (the warm-up's); null when it is not known. */
  speed: ModelSpeed | null;
  /** A call's answer tokens before any call (PromptSize.answerTokens), if known. */
  answerTokens?: number | undefined;
}

/**
 * Milliseconds one call of the coming phase is expected to take. With the model's speed: what
 * that speed predicts for the phase's prompt size, scaled by how the run's real time compared
 * with the speed's prediction for the calls it made (which corrects both the warm-up and the
 * four-characters-per-token estimate; digits and markers take more tokens). Without it: the
 * run's time per prompt token times the prompt size. Null when nothing tells.
 */
export function expectedCallMs({
  pace,
  promptTokens,
  speed,
  answerTokens,
}: PaceInput): number | null {
  const measured = pace.calls >= MIN_MEASURED_CALLS && pace.wallMs > 0;
  if (speed) {
    const completion =
      pace.calls > 0
        ? pace.completionTokens / pace.calls
        : Math.max(ASSUMED_COMPLETION_TOKENS, answerTokens ?? 0);
    if (!measured) return modelMs(speed, promptTokens * UNMEASURED_TOKEN_FACTOR, completion, 1);
    const call = modelMs(speed, promptTokens, completion, 1);
    const predicted = modelMs(speed, pace.estimatedPromptTokens, pace.completionTokens, pace.calls);
    return predicted > 0 ? call * (pace.wallMs / predicted) : call;
  }
  if (!measured || pace.estimatedPromptTokens <= 0) return null;
  return (pace.wallMs / pace.estimatedPromptTokens) * promptTokens;
}

/** Milliseconds `calls` calls of these token totals take at `speed`. */
function modelMs(speed: ModelSpeed, prompt: number, completion: number, calls: number): number {
  return (
    runSeconds({ promptTokens: prompt, completionTokens: completion, lmCalls: calls }, speed) * 1000
  );
}

/** The calls `remainingMs` affords at `callMs` each; Infinity without a time limit or a pace. */
export function callsInTime(remainingMs: number, callMs: number | null): number {
  if (!Number.isFinite(remainingMs) || callMs === null || callMs <= 0) return Infinity;
  return Math.floor(remainingMs / callMs);
}

/**
 * Estimated prompt tokens of one call of a phase: a prompt phase runs the incumbent with its
 * demos; most calls of a compilation phase run candidates with all the labeled demos and some
 * bootstrapped ones (the empty candidate and the start program carry none), so the labeled
 * demos' count stands for them. Demos stay within the demo token budget. Null without a measured
 * prompt size.
 */
export function expectedPromptTokens(
  kind: PhaseKind,
  incumbent: Program,
  config: CopaConfig,
  size: PromptSize | null,
): number | null {
  if (!size) return null;
  const steps = Math.max(1, incumbent.steps.length);
  const demos =
    kind === 'prompt'
      ? incumbent.steps.reduce((n, s) => n + s.demos.length, 0) / steps
      : Math.max(config.maxLabeledDemos, config.maxBootstrappedDemos);
  return size.baseTokens + Math.min(size.demoTokens * demos, config.demoTokenBudget);
}
