import type { Example } from '../example';
import { pickFields } from '../example';
import { estimateTokens } from '../lm';
import type { Program } from '../program';
import type { Rng } from '../rng';
import { interleaveByLabel, labelKeyOf } from './label-coverage';
import { renderExampleBlocks, type ExampleBlock } from './proposer-format';

/**
 * Labeled training examples for the instruction proposer, spread over the labels (one of each
 * label before a second of any) and as many as fit in `budgetTokens`. A proposer shown a
 * handful of failures and demos names only the labels it saw; one shown every label with an
 * example can describe them all. Training data only: validation stays out of the prompts.
 */
export function proposerExamples(
  program: Program,
  trainset: readonly Example[],
  budgetTokens: number,
  rng: Rng,
  exclude: ReadonlySet<string> = new Set(),
): ExampleBlock[] {
  if (budgetTokens <= 0) return [];
  const pool = trainset.filter((e) => !exclude.has(e.id));
  const order = interleaveByLabel(rng.shuffle(pool), labelKeyOf(program));
  const inputs = program.inputFields;
  const outputs = program.outputFields;
  const blocks: ExampleBlock[] = [];
  let used = 0;
  for (const e of order) {
    const block: ExampleBlock = {
      inputs: pickFields(e.data, inputs),
      expected: pickFields(e.data, outputs),
    };
    const tokens = estimateTokens(renderExampleBlocks('Example', [block]));
    if (used + tokens > budgetTokens) break;
    blocks.push(block);
    used += tokens;
  }
  return blocks;
}
