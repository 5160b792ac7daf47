import { SignatureError } from './errors';
import { isReservedName, RESERVED_NAME_REASON } from './reserved-names';

/** The kinds of value a field can hold. */
export type FieldType = 'text' | 'number' | 'label' | 'list' | 'json';

/** One input or output field of a signature. */
export interface FieldSpec {
  readonly name: string;
  readonly description: string;
  readonly type: FieldType;
  /** The allowed values when `type` is `label`. */
  readonly labels?: readonly string[];
}

/** The plain-JSON form of a signature. */
export interface SignatureData {
  instruction: string;
  inputs: FieldSpec[];
  outputs: FieldSpec[];
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FIELD_TYPES: readonly FieldType[] = ['text', 'number', 'label', 'list', 'json'];

/**
 * What a predictor does: an instruction plus ordered input and output fields.
 * Immutable: every change returns a new Signature.
 */
export class Signature {
  readonly instruction: string;
  readonly inputs: readonly FieldSpec[];
  readonly outputs: readonly FieldSpec[];

  constructor(data: { instruction?: string; inputs: FieldSpec[]; outputs: FieldSpec[] }) {
    const inputs = data.inputs.map(normalizeField);
    const outputs = data.outputs.map(normalizeField);
    if (inputs.length === 0)
      throw new SignatureError('A signature needs at least one input field.');
    if (outputs.length === 0)
      throw new SignatureError('A signature needs at least one output field.');
    const seen = new Set<string>();
    for (const f of [...inputs, ...outputs]) {
      if (seen.has(f.name))
        throw new SignatureError(`The field name "${f.name}" is used twice; names must be unique.`);
      seen.add(f.name);
    }
    this.inputs = Object.freeze(inputs);
    this.outputs = Object.freeze(outputs);
    this.instruction = data.instruction?.trim() || defaultInstruction(inputs, outputs);
    Object.freeze(this);
  }

  /**
   * Parses `question, context -> answer` (optionally with types: `answer: number`,
   * `label: label[positive|negative]`). The instruction defaults to DSPy's wording.
   */
  static parse(text: string, instruction?: string): Signature {
    const parts = text.split('->');
    if (parts.length !== 2)
      throw new SignatureError(
        `"${text}" is not a signature: write inputs and outputs separated by "->", e.g. "question -> answer".`,
      );
    const [left = '', right = ''] = parts;
    return new Signature({
      instruction,
      inputs: parseFieldList(left, 'input'),
      outputs: parseFieldList(right, 'output'),
    });
  }

  /** Rebuilds a signature from its plain-JSON form. */
  static fromJSON(data: SignatureData): Signature {
    return new Signature(data);
  }

  /** The plain-JSON form (a fresh copy). */
  toJSON(): SignatureData {
    return {
      instruction: this.instruction,
      inputs: this.inputs.map(copyField),
      outputs: this.outputs.map(copyField),
    };
  }

  get fields(): readonly FieldSpec[] {
    return [...this.inputs, ...this.outputs];
  }

  field(name: string): FieldSpec | undefined {
    return this.fields.find((f) => f.name === name);
  }

  withInstruction(instruction: string): Signature {
    return new Signature({ ...this.toJSON(), instruction });
  }

  /** Replaces (by name) or appends a field on the given side. */
  withField(side: 'input' | 'output', field: FieldSpec): Signature {
    const data = this.toJSON();
    const list = side === 'input' ? data.inputs : data.outputs;
    const at = list.findIndex((f) => f.name === field.name);
    if (at >= 0) list[at] = field;
    else list.push(field);
    return new Signature(data);
  }

  /** Inserts an output field before all others (how ChainOfThought adds its reasoning). */
  prependOutput(field: FieldSpec): Signature {
    const data = this.toJSON();
    return new Signature({ ...data, outputs: [field, ...data.outputs] });
  }

  withoutField(name: string): Signature {
    const data = this.toJSON();
    return new Signature({
      instruction: data.instruction,
      inputs: data.inputs.filter((f) => f.name !== name),
      outputs: data.outputs.filter((f) => f.name !== name),
    });
  }

  /** The compact string form, e.g. `question, context -> answer`. */
  toString(): string {
    const names = (fs: readonly FieldSpec[]): string => fs.map((f) => f.name).join(', ');
    return `${names(this.inputs)} -> ${names(this.outputs)}`;
  }
}

/** DSPy's default instruction for a signature without one. */
export function defaultInstruction(
  inputs: readonly FieldSpec[],
  outputs: readonly FieldSpec[],
): string {
  const list = (fs: readonly FieldSpec[]): string => fs.map((f) => `\`${f.name}\``).join(', ');
  return `Given the fields ${list(inputs)}, produce the fields ${list(outputs)}.`;
}

function parseFieldList(text: string, side: string): FieldSpec[] {
  const items = splitTopLevel(text)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0)
    throw new SignatureError(`The ${side} side of the signature names no field.`);
  return items.map(parseFieldItem);
}

/** Splits on commas that are not inside `[...]` (label sets contain commas). */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '[') depth++;
    if (ch === ']') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

function parseFieldItem(item: string): FieldSpec {
  const match = /^([^:]+?)\s*(?::\s*([a-z]+)\s*(?:\[(.*)\])?)?$/i.exec(item);
  const name = match?.[1]?.trim() ?? '';
  const typeText = (match?.[2] ?? 'text').toLowerCase();
  if (!FIELD_TYPES.includes(typeText as FieldType))
    throw new SignatureError(
      `Unknown type "${typeText}" for field "${name}"; use one of ${FIELD_TYPES.join(', ')}.`,
    );
  const type = typeText as FieldType;
  const labels = match?.[3]
    ?.split(/[|,]/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return normalizeField({ name, description: '', type, ...(labels ? { labels } : {}) });
}

function normalizeField(field: FieldSpec): FieldSpec {
  if (!FIELD_NAME.test(field.name))
    throw new SignatureError(
      `"${field.name}" is not a valid field name: use letters, digits and underscores, starting with a letter.`,
    );
  if (isReservedName(field.name))
    throw new SignatureError(
      `The field name "${field.name}" is reserved: ${RESERVED_NAME_REASON}.`,
    );
  if (!FIELD_TYPES.includes(field.type))
    throw new SignatureError(`Unknown type "${String(field.type)}" for field "${field.name}".`);
  if (field.type === 'label' && (!field.labels || field.labels.length === 0))
    throw new SignatureError(`The label field "${field.name}" needs a set of allowed labels.`);
  return Object.freeze(copyField(field));
}

function copyField(f: FieldSpec): FieldSpec {
  const out: FieldSpec = { name: f.name, description: f.description ?? '', type: f.type };
  return f.labels ? { ...out, labels: [...f.labels] } : out;
}
