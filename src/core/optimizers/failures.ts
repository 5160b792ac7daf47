import type { EvaluationResult } from '../evaluate';
import type { Example } from '../example';
import { pickFields } from '../example';
import type { Program } from '../program';
import type { Rng } from '../rng';
import { demoSourceIds } from './demo-set';
import type { ExampleBlock } from './proposer-format';
import type { OptimizerSession } from './session';

export interface FailureProbe {
  blocks: ExampleBlock[];
  failedIds: string[];
  probed: number;
}

/**
 * Runs the current program on a sample of training examples it has not been shown as demos
 * and returns the ones it gets wrong, with its outputs. Training data only: validation stays
 * out of the prompts so selection on it stays honest.
 */
export async function probeFailures(
  session: OptimizerSession,
  program: Program,
  trainset: readonly Example[],
  size: number,
  rng: Rng,
  maxShown = 5,
): Promise<FailureProbe> {
  if (size <= 0) return { blocks: [], failedIds: [], probed: 0 };
  const shown = demoSourceIds(program);
  const pool = trainset.filter((e) => !shown.has(e.id));
  const sample = rng.sample(pool.length > 0 ? pool : trainset, size);
  const result = await session.score(program, sample);
  return failuresOf(program, sample, result, maxShown);
}

/**
 * The examples of a scored sample the program got wrong: their ids, and up to `maxShown` of
 * them with the expected outputs and the program's own (what a proposer is shown).
 */
export function failuresOf(
  program: Program,
  sample: readonly Example[],
  result: EvaluationResult,
  maxShown = 5,
): FailureProbe {
  const inputs = program.inputFields;
  const outputs = program.outputFields;
  const blocks: ExampleBlock[] = [];
  const failedIds: string[] = [];
  result.results.forEach((r, i) => {
    const example = sample[i];
    if (!example || r.score >= 1) return;
    failedIds.push(example.id);
    if (blocks.length >= maxShown) return;
    blocks.push({
      inputs: pickFields(example.data, inputs),
      expected: pickFields(example.data, outputs),
      got: r.prediction ? pickFields(r.prediction, outputs) : { error: r.error ?? 'no answer' },
    });
  });
  return { blocks, failedIds, probed: sample.length };
}
