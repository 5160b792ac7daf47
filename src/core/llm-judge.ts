import { constraintFromSpec, validatorFor } from './constraints';
import { CopaError, isFatalError } from './errors';
import type { Example, FieldValues, Prediction } from './example';
import type { JsonValue } from './json';
import type { Metric } from './metric';
import { normalizeAnswer } from './answer-normalization';
import { predict, Program } from './program';
import { runProgram, type RunContext, type TraceStep } from './run-program';
import { Signature } from './signature';

/** The judge's verdict could not be read, or it had no model to ask: the answer is unscored. */
export class JudgeError extends CopaError {
  constructor(message: string) {
    super('JudgeError', message);
  }
}

/** The judge's output field. */
export const VERDICT = 'correct';

/**
 * The judge's question; a DSPy export's Python metric asks the same one (dspy-metric-python.ts).
 * Its labels are yes and no because a small model's "No, the answer is not correct" names only
 * one of them as a whole word.
 */
export const JUDGE_SIGNATURE = new Signature({
  instruction:
    'Judge whether the answer to a task is correct. It is correct when it means the same as ' +
    'the expected answer for the task given; wording, case and format may differ.',
  inputs: [
    { name: 'task', description: 'The inputs the answer was given for.', type: 'text' },
    { name: 'expected_answer', description: 'The gold answer.', type: 'text' },
    { name: 'answer', description: 'The answer to judge.', type: 'text' },
  ],
  outputs: [
    {
      name: VERDICT,
      description: 'yes if the answer is correct, else no.',
      type: 'label',
      labels: ['yes', 'no'],
    },
  ],
});

/**
 * The judge is a one-step DSPy-style program of its own, so its prompt, answer reading and
 * retries are the ones every call gets.
 */
const JUDGE = new Program(
  [predict('judge', JUDGE_SIGNATURE)],
  'Judges an answer against the expected one.',
);

// A verdict that is neither word is sent back with the two to choose from, as any label answer.
const verdictRule = validatorFor([
  constraintFromSpec({ kind: 'one-of', field: VERDICT, values: ['yes', 'no'] }),
]);

const asText = (v: JsonValue | undefined): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);

/** The inputs the program read (its first step's), else every field of the example but `field`. */
function taskText(
  example: Example,
  field: string,
  trace: readonly TraceStep[] | undefined,
): string {
  const inputs: FieldValues =
    trace?.[0]?.inputs ??
    Object.fromEntries(Object.entries(example.data).filter(([name]) => name !== field));
  return Object.entries(inputs)
    .map(([name, value]) => `${name}: ${asText(value)}`)
    .join('\n');
}

/**
 * An LLM judge (DESIGN.md's built-in): the model asked whether the answer in `field` means the
 * same as the gold one, 1 for yes and 0 for no. An answer equal to the gold one after SQuAD
 * normalization scores 1 without a call, and a missing one 0: a call is spent only where a
 * comparison cannot tell. The judge answers greedily under a fixed rollout, so a prediction is
 * judged once and a repeated run reads the verdict from the cache; its calls count against the
 * run's budget like the program's own.
 */
export function llmJudge(field: string): Metric {
  const judge = async (
    example: Example,
    prediction: Prediction,
    trace?: readonly TraceStep[],
    context?: RunContext,
  ): Promise<number> => {
    const gold = asText(example.data[field]);
    const answer = asText(prediction[field]);
    if (answer.trim() === '') return 0;
    if (normalizeAnswer(answer) === normalizeAnswer(gold)) return 1;
    if (!context)
      throw new JudgeError(
        `The LLM judge needs a model to ask; none was given to score "${field}".`,
      );
    const judgeContext: RunContext = {
      lm: context.lm,
      adapter: context.adapter,
      temperature: 0,
      rolloutId: 'llm-judge',
      validate: verdictRule,
      ...(context.seed !== undefined ? { seed: context.seed } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
      ...(context.contextWindow !== undefined ? { contextWindow: context.contextWindow } : {}),
    };
    try {
      const run = await runProgram(
        JUDGE,
        { task: taskText(example, field, trace), expected_answer: gold, answer },
        judgeContext,
      );
      return run.prediction[VERDICT] === 'yes' ? 1 : 0;
    } catch (err) {
      // Stops (abort, budget, a failing engine) stay stops; the rest is the judge's failure, not
      // the program's, so it is not counted as the program's unreadable answer.
      if (isFatalError(err) || (err instanceof Error && err.name === 'ContextOverflowError'))
        throw err;
      throw new JudgeError(
        `The judge's verdict on "${field}" could not be read (${err instanceof Error ? err.message : String(err)}); the answer is scored 0.`,
      );
    }
  };
  return Object.assign(judge, { modelCallsPerScore: 1 });
}
