import type { Program } from '../program';
import { labelListInPrompt } from '../adapters/field-values';
import type { FieldSpec } from '../signature';

/** What the program does, in words (its own description, or one built from its steps). */
export function describeProgram(program: Program): string {
  if (program.description.trim()) return program.description.trim();
  const steps = program.steps.map((s) => `${s.name} (${s.signature.toString()})`);
  return program.steps.length === 1
    ? `A single step that maps ${program.inputFields.join(', ')} to ${program.outputFields.join(', ')}.`
    : `A pipeline of ${steps.length} steps: ${steps.join(', then ')}.`;
}

/** What one predictor reads and writes, in words. */
export function describePredictor(program: Program, name: string): string {
  const p = program.predictor(name);
  const index = program.steps.indexOf(p);
  const where =
    program.steps.length > 1
      ? `Step ${index + 1} of ${program.steps.length}, "${name}"`
      : `"${name}"`;
  const reasoning = p.chainOfThought ? ' It reasons step by step before answering.' : '';
  return `${where} reads ${fields(p.signature.inputs)} and writes ${fields(p.signature.outputs)}.${reasoning}`;
}

function fields(list: readonly FieldSpec[]): string {
  return list
    .map((f) => {
      const labels = f.labels ? ` (one of ${labelListInPrompt(f.labels)})` : '';
      const desc = f.description ? `: ${f.description}` : '';
      return `${f.name} [${f.type}${labels}]${desc}`;
    })
    .join('; ');
}
