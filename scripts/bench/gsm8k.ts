import { readFileSync } from 'node:fs';
import { numberWithinTolerance } from '../../src/core/metrics';
import { Program, chainOfThought } from '../../src/core/program';
import { Signature } from '../../src/core/signature';
import { parseGsm8kLine } from './gsm8k-answer';
import { sampleRng, sharedDataPath } from './shared-datasets';
import type { BenchTask } from './types';

/** Only GSM8K's test split is in ../shared/data, so one shuffled sample is split three ways. */
export const GSM8K_SIZES = { train: 100, val: 100, test: 200 };

/** A GSM8K sample: question in, the final number out, set up like the built-in word problems. */
export function loadGsm8k(): BenchTask {
  const rows = readFileSync(sharedDataPath('gsm8k', 'test.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map(parseGsm8kLine);
  const { train, val, test } = GSM8K_SIZES;
  const picked = sampleRng('gsm8k').sample(rows, train + val + test);
  const toExample = (prefix: string) => (row: { question: string; answer: number }, i: number) => ({
    id: `${prefix}-${i}`,
    data: { question: row.question, answer: row.answer },
  });
  const signature = new Signature({
    instruction: 'Solve the math word problem.',
    inputs: [{ name: 'question', description: 'A grade-school math word problem.', type: 'text' }],
    outputs: [{ name: 'answer', description: 'The numeric answer.', type: 'number' }],
  });
  return {
    id: 'gsm8k',
    name: 'GSM8K math word problems',
    suite: 'public',
    program: new Program(
      [chainOfThought('solve', signature)],
      'Solves a math word problem step by step.',
    ),
    // GSM8K's answers are integers; DSPy's gsm8k_metric compares them exactly too.
    metric: numberWithinTolerance('answer', 1e-6),
    constraints: [{ kind: 'number', field: 'answer' }],
    splits: {
      train: picked.slice(0, train).map(toExample('gsm8k-train')),
      val: picked.slice(train, train + val).map(toExample('gsm8k-val')),
      test: picked.slice(train + val).map(toExample('gsm8k-test')),
    },
  };
}
