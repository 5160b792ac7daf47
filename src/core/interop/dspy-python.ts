import type { JsonValue } from '../json';
import {
  Program,
  type KeptParameter,
  type PredictorStateData,
  type ProgramState,
} from '../program';
import type { FieldSpec } from '../signature';
import { APP_NAME, APP_VERSION } from './app-info';
import { DSPY_LAYOUT_MIN_VERSION } from './copa-layout';
import { exportsFlat } from './dspy-export';
import { type ExportedMetric, type MetricPython, metricPython } from './dspy-metric-python';
import {
  isPythonIdentifier,
  pascalCase,
  pythonDocstring,
  pythonString,
  snakeName,
} from './python-source';

export interface DspyPythonOptions {
  /** The JSON file the code loads (the name the export is downloaded as). */
  jsonFileName: string;
  /**
   * Number fields that hold whole numbers, as `step.field` or `field`; they are declared `int`.
   * Other number fields are `int` only when every demo value is a whole number (said in a comment).
   */
  integerFields?: readonly string[];
  /** The metric it was optimized with: written as a DSPy metric function (dspy-metric-python.ts). */
  metric?: ExportedMetric;
}

export interface DspyPython {
  /** Python source that builds the matching DSPy program and loads the exported JSON into it. */
  code: string;
  /** What the code cannot rebuild by itself (names DSPy cannot express as attributes, …). */
  warnings: string[];
}

const INDENT = '    ';

/**
 * The DSPy code that loads an export of `state`: one signature class per step (the instruction
 * as docstring, `Literal[...]` for label sets, `float`/`int` for numbers, field descriptions),
 * then a bare `dspy.Predict`/`dspy.ChainOfThought` for a flat export, or a `dspy.Module` whose
 * attributes carry the exported parameter names and whose `forward` wires the steps as the
 * playground runs them (each step reads the program's inputs and earlier steps' outputs by name).
 */
export function dspyLoaderPython(state: ProgramState, opts: DspyPythonOptions): DspyPython {
  const warnings: string[] = [];
  const classNames = signatureClassNames(state.steps);
  const metric = scoredMetric(state, opts.metric, warnings);
  const usesLiteral =
    state.steps.some((s) => allFields(s).some((f) => f.type === 'label')) ||
    (metric?.usesLiteral ?? false);
  // The standard library first, then DSPy, as PEP 8 groups imports.
  const standard = [
    ...(metric?.imports ?? []).map((m) => `import ${m}`),
    ...(usesLiteral ? ['from typing import Literal'] : []),
  ];
  // Top-level blocks, two blank lines apart as PEP 8 asks.
  const blocks: string[][] = [
    [
      `# Loads ${opts.jsonFileName}, a program exported by ${APP_NAME} ${APP_VERSION}.`,
      `# The file has the layout DSPy's own save() writes; it needs DSPy ${DSPY_LAYOUT_MIN_VERSION} or newer:`,
      `#   pip install "dspy>=${DSPY_LAYOUT_MIN_VERSION}"`,
      ...(standard.length > 0 ? [...standard, ''] : []),
      'import dspy',
    ],
  ];
  state.steps.forEach((step, i) => {
    blocks.push(signatureClass(step, classNames[i] ?? 'Task', opts, warnings));
  });
  const loadLines = (programInputs: readonly string[]): string[] => [
    `program.load(${pythonString(opts.jsonFileName)})`,
    '',
    '# Choose the model that runs it, then call it:',
    '# dspy.configure(lm=dspy.LM("openai/gpt-4o-mini"))',
    `# print(program(${exampleArgs(programInputs)}))`,
  ];
  if (exportsFlat(state)) {
    const step = state.steps[0] as PredictorStateData;
    blocks.push([
      `program = ${moduleCall(step, classNames[0] ?? 'Task')}`,
      ...loadLines(step.signature.inputs.map((f) => f.name)),
    ]);
  } else {
    const programInputs = programInputNames(state);
    blocks.push(moduleClass(state, classNames, programInputs, warnings));
    blocks.push(['program = Pipeline()', ...loadLines(programInputs)]);
  }
  if (metric) blocks.push(...metric.blocks);
  const out = [blocks.map((b) => b.join('\n')).join('\n\n\n')];
  return { code: `${out.join('\n')}\n`, warnings };
}

/**
 * The metric's Python when the metric is known and scores an output of the program; a known
 * metric the code cannot carry is said among the warnings rather than left out without a word.
 */
function scoredMetric(
  state: ProgramState,
  metric: ExportedMetric | undefined,
  warnings: string[],
): MetricPython | undefined {
  // Only a run knows the metric (an imported or hand-edited program has none with it).
  if (!metric) return undefined;
  const outputs = state.steps.flatMap((s) => s.signature.outputs.map((f) => f.name));
  if (!outputs.includes(metric.field)) {
    warnings.push(
      `The Python has no metric: the run scored "${metric.field}", which this program no longer writes.`,
    );
    return undefined;
  }
  return metricPython(metric);
}

function allFields(step: PredictorStateData): FieldSpec[] {
  return [...step.signature.inputs, ...step.signature.outputs];
}

/** One class name per step, unique, never shadowing what the code itself uses. */
function signatureClassNames(steps: readonly PredictorStateData[]): string[] {
  const taken = new Set(['Literal', 'Pipeline', 'dspy', 'program']);
  return steps.map((s) => {
    const base = s.name === 'self' || s.name === 'predict' ? 'Task' : pascalCase(s.name);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    return name;
  });
}

function signatureClass(
  step: PredictorStateData,
  className: string,
  opts: DspyPythonOptions,
  warnings: string[],
): string[] {
  const lines = [`class ${className}(dspy.Signature):`];
  const instruction = step.signature.instruction.trim();
  if (instruction) lines.push(pythonDocstring(instruction, INDENT), '');
  const field = (f: FieldSpec, kind: 'InputField' | 'OutputField'): string[] => {
    if (!isPythonIdentifier(f.name))
      warnings.push(
        `${step.name}.${f.name}: "${f.name}" is not a valid Python field name; rename the field before using the code.`,
      );
    const { annotation, note } = pythonType(step, f, opts);
    const desc = f.description.trim() ? `desc=${pythonString(f.description.trim())}` : '';
    return [
      ...(note ? [`${INDENT}# ${note}`] : []),
      `${INDENT}${f.name}: ${annotation} = dspy.${kind}(${desc})`,
    ];
  };
  for (const f of step.signature.inputs) lines.push(...field(f, 'InputField'));
  for (const f of step.signature.outputs) lines.push(...field(f, 'OutputField'));
  return lines;
}

function pythonType(
  step: PredictorStateData,
  f: FieldSpec,
  opts: DspyPythonOptions,
): { annotation: string; note?: string } {
  switch (f.type) {
    case 'text':
      return { annotation: 'str' };
    case 'label':
      return { annotation: `Literal[${(f.labels ?? []).map(pythonString).join(', ')}]` };
    case 'list':
      return { annotation: 'list[str]' };
    case 'json':
      return { annotation: 'dict' };
    case 'number': {
      const listed = opts.integerFields ?? [];
      if (listed.includes(f.name) || listed.includes(`${step.name}.${f.name}`))
        return { annotation: 'int' };
      if (demosAreWholeNumbers(step, f.name))
        return {
          annotation: 'int',
          note: 'int: every demo value is a whole number; use float if fractions are allowed.',
        };
      return { annotation: 'float' };
    }
  }
}

function demosAreWholeNumbers(step: PredictorStateData, field: string): boolean {
  const values = step.demos.map((d) => d.data[field]).filter((v) => v !== undefined);
  return values.length >= 2 && values.every(isWholeNumber);
}

function isWholeNumber(v: JsonValue | undefined): boolean {
  if (typeof v === 'number') return Number.isInteger(v);
  return typeof v === 'string' && /^\s*-?\d+\s*$/.test(v);
}

function moduleCall(step: Pick<PredictorStateData, 'chainOfThought'>, className: string): string {
  return `dspy.${step.chainOfThought ? 'ChainOfThought' : 'Predict'}(${className})`;
}

function exampleArgs(names: readonly string[]): string {
  return names.map((n) => `${n}="..."`).join(', ');
}

function programInputNames(state: ProgramState): string[] {
  const produced = new Set<string>();
  const inputs: string[] = [];
  for (const s of state.steps) {
    for (const f of s.signature.inputs)
      if (!produced.has(f.name) && !inputs.includes(f.name)) inputs.push(f.name);
    for (const f of s.signature.outputs) produced.add(f.name);
  }
  return inputs;
}

/** Where a DSPy parameter name puts a member: `name` or `name[i]` on the module. */
interface Slot {
  attr: string;
  index?: number;
}

function slotOf(name: string): Slot | undefined {
  if (isPythonIdentifier(name)) return { attr: name };
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\[(\d+)\]$/.exec(name);
  if (m && isPythonIdentifier(m[1] ?? '')) return { attr: m[1] ?? '', index: Number(m[2]) };
  return undefined;
}

interface Member {
  slot: Slot;
  construct: string;
  comment?: string;
}

function moduleClass(
  state: ProgramState,
  classNames: readonly string[],
  programInputs: readonly string[],
  warnings: string[],
): string[] {
  const members: Member[] = [];
  const cannotName = (name: string): void => {
    warnings.push(
      `"${name}": DSPy names a parameter by where it sits in the program, and the generated code cannot build this name; add it to Pipeline yourself, or program.load() raises KeyError.`,
    );
  };
  for (const k of state.kept ?? []) {
    const slot = slotOf(k.name);
    const construct = keptConstructor(k);
    if (!slot || !construct) {
      cannotName(k.name);
      continue;
    }
    members.push({
      slot,
      construct,
      comment: `kept from the imported file; ${APP_NAME} does not run it, so wire it into forward() as your program did`,
    });
  }
  state.steps.forEach((step, i) => {
    const slot = slotOf(step.name);
    if (!slot) return cannotName(step.name);
    members.push({ slot, construct: moduleCall(step, classNames[i] ?? 'Task') });
  });

  const lines = [
    'class Pipeline(dspy.Module):',
    `${INDENT}def __init__(self):`,
    `${INDENT}${INDENT}super().__init__()`,
    ...initLines(members, warnings),
    '',
    `${INDENT}def forward(self, ${programInputs.join(', ')}):`,
    ...forwardLines(state),
  ];
  return lines;
}

function keptConstructor(k: KeptParameter): string | undefined {
  if (k.kind === 'retrieve' && typeof k.state.k === 'number' && Number.isInteger(k.state.k))
    return `dspy.Retrieve(k=${k.state.k})`;
  return undefined;
}

/** `self.x = …` per attribute; list attributes (`x[0]`, `x[1]`) become one list, in index order. */
function initLines(members: readonly Member[], warnings: string[]): string[] {
  const attrs = [...new Set(members.map((m) => m.slot.attr))];
  const out: string[] = [];
  const ind = INDENT + INDENT;
  for (const attr of attrs) {
    const of = members.filter((m) => m.slot.attr === attr);
    const single = of.length === 1 && of[0]?.slot.index === undefined ? of[0] : undefined;
    if (single) {
      if (single.comment) out.push(`${ind}# ${single.comment}`);
      out.push(`${ind}self.${attr} = ${single.construct}`);
      continue;
    }
    const sorted = [...of].sort((a, b) => (a.slot.index ?? -1) - (b.slot.index ?? -1));
    if (sorted.some((m, i) => m.slot.index !== i)) {
      warnings.push(
        `"${attr}": its parameters are not numbered 0, 1, 2, …; build the list yourself, or program.load() raises KeyError.`,
      );
      continue;
    }
    out.push(`${ind}self.${attr} = [`);
    for (const m of sorted) {
      if (m.comment) out.push(`${ind}${INDENT}# ${m.comment}`);
      out.push(`${ind}${INDENT}${m.construct},`);
    }
    out.push(`${ind}]`);
  }
  return out;
}

/** The steps wired as the playground runs them; a program it cannot run says so instead. */
function forwardLines(state: ProgramState): string[] {
  const ind = INDENT + INDENT;
  try {
    Program.fromState(state);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return [
      `${ind}# ${APP_NAME} cannot run these steps as a pipeline (${why.replace(/\n/g, ' ')}).`,
      `${ind}# Write forward() as your original program did; program.load() does not need it.`,
      `${ind}raise NotImplementedError("forward() was not generated")`,
    ];
  }
  const value = new Map<string, string>();
  for (const n of programInputNames(state)) value.set(n, n);
  const taken = new Set([...value.keys(), 'self']);
  const out: string[] = [];
  for (const step of state.steps) {
    let v = snakeName(step.name);
    while (taken.has(v)) v = `${v}_out`;
    taken.add(v);
    const slot = slotOf(step.name);
    const callee = slot
      ? `self.${slot.attr}${slot.index === undefined ? '' : `[${slot.index}]`}`
      : `self.${snakeName(step.name)}`;
    const args = step.signature.inputs.map((f) => `${f.name}=${value.get(f.name) ?? f.name}`);
    out.push(`${ind}${v} = ${callee}(${args.join(', ')})`);
    for (const f of step.signature.outputs) value.set(f.name, `${v}.${f.name}`);
  }
  const outputs = [...new Set(state.steps.flatMap((s) => s.signature.outputs.map((f) => f.name)))];
  out.push(
    `${ind}return dspy.Prediction(${outputs.map((n) => `${n}=${value.get(n) ?? n}`).join(', ')})`,
  );
  return out;
}
