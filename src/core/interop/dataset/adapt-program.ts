import type { Example, FieldValues } from '../../example';
import type { ScoringRules } from '../../scoring-rules';
import type { ProgramState } from '../../program';
import { defaultInstruction, type FieldSpec } from '../../signature';
import type { ColumnMapping } from './mapping';

/** A label set holds at most this many values; a field with more reads as free text. */
export const MAX_LABELS = 30;

/** The distinct values of a field, most frequent first (ties in text order), as text. */
export function distinctValues(
  examples: readonly Example[],
  field: string,
): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of examples) {
    const v = e.data[field];
    if (v === undefined || v === null) continue;
    const text = typeof v === 'string' ? v.trim() : JSON.stringify(v);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([value, count]) => ({ value, count }));
}

/**
 * A field name for each mapped column, as the prompt will show it: the column's name made a
 * valid identifier ("review text" → review_text), unique among the fields.
 */
export function fieldNamesFromColumns(mapping: ColumnMapping): Record<string, string> {
  const out: Record<string, string> = {};
  const used = new Set<string>();
  for (const [field, column] of Object.entries(mapping)) {
    let name = column
      .trim()
      .replace(/[^A-Za-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '');
    if (!/^[A-Za-z_]/.test(name)) name = `f_${name}`;
    if (name === 'f_') name = field;
    let unique = name;
    for (let i = 2; used.has(unique); i++) unique = `${name}_${i}`;
    used.add(unique);
    out[field] = unique;
  }
  return out;
}

/** Examples with their fields renamed (`rename`: old name → new name). */
export function renameExampleFields(
  examples: readonly Example[],
  rename: Readonly<Record<string, string>>,
): Example[] {
  return examples.map((e) => ({ id: e.id, data: renameKeys(e.data, rename) }));
}

/**
 * A built-in task's program made a starting point for other data: its fields take the data's
 * names (without the old descriptions), label outputs take the labels the data uses (a field
 * with more than MAX_LABELS values becomes text), each step gets DSPy's default instruction for
 * its new fields (the task's own would describe another task), and the scoring rules follow the
 * renames and the labels.
 */
export function adaptProgramToData(
  program: ProgramState,
  rules: ScoringRules,
  rename: Readonly<Record<string, string>>,
  examples: readonly Example[],
): { program: ProgramState; rules: ScoringRules } {
  const to = (name: string): string => rename[name] ?? name;
  // Descriptions are dropped with the old names: they describe the task's own data.
  const renamed = (fields: readonly FieldSpec[]): FieldSpec[] =>
    fields.map((f) => ({ ...f, name: to(f.name), description: '' }));
  let adapted = {
    program: {
      ...program,
      steps: program.steps.map((step) => {
        const inputs = renamed(step.signature.inputs);
        const outputs = renamed(step.signature.outputs);
        return {
          ...step,
          signature: { instruction: defaultInstruction(inputs, outputs), inputs, outputs },
          demos: step.demos.map((d) => ({ ...d, data: renameKeys(d.data, rename) })),
        };
      }),
    },
    rules: {
      metricId: rules.metricId,
      targetField: to(rules.targetField),
      constraints: rules.constraints.map((c) => ({ ...c, field: to(c.field) })),
    },
  };
  const labelOutputs = adapted.program.steps.flatMap((s) =>
    s.signature.outputs.filter((f) => f.type === 'label').map((f) => f.name),
  );
  for (const field of labelOutputs) {
    const values = distinctValues(examples, field).map((v) => v.value);
    adapted =
      values.length <= MAX_LABELS
        ? withLabels(adapted.program, adapted.rules, field, values)
        : asTextField(adapted.program, adapted.rules, field);
  }
  return adapted;
}

/**
 * The program with `field`'s label set replaced by `labels`, and every one-of rule on that
 * field listing the same values (else the rule would refuse the new labels).
 */
export function withLabels(
  program: ProgramState,
  rules: ScoringRules,
  field: string,
  labels: readonly string[],
): { program: ProgramState; rules: ScoringRules } {
  return {
    program: mapOutput(program, field, (f) => ({ ...f, labels: [...labels] })),
    rules: {
      ...rules,
      constraints: rules.constraints.map((c) =>
        c.kind === 'one-of' && c.field === field ? { ...c, values: [...labels] } : c,
      ),
    },
  };
}

/** The program with `field` made free text: no label set, and no one-of rule on it. */
function asTextField(
  program: ProgramState,
  rules: ScoringRules,
  field: string,
): { program: ProgramState; rules: ScoringRules } {
  return {
    program: mapOutput(program, field, (f) => ({
      name: f.name,
      description: f.description,
      type: 'text',
    })),
    rules: {
      ...rules,
      constraints: rules.constraints.filter((c) => !(c.kind === 'one-of' && c.field === field)),
    },
  };
}

/** A copy of the program with the output field `field` of every step replaced by `change(it)`. */
function mapOutput(
  program: ProgramState,
  field: string,
  change: (f: FieldSpec) => FieldSpec,
): ProgramState {
  return {
    ...program,
    steps: program.steps.map((step) => ({
      ...step,
      signature: {
        ...step.signature,
        outputs: step.signature.outputs.map((f) => (f.name === field ? change(f) : f)),
      },
    })),
  };
}

function renameKeys(data: FieldValues, rename: Readonly<Record<string, string>>): FieldValues {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [rename[k] ?? k, v]));
}
