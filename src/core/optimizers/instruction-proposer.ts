import { isFatalError } from '../errors';
import { pickFields } from '../example';
import { predict, type Predictor, type Program } from '../program';
import { runPredictor } from '../run-program';
import type { Rng } from '../rng';
import { describePredictor, describeProgram } from './describe-program';
import {
  PROPOSER_SIGNATURE,
  renderExampleBlocks,
  renderInstructionHistory,
  type ExampleBlock,
  type HistoryEntry,
} from './proposer-format';
import { fitProposerEvidence, type ProposerEvidence } from './proposer-fit';
import type { OptimizerSession } from './session';
import { PROPOSER_TIPS } from './tips';

/** What the grounded proposer shows the model. */
export interface ProposalGrounding {
  datasetSummary: string;
  program: Program;
  predictor: string;
  /** Examples the current program gets wrong, with its outputs (empty to leave them out). */
  failures: readonly ExampleBlock[];
  /** Labeled training examples spread over the outputs (see proposer-examples.ts). */
  examples?: readonly ExampleBlock[];
  /**
   * Earlier instructions of this predictor with their validation scores (null: proposed, not
   * scored yet). None of them is proposed again.
   */
  history: readonly HistoryEntry[];
  /** What the previous phase learned, appended to the program description. */
  insight?: string;
  /** Leave the current demos out (COPRO-like proposals). */
  hideDemos?: boolean;
  /**
   * Vary what each proposal is shown (see GROUNDING_VARIANTS): proposals that all see the same
   * examples tend to make the same mistake; one shown only the task and the scored history
   * writes the conservative rewrite a COPRO-like search would.
   */
  varyGrounding?: boolean;
  /** With varyGrounding: the variant the first of these proposals takes (the next ones follow). */
  variant?: number;
}

/** What proposal i sees when grounding varies: everything, no failures, or no examples at all. */
const GROUNDING_VARIANTS = [
  { failures: true, examples: true },
  { failures: false, examples: true },
  { failures: false, examples: false },
] as const;

export interface ProposerSettings {
  count: number;
  maxInstructionChars: number;
  /** Base of the request seeds; proposal i uses a seed and rollout id derived from it. */
  seed: number;
  tag: string;
}

export interface Proposals {
  /** The current instruction first, then distinct new ones. */
  instructions: string[];
  /** Proposals that could not be read or repeated an earlier one (asked again instead). */
  failed: number;
  /** Pieces of evidence left out of the requests to fit the context window (proposer-fit.ts). */
  leftOut: number;
}

/**
 * How proposals are sampled: varied, but not at temperature 1 and top-p 1 over a long prompt, at
 * which a small model rambles or echoes the field markers; an instruction fits in 256 tokens.
 */
const PROPOSER_SAMPLING = { temperature: 0.7, topP: 0.9, maxTokens: 256 } as const;

/** Beyond `count`, how many more requests may replace unreadable or repeated proposals. */
const EXTRA_ATTEMPTS_FACTOR = 1;
/** Word-set overlap (Jaccard) from which two instructions count as the same proposal. */
const NEAR_DUPLICATE = 0.9;

const PROPOSER = predict('propose_instruction', PROPOSER_SIGNATURE);

/**
 * MIPRO's grounded proposer: each proposal is one model call (temperature 0.7, its own seed and
 * rollout id, a random tip) grounded in the data summary, the program, the current demos,
 * labeled training examples, the failures and earlier scored instructions. The current
 * instruction is always a candidate. A proposal that repeats (or nearly repeats) the current
 * instruction, an earlier one or one of this round is not kept: scoring a copy would cost a
 * full evaluation for nothing, so the proposer is asked again (another tip and seed, with this
 * round's proposals listed as already tried), up to `count` extra requests.
 */
export async function proposeInstructions(
  session: OptimizerSession,
  grounding: ProposalGrounding,
  settings: ProposerSettings,
  rng: Rng,
): Promise<Proposals> {
  const predictor = grounding.program.predictor(grounding.predictor);
  const current = predictor.signature.instruction;
  const description = grounding.insight
    ? `${describeProgram(grounding.program)}\nWhat the last phase learned: ${grounding.insight}`
    : describeProgram(grounding.program);
  const base = {
    dataset_summary: grounding.datasetSummary,
    program_description: description,
    predictor_description: describePredictor(grounding.program, grounding.predictor),
    current_instruction: current,
  };
  const demoBlocks = grounding.hideDemos ? [] : demoExampleBlocks(predictor);
  const evidence = (i: number): ProposerEvidence => {
    const k = (grounding.variant ?? 0) + i;
    const v = grounding.varyGrounding
      ? (GROUNDING_VARIANTS[k % GROUNDING_VARIANTS.length] ?? GROUNDING_VARIANTS[0])
      : GROUNDING_VARIANTS[0];
    return {
      examples: v.examples ? (grounding.examples ?? []) : [],
      demos: v.examples ? demoBlocks : [],
      failures: v.failures ? grounding.failures : [],
      history: grounding.history,
    };
  };
  const instructions = [current];
  const known = [current, ...grounding.history.map((h) => h.instruction)];
  let failed = 0;
  let leftOut = 0;
  const attempts = settings.count * (1 + EXTRA_ATTEMPTS_FACTOR);
  for (let i = 0; i < attempts && instructions.length <= settings.count; i++) {
    const tip = rng.pick(PROPOSER_TIPS);
    const ctx = session.context({
      ...PROPOSER_SAMPLING,
      seed: (settings.seed + i * 104729) >>> 0,
      rolloutId: `${settings.tag}:proposal${i}`,
      maxRetries: 0,
      validate: () => null,
    });
    try {
      const tried = instructions.slice(1).map((instruction) => ({ instruction, score: null }));
      const shown = evidence(i);
      const fitted = fitProposerEvidence(
        PROPOSER,
        { ...shown, history: [...shown.history, ...tried] },
        (fit) => ({
          ...base,
          demos: renderExampleBlocks('Example', fit.demos),
          training_examples: renderExampleBlocks('Example', fit.examples),
          failures: renderExampleBlocks('Failure', fit.failures),
          previous_instructions: renderInstructionHistory(fit.history),
          tip,
        }),
        ctx,
      );
      if (fitted.fits) leftOut += fitted.leftOut;
      const step = await runPredictor(PROPOSER, fitted.inputs, ctx);
      const text = cleanInstruction(
        step.outputs.proposed_instruction,
        settings.maxInstructionChars,
      );
      if (!text || [...known, ...instructions].some((k) => sameProposal(k, text))) failed++;
      else instructions.push(text);
    } catch (err) {
      if (isFatalError(err)) throw err;
      failed++;
    }
  }
  return { instructions, failed, leftOut };
}

/** True when two instructions are the same proposal: equal words, or nearly all shared. */
export function sameProposal(a: string, b: string): boolean {
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 || wb.size === 0) return wa.size === wb.size;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared) >= NEAR_DUPLICATE;
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function demoExampleBlocks(predictor: Predictor): ExampleBlock[] {
  const inNames = predictor.signature.inputs.map((f) => f.name);
  const outNames = predictor.signature.outputs.map((f) => f.name);
  return predictor.demos.map((d) => ({
    inputs: pickFields(d.data, inNames),
    expected: pickFields(d.data, outNames),
  }));
}

/**
 * A small model's line before the instruction itself ("Here is an improved instruction:",
 * "Sure! The new instruction:"): a known opening phrase, ending in a colon, on a line of its own.
 * An instruction's own first line ending in a colon ("Classify the ticket as one of:") is kept.
 */
const PREAMBLE_LINE =
  /^(?:sure|certainly|okay|ok|of course|here is|here's|below is|the (?:new|improved|revised|updated|proposed|better) instruction)\b[^\n]{0,80}:[^\S\n]*\n+/i;

/** Trims quotes and labels a model may add, and caps the length at a word boundary. */
export function cleanInstruction(value: unknown, maxChars: number): string {
  if (typeof value !== 'string') return '';
  let text = value
    .trim()
    .replace(PREAMBLE_LINE, '')
    .replace(/^(new |proposed )?instruction\s*:\s*/i, '');
  if (/^["'“].*["'”]$/s.test(text)) text = text.slice(1, -1).trim();
  if (text.length > maxChars) {
    const cut = text.slice(0, maxChars);
    const space = cut.lastIndexOf(' ');
    text = (space > maxChars * 0.6 ? cut.slice(0, space) : cut).trim();
  }
  return text;
}
