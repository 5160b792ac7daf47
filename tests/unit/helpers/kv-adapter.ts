import type { Adapter } from '../../../src/core/adapters/adapter';
import { ParseError } from '../../../src/core/errors';
import type { FieldValues } from '../../../src/core/example';
import type { Signature } from '../../../src/core/signature';

/**
 * A tiny test adapter independent of the real ones: the user turn is `name: value` lines of
 * the inputs, and the model answers with `name: value` lines of the outputs. A missing output
 * line is a ParseError. Number fields are read as numbers.
 */
export const kvAdapter: Adapter = {
  name: 'chat',
  format(signature, demos, inputs) {
    const lines = (values: FieldValues, names: readonly string[]): string =>
      names
        .filter((n) => values[n] !== undefined)
        .map((n) => `${n}: ${String(values[n])}`)
        .join('\n');
    const inNames = signature.inputs.map((f) => f.name);
    const outNames = signature.outputs.map((f) => f.name);
    return [
      { role: 'system', content: signature.instruction },
      ...demos.flatMap((d) => [
        { role: 'user' as const, content: lines(d.data, inNames) },
        { role: 'assistant' as const, content: lines(d.data, outNames) },
      ]),
      { role: 'user', content: lines(inputs, inNames) },
    ];
  },
  parse(signature: Signature, text: string) {
    const out: FieldValues = {};
    const missing: string[] = [];
    for (const f of signature.outputs) {
      const m = new RegExp(`^${f.name}:[ \\t]*(.*)$`, 'm').exec(text);
      if (!m) {
        missing.push(f.name);
        continue;
      }
      const raw = (m[1] ?? '').trim();
      out[f.name] = f.type === 'number' ? Number(raw) : raw;
    }
    if (missing.length > 0)
      throw new ParseError(`Missing output field(s): ${missing.join(', ')}.`, text, missing);
    return out;
  },
};
