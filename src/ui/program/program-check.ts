import { looseWords } from '../../core/adapters/label-words';
import {
  type ConstraintSpec,
  isUsableMaxLength,
  isUsableNumberLimit,
  MAX_LENGTH_WORDS,
  NUMBER_LIMIT_WORDS,
} from '../../core/constraints';
import { slowRegexReason } from '../../core/regex-safety';
import { isReservedName, RESERVED_NAME_REASON } from '../../core/reserved-names';
import type { ScoringRules } from '../../core/scoring-rules';
import type { ProgramState } from '../../core/program';
import { programInputs, programOutputs } from '../../core/program-fields';
import type { FieldSpec, FieldType } from '../../core/signature';
import { labelListText } from '../lib/label-list';
import { fieldNames, freshName, pipelineProblems } from './pipeline-edit';
import {
  fieldPlace,
  METRIC_PLACE,
  rulePlace,
  sidePlace,
  type ProgramProblem,
} from './problem-place';

export const FIELD_TYPES: readonly FieldType[] = ['text', 'number', 'label', 'list', 'json'];
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Labels typed or pasted one per line: trimmed, blank lines and repeats dropped. A line is one
 * label whatever it holds ("Yes, definitely" is one label): commas and bars are never
 * separators, since a single line with a comma could as well be one label as two.
 */
export function parseLabels(text: string): string[] {
  const parts = text.split(/\r?\n|\r/);
  return [...new Set(parts.map((l) => l.trim()).filter((l) => l.length > 0))];
}

/** A model context window the label list is measured against (WebLLM's models have 4,096). */
export const CONTEXT_TOKENS = 4096;

/**
 * About how many prompt tokens a label list takes where the prompt lists it (`one of: a; b`),
 * with the context guard's deliberately high estimate of three characters per token.
 */
export function labelListTokens(labels: readonly string[]): number {
  return Math.ceil(labels.reduce((n, l) => n + l.length + 2, 0) / 3);
}

/** A field name not used yet in the program, e.g. "field_2". */
export function freshFieldName(program: ProgramState, base = 'field'): string {
  return freshName(fieldNames(program), base);
}

/**
 * The output fields a metric or a constraint can refer to, each once: steps may write the same
 * field (a DSPy multi-hop program's two query steps), and the lists built from this are keyed
 * by name.
 */
export function outputNames(program: ProgramState): string[] {
  return [...new Set(programOutputs(program.steps).map((f) => f.name))];
}

/**
 * Everything wrong with an edited program and its rules, in words a user can act on;
 * empty when the edit can be applied. With the data's field names, also what the program
 * would read or score that the data lacks. (The worker checks again when it is used.)
 */
export function programProblems(
  program: ProgramState,
  rules: ScoringRules,
  dataFields: readonly string[] = [],
): string[] {
  return placedProgramProblems(program, rules, dataFields).map((p) => p.text);
}

/** The problems of `programProblems`, each with the place it is shown next to. */
export function placedProgramProblems(
  program: ProgramState,
  rules: ScoringRules,
  dataFields: readonly string[] = [],
): ProgramProblem[] {
  const problems: ProgramProblem[] = pipelineProblems(program);
  program.steps.forEach((step, s) => {
    const where = program.steps.length > 1 ? `Step “${step.name}”: ` : '';
    const seen = new Set<string>();
    for (const side of ['inputs', 'outputs'] as const) {
      const fields = step.signature[side];
      if (fields.length === 0)
        problems.push({
          text: `${where}add at least one ${side === 'inputs' ? 'input' : 'output'} field.`,
          place: sidePlace(s, side),
        });
      fields.forEach((f, i) => {
        const place = fieldPlace(s, side, i);
        problems.push(...fieldProblems(f).map((p) => ({ text: where + p, place })));
        if (seen.has(f.name) && f.name !== '')
          problems.push({
            text: `${where}the field name “${f.name}” is used twice; names must be unique.`,
            place,
          });
        seen.add(f.name);
      });
    }
  });
  const outputs = new Set(outputNames(program));
  if (!outputs.has(rules.targetField))
    problems.push({
      text: `The metric scores “${rules.targetField}”, which is not an output field: choose the field to score.`,
      place: METRIC_PLACE,
    });
  const scored = outputField(program, rules.targetField);
  const misfit = scored && metricMisfit(rules.metricId, scored);
  if (misfit) problems.push({ text: misfit, place: METRIC_PLACE });
  rules.constraints.forEach((c, i) => {
    const label = `Rule ${i + 1} (${c.kind})`;
    const place = rulePlace(i);
    if (!outputs.has(c.field))
      problems.push({ text: `${label} is on “${c.field}”, not an output field.`, place });
    problems.push(...constraintProblems(c).map((p) => ({ text: `${label}: ${p}`, place })));
    const refused = c.kind === 'one-of' ? refusedLabels(c, outputField(program, c.field)) : [];
    if (refused.length > 0 && c.kind === 'one-of' && c.values.length > 0)
      problems.push({
        text: `${label}: it refuses ${refused.length === 1 ? 'the label' : 'the labels'} ${labelListText(
          refused.map((l) => `“${l}”`),
          5,
        )} of “${c.field}”, so every such answer would break it: add ${refused.length === 1 ? 'it' : 'them'} to the allowed values, or remove the rule.`,
        place,
      });
  });
  if (dataFields.length > 0) {
    const have = new Set(dataFields);
    const listed = dataFields.join(', ');
    for (const field of programInputs(program.steps).filter(
      (f) => f.name !== '' && !have.has(f.name),
    ))
      problems.push({
        text: `The program reads “${field.name}”, which the data does not have (its fields: ${listed}): rename the input field to one of them.`,
        place: placeOfInput(program, field),
      });
    if (outputs.has(rules.targetField) && !have.has(rules.targetField))
      problems.push({
        text: `The metric scores “${rules.targetField}”, but the data has no “${rules.targetField}” to compare with (its fields: ${listed}).`,
        place: METRIC_PLACE,
      });
  }
  return problems;
}

/** The output field of that name (the last step's, when steps share it). */
function outputField(program: ProgramState, name: string): FieldSpec | undefined {
  return programOutputs(program.steps)
    .filter((f) => f.name === name)
    .at(-1);
}

/** Why the metric can score no answer of this field (every score would be 0), or null. */
function metricMisfit(metricId: string, field: FieldSpec): string | null {
  if (metricId === 'json_field_match' && ['label', 'number', 'list'].includes(field.type))
    return `JSON field match compares JSON objects, but “${field.name}” is a ${field.type} field: every answer would score 0. Choose another metric, or make “${field.name}” a json field.`;
  if (
    metricId === 'number_within_tolerance' &&
    field.type === 'label' &&
    !(field.labels ?? []).some((l) => /\d/.test(l))
  )
    return `Number within tolerance compares numbers, but the labels of “${field.name}” hold none: every answer would score 0. Choose another metric, such as Label match.`;
  return null;
}

/** The labels of a label field that a one-of rule on it does not allow. */
function refusedLabels(
  rule: Extract<ConstraintSpec, { kind: 'one-of' }>,
  field: FieldSpec | undefined,
): string[] {
  if (field?.type !== 'label') return [];
  const norm = (v: string): string => (rule.caseSensitive ? v.trim() : v.trim().toLowerCase());
  const allowed = new Set(rule.values.map(norm));
  return (field.labels ?? []).filter((l) => !allowed.has(norm(l)));
}

/** The place of an input field (the one the first step reading it declares). */
function placeOfInput(program: ProgramState, field: FieldSpec): string | null {
  for (const [s, step] of program.steps.entries()) {
    const i = step.signature.inputs.indexOf(field);
    if (i >= 0) return fieldPlace(s, 'inputs', i);
  }
  return null;
}

function fieldProblems(f: FieldSpec): string[] {
  const out: string[] = [];
  if (f.name === '') out.push('a field has no name.');
  else if (!FIELD_NAME.test(f.name))
    out.push(
      `“${f.name}” is not a valid field name: use letters, digits and underscores, starting with a letter.`,
    );
  else if (isReservedName(f.name)) out.push(`“${f.name}” is reserved: ${RESERVED_NAME_REASON}.`);
  if (f.type === 'label') {
    const labels = f.labels ?? [];
    if (labels.length === 0) out.push(`the label field “${f.name}” needs at least one label.`);
    const twin = sameReadingLabels(labels);
    if (twin)
      out.push(
        twin[0] === twin[1]
          ? `the label field “${f.name}” lists “${twin[0]}” twice.`
          : `the label field “${f.name}” lists “${twin[0]}” and “${twin[1]}”, which an answer cannot tell apart (answers are read ignoring case, with “_”, “-”, “/” and spaces alike): keep one of them.`,
      );
  }
  return out;
}

/** The first two labels an answer's reading cannot tell apart, or null. */
function sameReadingLabels(labels: readonly string[]): [string, string] | null {
  const seen = new Map<string, string>();
  for (const label of labels) {
    const key = looseWords(label);
    const earlier = seen.get(key);
    if (earlier !== undefined) return [earlier, label];
    seen.set(key, label);
  }
  return null;
}

function constraintProblems(c: ConstraintSpec): string[] {
  switch (c.kind) {
    case 'one-of':
      return c.values.length === 0 ? ['list at least one allowed value.'] : [];
    case 'number': {
      // NaN is what the box holds when its text is no number (or too large to be one, 1e400).
      const bad = (
        [
          ['minimum', c.min],
          ['maximum', c.max],
        ] as const
      )
        .filter(([, v]) => !isUsableNumberLimit(v))
        .map(([which, v]) =>
          Number.isNaN(v)
            ? `the ${which} is not a number the app can use: enter ${NUMBER_LIMIT_WORDS}, or leave it blank for no ${which}.`
            : `the ${which} ${String(v)} is out of range: enter ${NUMBER_LIMIT_WORDS}, or leave it blank for no ${which}.`,
        );
      if (bad.length > 0) return bad;
      return c.min !== undefined && c.max !== undefined && c.min > c.max
        ? ['the minimum is above the maximum.']
        : [];
    }
    case 'regex':
      return patternProblems(c.pattern, c.flags);
    case 'max-length':
      return isUsableMaxLength(c.maxChars) ? [] : [`the length limit must be ${MAX_LENGTH_WORDS}.`];
    case 'json':
      return [];
  }
}

function patternProblems(pattern: string, flags: string | undefined): string[] {
  try {
    new RegExp(pattern, flags);
  } catch (err) {
    return [`the pattern is not a valid regular expression (${(err as Error).message}).`];
  }
  if (pattern === '') return ['write a pattern.'];
  const slow = slowRegexReason(pattern);
  return slow === null ? [] : [`the pattern is refused: ${slow}`];
}

/** A new constraint of this kind on a field, with usable defaults. */
export function newConstraint(kind: ConstraintSpec['kind'], field: string): ConstraintSpec {
  switch (kind) {
    case 'one-of':
      return { kind, field, values: [] };
    case 'number':
      return { kind, field };
    case 'regex':
      return { kind, field, pattern: '.+' };
    case 'max-length':
      return { kind, field, maxChars: 200 };
    case 'json':
      return { kind, field };
  }
}
