import type { Noise } from './noise';
import type { ReadField, ReadPrompt } from './prompt-reader';

/** The kinds of realistic format mistake the stand-in makes. */
export type Slip =
  | 'no-markers'
  | 'preamble'
  | 'prose-value'
  | 'wrong-case'
  | 'label-suffix'
  | 'fenced'
  | 'markers-instead-of-json';

const BASE_SLIP_RATE = 0.3;
const PER_DEMO_FACTOR = 0.55;

/**
 * How likely a format slip is: demos show the format and cut it the most, a stated
 * "answer only" rule halves it, and a constraint-feedback retry cuts it to a quarter.
 */
export function slipRate(prompt: ReadPrompt, answerOnly: boolean, temperature: number): number {
  let rate = BASE_SLIP_RATE * PER_DEMO_FACTOR ** Math.min(prompt.demos.length, 6);
  if (answerOnly) rate *= 0.5;
  if (prompt.feedback) rate *= 0.25;
  return rate * (1 + 0.3 * Math.min(temperature, 2));
}

/** Decides whether this answer slips, and how. */
export function pickSlip(
  prompt: ReadPrompt,
  rate: number,
  noise: Noise,
  schemaConstrained: boolean,
): Slip | null {
  if (noise.roll('slip') >= rate) return null;
  const hasLabel = prompt.outputFields.some((f) => f.kind === 'label');
  const kinds: Slip[] =
    prompt.format === 'json'
      ? ['prose-value', 'prose-value', 'wrong-case']
      : ['no-markers', 'preamble', 'prose-value', 'prose-value', 'wrong-case'];
  if (hasLabel) kinds.push('label-suffix', 'label-suffix');
  if (prompt.format === 'json' && !schemaConstrained)
    kinds.push('fenced', 'preamble', 'markers-instead-of-json');
  return kinds[Math.floor(noise.roll('slip-kind') * kinds.length)] ?? null;
}

/** Writes the answer in the prompt's format, with the slip applied to the main output. */
export function writeAnswer(
  prompt: ReadPrompt,
  values: Record<string, string>,
  slip: Slip | null,
): string {
  const fields = prompt.outputFields.length > 0 ? prompt.outputFields : fallbackFields(values);
  const main = [...fields].reverse().find((f) => f.name !== 'reasoning') ?? fields[0];
  const shown: Record<string, string> = { ...values };
  if (main) shown[main.name] = slipValue(main, values[main.name] ?? '', slip);
  const json = prompt.format === 'json' && slip !== 'markers-instead-of-json';
  if (json) {
    const obj: Record<string, unknown> = {};
    for (const f of fields) obj[f.name] = typedValue(f, shown[f.name] ?? '');
    const text = JSON.stringify(obj);
    if (slip === 'fenced') return '```json\n' + text + '\n```';
    if (slip === 'preamble') return `Here is the JSON object you asked for:\n${text}`;
    return text;
  }
  if (slip === 'no-markers') return fields.map((f) => shown[f.name] ?? '').join('\n');
  const body =
    fields.map((f) => `[[ ## ${f.name} ## ]]\n${shown[f.name] ?? ''}`).join('\n\n') +
    '\n\n[[ ## completed ## ]]';
  return slip === 'preamble' ? `Sure! Here is my answer.\n\n${body}` : body;
}

function slipValue(field: ReadField, value: string, slip: Slip | null): string {
  switch (slip) {
    case 'prose-value':
      return `The ${field.name.replace(/_/g, ' ')} is ${value}.`;
    case 'wrong-case':
      return value.toUpperCase();
    case 'label-suffix':
      return field.kind === 'label' ? `${value} (best guess)` : value;
    default:
      return value;
  }
}

function typedValue(field: ReadField, value: string): unknown {
  if (field.kind === 'number' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (field.kind === 'list' || field.kind === 'json') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function fallbackFields(values: Record<string, string>): ReadField[] {
  return Object.keys(values).map((name) => ({ name, kind: 'text', labels: [], description: '' }));
}
