/** Made-up label tasks for the simulated models' mechanism tests (no built-in task involved). */
import { chatAdapter } from '../../../../src/core/adapters/chat-adapter';
import { constraintFromSpec, validatorFor } from '../../../../src/core/constraints';
import type { LanguageModel } from '../../../../src/core/lm';
import { predict, type Predictor } from '../../../../src/core/program';
import { runPredictor } from '../../../../src/core/run-program';
import { Signature } from '../../../../src/core/signature';

export interface SyntheticPrompt {
  labels: readonly string[];
  /** (text, label) pairs shown as demos, in this order. */
  demos?: readonly (readonly [string, string])[];
  instruction?: string;
}

export function classifier(prompt: SyntheticPrompt): Predictor {
  const signature = new Signature({
    instruction: prompt.instruction ?? 'Classify the text.',
    inputs: [{ name: 'text', description: 'A short text.', type: 'text' }],
    outputs: [
      { name: 'category', description: 'Its category.', type: 'label', labels: [...prompt.labels] },
    ],
  });
  const base = predict('classify', signature);
  return {
    ...base,
    demos: (prompt.demos ?? []).map(([text, category], i) => ({
      data: { text, category },
      augmented: false,
      sourceId: `d${i}`,
    })),
  };
}

/** The model's label for each text (null when it never gave an allowed label). */
export async function classify(
  lm: LanguageModel,
  prompt: SyntheticPrompt,
  texts: readonly string[],
): Promise<(string | null)[]> {
  const predictor = classifier(prompt);
  const validate = validatorFor([
    constraintFromSpec({ kind: 'one-of', field: 'category', values: [...prompt.labels] }),
  ]);
  const out: (string | null)[] = [];
  for (const text of texts) {
    try {
      const step = await runPredictor(
        predictor,
        { text },
        { lm, adapter: chatAdapter, validate, temperature: 0, seed: 0 },
      );
      const label = String(step.outputs.category ?? '');
      out.push(prompt.labels.includes(label) ? label : null);
    } catch {
      out.push(null);
    }
  }
  return out;
}

/** The share of `answers` equal to `label` (or to the expected label of each position). */
export function share(
  answers: readonly (string | null)[],
  label: string | readonly string[],
): number {
  const hits = answers.filter((a, i) => a === (typeof label === 'string' ? label : label[i]));
  return hits.length / Math.max(1, answers.length);
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'pu', 'ra', 'si', 'tu', 'vo', 'ze', 'bi', 'do'];

/** Made-up words, distinct and deterministic: "kalo", "kami"... */
export function madeUpWords(count: number, offset = 0): string[] {
  const out: string[] = [];
  for (let i = offset; out.length < count; i++) {
    const a = SYLLABLES[i % SYLLABLES.length]!;
    const b = SYLLABLES[Math.floor(i / SYLLABLES.length) % SYLLABLES.length]!;
    const c = SYLLABLES[Math.floor(i / 144) % SYLLABLES.length]!;
    out.push(`${a}${b}${c}x`);
  }
  return out;
}

/** Neutral texts that share no content word with anything else in these tests. */
export function neutralTexts(count: number): string[] {
  return madeUpWords(count, 900).map((w, i) => `Note ${i}: ${w} arrived.`);
}
