import type { Example, FieldValues } from '../../example';
import type { ScoringRules } from '../../scoring-rules';
import type { ProgramState } from '../../program';
import { defaultInstruction, type FieldSpec } from '../../signature';
import type { ColumnMapping } from './mapping';
import { PROGRAM_LIMITS } from '../program-limits';

/**
 * A label set holds at most this many values (hundreds of intents fit); more read as free text.
 * The same limit as a stored program's (PROGRAM_LIMITS): the dataset keeps the program adapted
 * to it, and a program past the limit is listed as damaged when it is read back.
 */
export const MAX_LABELS = PROGRAM_LIMITS.labelsPerField;

/**
 * Whether a column's values read as free text rather than labels: more distinct values than a
 * label set holds, or (past a few dozen) nearly every row a value of its own: labels repeat,
 * sentences do not. A small sample of a many-label set (77 labels in 120 rows) stays labels.
 */
export function looksLikeFreeText(distinct: number, rows: number): boolean {
  return distinct > MAX_LABELS || (distinct > 30 && distinct > rows * 0.9);
}

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
    // A stored program's field names are at most PROGRAM_LIMITS.nameChars long (a longer one
    // made the dataset unreadable); room is left for the suffix that keeps names unique.
    name = name.slice(0, PROGRAM_LIMITS.nameChars - 4).replace(/_+$/, '');
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
 * names (without the old descriptions), label outputs take the labels the data uses, however
 * many (a field whose values read as free text becomes text, and a notice says so), each step
 * gets DSPy's default instruction for its new fields (the task's own would describe another
 * task), the program takes `description` (the task's own would leak into exports), and the
 * scoring rules follow the renames and the labels.
 */
export function adaptProgramToData(
  program: ProgramState,
  rules: ScoringRules,
  rename: Readonly<Record<string, string>>,
  examples: readonly Example[],
  description = '',
): { program: ProgramState; rules: ScoringRules; notices: string[] } {
  const to = (name: string): string => rename[name] ?? name;
  // Descriptions are dropped with the old names: they describe the task's own data.
  const renamed = (fields: readonly FieldSpec[]): FieldSpec[] =>
    fields.map((f) => ({ ...f, name: to(f.name), description: '' }));
  let adapted = {
    program: {
      ...program,
      description,
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
  const notices: string[] = [];
  for (const field of labelOutputs) {
    const counts = distinctValues(examples, field);
    const rows = counts.reduce((sum, v) => sum + v.count, 0);
    // A label is a short name; a longer value repeated (a template answer) is text to a program.
    const longest = Math.max(0, ...counts.map((v) => v.value.length));
    if (longest > PROGRAM_LIMITS.labelChars) {
      adapted = asTextField(adapted.program, adapted.rules, field);
      notices.push(
        `“${field}” has values of up to ${longest.toLocaleString('en')} characters, longer than a label may be (${PROGRAM_LIMITS.labelChars}), so it became a text field.`,
      );
      continue;
    }
    if (!looksLikeFreeText(counts.length, rows)) {
      adapted = withLabels(
        adapted.program,
        adapted.rules,
        field,
        counts.map((v) => v.value),
      );
      continue;
    }
    adapted = asTextField(adapted.program, adapted.rules, field);
    notices.push(
      `“${field}” has ${counts.length.toLocaleString('en')} different values in ${rows.toLocaleString('en')} rows, which reads as free text, so it became a text field. If they are labels, make it a label field on the Program screen (paste the labels one per line).`,
    );
  }
  return { ...adapted, notices };
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
