import type { FieldValues } from '../example';
import { Signature } from '../signature';
import type { JsonValue } from '../json';
import type { ScoredInstruction } from './records';

/**
 * The contract between the grounded instruction proposer and any model that answers it.
 * The proposer is an ordinary predictor with this signature, run through the normal adapter;
 * its example-carrying inputs are rendered with `renderExampleBlocks`, and a model (the
 * stand-in, for instance) may read them back with `readExampleBlocks`.
 */
export const PROPOSER_SIGNATURE = new Signature({
  instruction:
    'Use the information below to write a new instruction for a language-model predictor. ' +
    'The instruction must tell the model how to produce the outputs correctly, fixing the mistakes ' +
    'shown in the failures. Reply with the instruction only.',
  inputs: [
    { name: 'dataset_summary', description: 'What the data looks like.', type: 'text' },
    { name: 'program_description', description: 'What the program does.', type: 'text' },
    {
      name: 'predictor_description',
      description: 'The step to write an instruction for.',
      type: 'text',
    },
    { name: 'current_instruction', description: 'The instruction it uses now.', type: 'text' },
    { name: 'demos', description: 'Worked examples the step is shown.', type: 'text' },
    {
      name: 'training_examples',
      description: 'More labeled examples from the training data, spread over the outputs.',
      type: 'text',
    },
    {
      name: 'failures',
      description: 'Examples the program gets wrong, with its answers.',
      type: 'text',
    },
    {
      name: 'previous_instructions',
      description: 'Earlier instructions with their validation scores.',
      type: 'text',
    },
    { name: 'tip', description: 'A hint about the style of the instruction.', type: 'text' },
  ],
  outputs: [
    {
      name: 'proposed_instruction',
      description: 'The new instruction, in plain words.',
      type: 'text',
    },
  ],
});

/** One rendered example: its inputs, the gold outputs, and (for failures) what the program said. */
export interface ExampleBlock {
  inputs: FieldValues;
  expected: FieldValues;
  got?: FieldValues;
}

const BLOCK_HEADER = /^(Example|Failure) (\d+):$/;

/**
 * Renders examples as blocks a human (and a model) can read:
 *
 *   Example 1:
 *     input question: Who wrote Hamlet?
 *     expected answer: William Shakespeare
 *     program answer: Marlowe        (failures only)
 */
export function renderExampleBlocks(
  kind: 'Example' | 'Failure',
  blocks: readonly ExampleBlock[],
): string {
  if (blocks.length === 0) return '(none)';
  return blocks
    .map((b, i) => {
      const lines = [`${kind} ${i + 1}:`];
      for (const [k, v] of Object.entries(b.inputs)) lines.push(`  input ${k}: ${oneLine(v)}`);
      for (const [k, v] of Object.entries(b.expected)) lines.push(`  expected ${k}: ${oneLine(v)}`);
      for (const [k, v] of Object.entries(b.got ?? {})) lines.push(`  program ${k}: ${oneLine(v)}`);
      return lines.join('\n');
    })
    .join('\n\n');
}

/** Reads blocks written by `renderExampleBlocks` (values come back as strings). */
export function readExampleBlocks(text: string): ExampleBlock[] {
  const blocks: ExampleBlock[] = [];
  let current: ExampleBlock | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (BLOCK_HEADER.test(line)) {
      current = { inputs: {}, expected: {} };
      blocks.push(current);
      continue;
    }
    const m = /^(input|expected|program) ([A-Za-z_][A-Za-z0-9_]*): ?(.*)$/.exec(line);
    if (!current || !m) continue;
    const [, role, name = '', value = ''] = m;
    if (role === 'input') current.inputs[name] = value;
    else if (role === 'expected') current.expected[name] = value;
    else (current.got ??= {})[name] = value;
  }
  return blocks;
}

/** An earlier instruction as the proposer sees it; a null score: proposed, not scored yet. */
export type HistoryEntry = Omit<ScoredInstruction, 'score'> & { score: number | null };

/**
 * Earlier instructions with scores, one per line: `[score 61.0] instruction text`, or
 * `[score 40.0 on 25 examples] …` for a minibatch estimate; proposals of this round not
 * scored yet read `[proposed, not scored yet] instruction text`.
 */
export function renderInstructionHistory(history: readonly HistoryEntry[]): string {
  if (history.length === 0) return '(none yet)';
  return history
    .map((h) => {
      if (h.score === null) return `[proposed, not scored yet] ${oneLine(h.instruction)}`;
      const on = h.examples === undefined ? '' : ` on ${h.examples} examples`;
      return `[score ${(h.score * 100).toFixed(1)}${on}] ${oneLine(h.instruction)}`;
    })
    .join('\n');
}

function oneLine(v: JsonValue): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.replace(/\s*\n\s*/g, ' ');
}
