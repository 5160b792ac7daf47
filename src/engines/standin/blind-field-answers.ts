/**
 * Answers for outputs that are not labels: a number, a text (or list or JSON), and the
 * one-sentence reasoning of a chain-of-thought step. The reader has no skill beyond copying: a
 * near-duplicate demo's answer, else what the input itself offers.
 */
import type { Basis } from './blind-label-choice';
import type { Neighbour } from './blind-neighbours';
import { COPY_SIMILARITY } from './blind-params';
import type { BlindField, BlindPrompt } from './blind-prompt';

/** A near-duplicate demo's value for a field, when the nearest demo is one and has the field. */
function copiedValue(
  field: BlindField,
  prompt: BlindPrompt,
  near: readonly Neighbour[],
): string | undefined {
  const top = near[0];
  if (!top || top.similarity < COPY_SIMILARITY) return undefined;
  return prompt.demos[top.index]?.outputs[field.name];
}

/** Decimal numbers, thousands separators understood ("1,234.5"). */
const NUMBER = /-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?/g;

export interface FieldAnswer {
  value: string;
  /** True when the value was copied from a near-duplicate demo. */
  copied: boolean;
}

/**
 * A number: the near-duplicate demo's answer, else the last number in the inputs (word
 * problems tend to end with the quantity asked about), else 0 (a small model asked for a number
 * writes one).
 */
export function numberAnswer(
  field: BlindField,
  prompt: BlindPrompt,
  near: readonly Neighbour[],
  inputs: string,
): FieldAnswer {
  const copied = copiedValue(field, prompt, near);
  if (copied !== undefined) return { value: copied, copied: true };
  const last = [...inputs.matchAll(NUMBER)].pop()?.[0];
  return { value: last === undefined ? '0' : last.replace(/,/g, ''), copied: false };
}

/**
 * A text, list or JSON value: the near-duplicate demo's answer, else the first input value
 * echoed, wrapped to the field's shape (a list of it, a JSON string of it) so it can be read.
 */
export function textAnswer(
  field: BlindField,
  prompt: BlindPrompt,
  near: readonly Neighbour[],
): FieldAnswer {
  const copied = copiedValue(field, prompt, near);
  if (copied !== undefined) return { value: copied, copied: true };
  const firstName = prompt.inputs[0]?.name;
  const echo =
    (firstName === undefined ? undefined : prompt.query[firstName]) ??
    Object.values(prompt.query)[0] ??
    '';
  if (field.kind === 'list') return { value: JSON.stringify([echo]), copied: false };
  if (field.kind === 'json') return { value: JSON.stringify(echo), copied: false };
  return { value: echo, copied: false };
}

/** What a one-sentence reasoning says about the answer it leads to. */
export type ReasoningGround =
  | { kind: 'label'; value: string; basis: Basis }
  | { kind: 'copy'; value: string }
  | { kind: 'number'; value: string }
  | { kind: 'echo'; value: string };

/** The reasoning sentence: where the answer comes from, in the reader's own plain terms. */
export function reasoningSentence(inputName: string, ground: ReasoningGround): string {
  const input = `the ${inputName.replace(/_/g, ' ')}`;
  switch (ground.kind) {
    case 'label':
      switch (ground.basis) {
        case 'demos':
          return `The examples most like ${input} were answered ${ground.value}, so I answer ${ground.value}.`;
        case 'rule':
          return `The instruction's rule for ${ground.value} matches words in ${input}.`;
        case 'name':
          return `${capital(input)} mentions what ${ground.value} names.`;
        case 'guess':
          return `Nothing in ${input} points clearly elsewhere, so ${ground.value} fits best.`;
      }
      break;
    case 'copy':
      return `An earlier example matches ${input}; its answer was ${ground.value}.`;
    case 'number':
      return `The last number in ${input} is ${ground.value}.`;
    case 'echo':
      return `${capital(input)} already holds what is asked.`;
  }
  return '';
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
