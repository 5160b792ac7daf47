/**
 * What the blind reader writes for a prompt it has read: a value for every output field (a
 * label choice, a number, a text, a proposal), a one-sentence reasoning first when the step
 * asks for reasoning first, laid out as the prompt's format asks.
 */
import { type WrittenField, layOut } from './blind-answer-format';
import {
  type ReasoningGround,
  numberAnswer,
  reasoningSentence,
  textAnswer,
} from './blind-field-answers';
import { chooseLabel, type LabelScene } from './blind-label-choice';
import { inputText, neighbours } from './blind-neighbours';
import type { BlindNoise } from './blind-noise';
import type { BlindField, BlindPrompt } from './blind-prompt';
import { isProposalPrompt, propose } from './blind-proposer';
import { slipRate, writeLabel } from './blind-slips';
import { contentWords } from './blind-words';

/** The field name of chain-of-thought reasoning (as ChainOfThought prepends it). */
const REASONING = 'reasoning';

export function composeAnswer(prompt: BlindPrompt, noise: BlindNoise, temperature: number): string {
  const inputNames = prompt.inputs.map((f) => f.name);
  const firstInput = inputNames[0] ?? Object.keys(prompt.query)[0] ?? 'input';
  // Nothing asked for that the reader can see: it repeats the input, as a confused model does.
  if (prompt.outputs.length === 0) return inputText(prompt.query, inputNames);

  const reasoningFirst = prompt.outputs.length > 1 && prompt.outputs[0]?.name === REASONING;
  const asked = reasoningFirst ? prompt.outputs.slice(1) : prompt.outputs;
  const written: WrittenField[] = [];
  let ground: ReasoningGround | undefined;

  if (isProposalPrompt(prompt)) {
    for (const field of asked) written.push({ field, value: propose(prompt, noise) });
    const lead = 'The examples show which words go with each answer.';
    return layOut(withReasoning(prompt, reasoningFirst, lead, written), prompt.json);
  }

  const near = neighbours(prompt);
  const inputs = inputText(prompt.query, inputNames);
  const scene: LabelScene = {
    prompt,
    inputWords: new Set(contentWords(inputs)),
    neighbours: near,
    noise,
    temperature,
  };
  for (const field of asked) {
    if (field.kind === 'label' && field.labels.length > 0) {
      const choice = chooseLabel(field, scene);
      const rate = slipRate(prompt.instruction, prompt.retry);
      const value = writeLabel(choice.label, rate, noise.sample(`slip\u0000${field.name}`));
      written.push({ field, value });
      ground ??= { kind: 'label', value: choice.label, basis: choice.basis };
    } else if (field.kind === 'number') {
      const a = numberAnswer(field, prompt, near, inputs);
      written.push({ field, value: a.value });
      ground ??= { kind: a.copied ? 'copy' : 'number', value: a.value };
    } else {
      const a = textAnswer(field, prompt, near);
      written.push({ field, value: a.value });
      ground ??= { kind: a.copied ? 'copy' : 'echo', value: a.value };
    }
  }
  const lead = ground ? reasoningSentence(firstInput, ground) : '';
  return layOut(withReasoning(prompt, reasoningFirst, lead, written), prompt.json);
}

function withReasoning(
  prompt: BlindPrompt,
  reasoningFirst: boolean,
  sentence: string,
  written: WrittenField[],
): WrittenField[] {
  const field: BlindField | undefined = reasoningFirst ? prompt.outputs[0] : undefined;
  return field ? [{ field, value: sentence }, ...written] : written;
}
