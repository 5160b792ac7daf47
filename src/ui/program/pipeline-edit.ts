import type { PredictorStateData, ProgramState } from '../../core/program';
import { fieldPlace, stepPlace, type ProgramProblem } from './problem-place';

/**
 * Inserts a new step before step `at`: it reads the program's first input and writes a new text
 * field, which the step after it then reads too — so the pipeline stays wired and runnable,
 * and the user renames or rewires from there.
 */
export function insertStepBefore(program: ProgramState, at: number): void {
  const next = program.steps[at];
  const firstInput = program.steps[0]?.signature.inputs[0];
  if (!next || !firstInput) return;
  const output = freshName(fieldNames(program), 'note');
  const step: PredictorStateData = {
    name: freshStepName(program),
    chainOfThought: false,
    demos: [],
    signature: {
      instruction: `Given the fields \`${firstInput.name}\`, produce the fields \`${output}\`.`,
      inputs: [{ ...firstInput }],
      outputs: [{ name: output, description: '', type: 'text' }],
    },
  };
  next.signature.inputs.push({
    name: output,
    description: 'Written by the step before.',
    type: 'text',
  });
  program.steps.splice(at, 0, step);
}

/** Removes step `at` (never the last remaining one) and the inputs that read its outputs. */
export function removeStep(program: ProgramState, at: number): void {
  const step = program.steps[at];
  if (!step || program.steps.length < 2) return;
  const made = new Set(step.signature.outputs.map((f) => f.name));
  program.steps.splice(at, 1);
  for (const later of program.steps.slice(at))
    later.signature.inputs = later.signature.inputs.filter((f) => !made.has(f.name));
}

/** A step name not used yet, e.g. "step_2". */
export function freshStepName(program: ProgramState): string {
  return freshName(new Set(program.steps.map((s) => s.name)), 'step');
}

/** Every field name of every step. */
export function fieldNames(program: ProgramState): Set<string> {
  return new Set(
    program.steps.flatMap((s) =>
      [...s.signature.inputs, ...s.signature.outputs].map((f) => f.name),
    ),
  );
}

/** `base_1`, `base_2`, … : the first one not in `used`. */
export function freshName(used: ReadonlySet<string>, base: string): string {
  for (let i = 1; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** What is wrong with the wiring of the steps, in words a user can act on, each at its place. */
export function pipelineProblems(program: ProgramState): ProgramProblem[] {
  const problems: ProgramProblem[] = [];
  const names = new Set<string>();
  const made = new Map<string, number>();
  program.steps.forEach((s, i) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(s.name))
      problems.push({
        text: `“${s.name}” is not a valid step name: use letters, digits and underscores.`,
        place: stepPlace(i),
      });
    if (names.has(s.name))
      problems.push({ text: `Two steps are named “${s.name}”.`, place: stepPlace(i) });
    names.add(s.name);
    s.signature.outputs.forEach((f, j) => {
      if (made.has(f.name))
        problems.push({
          text: `“${f.name}” is written by two steps; each output needs its own name.`,
          place: fieldPlace(i, 'outputs', j),
        });
      made.set(f.name, i);
    });
  });
  program.steps.forEach((s, i) => {
    s.signature.inputs.forEach((f, j) => {
      const by = made.get(f.name);
      if (by !== undefined && by >= i)
        problems.push({
          text: `Step “${s.name}” reads “${f.name}”, which step “${program.steps[by]?.name}” only writes ${by === i ? 'in the same step' : 'later'}.`,
          place: fieldPlace(i, 'inputs', j),
        });
    });
  });
  return problems;
}
