/** Helpers for the stand-in tests: evaluate a task's program with its constraints, ask the proposer. */
import type { Adapter } from '../../../../src/core/adapters/adapter';
import { chatAdapter } from '../../../../src/core/adapters/chat-adapter';
import { constraintFromSpec, validatorFor } from '../../../../src/core/constraints';
import { evaluate, type EvaluationResult } from '../../../../src/core/evaluate';
import { pickFields, type Demo, type Example } from '../../../../src/core/example';
import type { LanguageModel } from '../../../../src/core/lm';
import {
  PROPOSER_SIGNATURE,
  renderExampleBlocks,
  type ExampleBlock,
} from '../../../../src/core/optimizers/proposer-format';
import { predict, type Program } from '../../../../src/core/program';
import { runPredictor } from '../../../../src/core/run-program';
import type { BuiltInTask } from '../../../../src/tasks/task';

export interface ScoreOptions {
  instruction?: string;
  demos?: readonly Example[];
  constraints?: boolean;
  adapter?: Adapter;
  temperature?: number;
  seed?: number;
}

/** The task's program with an instruction and labeled demos set on its (single) predictor. */
export function configure(task: BuiltInTask, opts: ScoreOptions): Program {
  const step = task.program.steps[0];
  if (!step) throw new Error('task has no predictor');
  let program = task.program;
  if (opts.instruction !== undefined)
    program = program.withInstruction(step.name, opts.instruction);
  if (opts.demos) program = program.withDemos(step.name, opts.demos.map(asDemo));
  return program;
}

export function asDemo(e: Example): Demo {
  return { data: e.data, augmented: false, sourceId: e.id };
}

/** Evaluates the configured program on examples with the task's metric (and constraints). */
export async function score(
  task: BuiltInTask,
  lm: LanguageModel,
  examples: readonly Example[],
  opts: ScoreOptions = {},
): Promise<EvaluationResult> {
  const constraints = opts.constraints === false ? [] : task.constraints.map(constraintFromSpec);
  return evaluate({
    program: configure(task, opts),
    examples,
    metric: task.metric,
    ctx: {
      lm,
      adapter: opts.adapter ?? chatAdapter,
      validate: validatorFor(constraints),
      temperature: opts.temperature ?? 0,
      seed: opts.seed ?? 0,
    },
  });
}

/** The failures of an evaluation as proposer blocks (inputs, gold outputs, program outputs). */
export function failureBlocks(
  task: BuiltInTask,
  examples: readonly Example[],
  result: EvaluationResult,
  max = 8,
): ExampleBlock[] {
  const inputs = task.program.inputFields;
  const outputs = task.program.outputFields;
  const blocks: ExampleBlock[] = [];
  for (const r of result.results) {
    if (r.score >= 1 || blocks.length >= max) continue;
    const ex = examples.find((e) => e.id === r.exampleId);
    if (!ex) continue;
    blocks.push({
      inputs: pickFields(ex.data, inputs),
      expected: pickFields(ex.data, outputs),
      got: r.prediction ?? { [outputs[0] ?? 'answer']: '(no answer)' },
    });
  }
  return blocks;
}

/** Asks a model for an instruction through PROPOSER_SIGNATURE, as the optimizer does. */
export async function proposeWith(
  lm: LanguageModel,
  task: BuiltInTask,
  demos: readonly Example[],
  failures: readonly ExampleBlock[],
  opts: { tip?: string; seed?: number; previous?: string } = {},
): Promise<string> {
  const inputs = task.program.inputFields;
  const outputs = task.program.outputFields;
  const step = await runPredictor(
    predict('propose', PROPOSER_SIGNATURE),
    {
      dataset_summary: task.description,
      program_description: task.program.description,
      predictor_description: 'The only step.',
      current_instruction: task.program.steps[0]?.signature.instruction ?? '',
      demos: renderExampleBlocks(
        'Example',
        demos.map((d) => ({
          inputs: pickFields(d.data, inputs),
          expected: pickFields(d.data, outputs),
        })),
      ),
      // The proposer's training-examples input (added with the proposal variants) is not what
      // these tests vary.
      training_examples: '(none)',
      failures: renderExampleBlocks('Failure', failures),
      previous_instructions: opts.previous ?? '(none yet)',
      tip: opts.tip ?? 'State the rules the examples follow, in general terms.',
    },
    { lm, adapter: chatAdapter, temperature: 1, seed: opts.seed ?? 1 },
  );
  return String(step.outputs.proposed_instruction ?? '');
}
