import { isFatalError } from '../errors';
import type { Demo } from '../example';
import { pickFields } from '../example';
import { predict, type Program } from '../program';
import { runPredictor } from '../run-program';
import type { Rng } from '../rng';
import { describePredictor, describeProgram } from './describe-program';
import {
  PROPOSER_SIGNATURE,
  renderExampleBlocks,
  renderInstructionHistory,
  type ExampleBlock,
} from './proposer-format';
import type { OptimizerSession } from './session';
import { PROPOSER_TIPS } from './tips';

/** What the grounded proposer shows the model. */
export interface ProposalGrounding {
  datasetSummary: string;
  program: Program;
  predictor: string;
  /** Examples the current program gets wrong, with its outputs (empty to leave them out). */
  failures: readonly ExampleBlock[];
  /** Earlier instructions of this predictor with their full validation scores. */
  history: readonly { instruction: string; score: number }[];
  /** What the previous phase learned, appended to the program description. */
  insight?: string;
  /** Leave the current demos out (COPRO-like proposals). */
  hideDemos?: boolean;
}

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
  /** Proposals that could not be read or repeated an earlier one. */
  failed: number;
}

const PROPOSER = predict('propose_instruction', PROPOSER_SIGNATURE);

/**
 * MIPRO's grounded proposer: each proposal is one model call (temperature 1, its own seed and
 * rollout id, a random tip) grounded in the data summary, the program, the current demos, the
 * failures and earlier scored instructions. The current instruction is always a candidate.
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
    demos: grounding.hideDemos ? '(none)' : renderDemos(predictor.demos, predictor.signature),
    failures: renderExampleBlocks('Failure', grounding.failures),
    previous_instructions: renderInstructionHistory(grounding.history),
  };
  const instructions = [current];
  const seen = new Set([normalize(current)]);
  let failed = 0;
  for (let i = 0; i < settings.count; i++) {
    const tip = rng.pick(PROPOSER_TIPS);
    const ctx = session.context({
      temperature: 1,
      seed: (settings.seed + i * 104729) >>> 0,
      rolloutId: `${settings.tag}:proposal${i}`,
      maxRetries: 0,
      validate: () => null,
    });
    try {
      const step = await runPredictor(PROPOSER, { ...base, tip }, ctx);
      const text = cleanInstruction(
        step.outputs.proposed_instruction,
        settings.maxInstructionChars,
      );
      if (!text || seen.has(normalize(text))) failed++;
      else {
        seen.add(normalize(text));
        instructions.push(text);
      }
    } catch (err) {
      if (isFatalError(err)) throw err;
      failed++;
    }
  }
  return { instructions, failed };
}

function renderDemos(
  demos: readonly Demo[],
  signature: { inputs: readonly { name: string }[]; outputs: readonly { name: string }[] },
): string {
  const inNames = signature.inputs.map((f) => f.name);
  const outNames = signature.outputs.map((f) => f.name);
  return renderExampleBlocks(
    'Example',
    demos.map((d) => ({
      inputs: pickFields(d.data, inNames),
      expected: pickFields(d.data, outNames),
    })),
  );
}

/** Trims quotes and labels a model may add, and caps the length at a word boundary. */
export function cleanInstruction(value: unknown, maxChars: number): string {
  if (typeof value !== 'string') return '';
  let text = value.trim().replace(/^(new |proposed )?instruction\s*:\s*/i, '');
  if (/^["'“].*["'”]$/s.test(text)) text = text.slice(1, -1).trim();
  if (text.length > maxChars) {
    const cut = text.slice(0, maxChars);
    const space = cut.lastIndexOf(' ');
    text = (space > maxChars * 0.6 ? cut.slice(0, space) : cut).trim();
  }
  return text;
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
