import type { ConstraintSpec } from '../core/constraints';
import type { FieldValues } from '../core/example';
import { numberWithinTolerance } from '../core/metrics';
import { Program, chainOfThought } from '../core/program';
import type { Rng } from '../core/rng';
import { Signature } from '../core/signature';
import { generateSplits } from './splits';
import type { BuiltInTask, TaskMetadata } from './task';

const PEOPLE = ['Maya', 'Omar', 'Lena', 'Tom', 'Priya', 'Jonas', 'Sofia', 'Ken'];
const THINGS = ['apples', 'stickers', 'marbles', 'books', 'cookies', 'pencils', 'stamps', 'shells'];

type Problem = { question: string; answer: number };

/** One-step problems, one per operation, and a two-step kind (multiply then add). */
const KINDS: readonly ((rng: Rng) => Problem)[] = [
  (rng) => {
    const [p, t, a, b] = [rng.pick(PEOPLE), rng.pick(THINGS), rng.int(3, 60), rng.int(2, 40)];
    return {
      question: `${p} has ${a} ${t} and gets ${b} more. How many ${t} does ${p} have now?`,
      answer: a + b,
    };
  },
  (rng) => {
    const [p, t, b] = [rng.pick(PEOPLE), rng.pick(THINGS), rng.int(2, 30)];
    const a = b + rng.int(1, 50);
    return {
      question: `${p} had ${a} ${t} and gave ${b} away. How many ${t} are left?`,
      answer: a - b,
    };
  },
  (rng) => {
    const [t, a, b] = [rng.pick(THINGS), rng.int(2, 12), rng.int(2, 12)];
    return {
      question: `There are ${a} boxes with ${b} ${t} in each box. How many ${t} are there in total?`,
      answer: a * b,
    };
  },
  (rng) => {
    const [t, b, q] = [rng.pick(THINGS), rng.int(2, 9), rng.int(2, 12)];
    return {
      question: `${b * q} ${t} are shared equally among ${b} friends. How many ${t} does each friend get?`,
      answer: q,
    };
  },
  (rng) => {
    const [p, t, a, b, c] = [
      rng.pick(PEOPLE),
      rng.pick(THINGS),
      rng.int(2, 9),
      rng.int(2, 9),
      rng.int(1, 20),
    ];
    return {
      question: `${p} buys ${a} bags of ${t} with ${b} in each bag, and already had ${c}. How many ${t} does ${p} have in all?`,
      answer: a * b + c,
    };
  },
];

const META: TaskMetadata = {
  id: 'word-problems',
  name: 'Arithmetic word problems',
  description:
    'Short word problems (add, subtract, multiply, divide, and two-step ones) answered with a number. Meant for real models.',
  sizes: { train: 60, val: 60, test: 100 },
  targetField: 'answer',
  metricId: 'number_within_tolerance',
  standInNote:
    'The stand-in cannot really do arithmetic: it copies the operation of the most similar demo and always fails two-step problems. Expect low scores.',
};
export const WORD_PROBLEMS_META = META;

function makeProblem(rng: Rng): FieldValues {
  const p = rng.pick(KINDS)(rng);
  return { question: p.question, answer: p.answer };
}

/** The arithmetic word problem task, generated from `seed`. */
export function buildWordProblems(seed: number): BuiltInTask {
  const signature = new Signature({
    instruction: 'Solve the word problem.',
    inputs: [{ name: 'question', description: 'A short arithmetic word problem.', type: 'text' }],
    outputs: [{ name: 'answer', description: 'The numeric answer.', type: 'number' }],
  });
  const constraints: ConstraintSpec[] = [{ kind: 'number', field: 'answer' }];
  return {
    ...META,
    seed,
    program: new Program(
      [chainOfThought('solve', signature)],
      'Solves an arithmetic word problem step by step.',
    ),
    metric: numberWithinTolerance('answer', 1e-6),
    constraints,
    splits: generateSplits(META.id, seed, META.sizes, 'question', makeProblem),
  };
}
