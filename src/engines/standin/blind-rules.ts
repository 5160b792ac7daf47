/**
 * Rules stated in the instruction, read the way a small model plausibly reads them: a sentence
 * that names exactly one allowed label ties its other content words to that label ("Answer X
 * when the message mentions a parcel" makes "parcel" a cue for X). Nothing about the meaning of
 * the words is known; only their co-occurrence with a label name in one sentence.
 */
import {
  MAX_CUES_PER_RULE,
  MAX_SENTENCE_WORDS,
  PLAIN_CUE_WEIGHT,
  QUOTED_CUE_WEIGHT,
} from './blind-params';
import { contentWords, labelNameWords, looseForm } from './blind-words';

export interface Cue {
  /** A stemmed content word. */
  word: string;
  /** QUOTED_CUE_WEIGHT for a quoted word, PLAIN_CUE_WEIGHT otherwise. */
  strength: number;
}

export interface StatedRule {
  label: string;
  cues: readonly Cue[];
}

/** The instruction's sentences (a line break also ends one), each cut to its first 40 words. */
export function instructionSentences(instruction: string): string[] {
  return instruction
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim().split(/\s+/).slice(0, MAX_SENTENCE_WORDS).join(' '))
    .filter((s) => s.length > 0);
}

/** Every rule the instruction states; `fieldNames`' words are the prompt's own, not cues. */
export function statedRules(
  instruction: string,
  labels: readonly string[],
  fieldNames: readonly string[],
): StatedRule[] {
  const structural = new Set(fieldNames.flatMap(labelNameWords));
  const labelTokens = labels.map((l) => looseTokens(l));
  const rules: StatedRule[] = [];
  for (const sentence of instructionSentences(instruction)) {
    const named = labelsNamed(looseTokens(sentence), labelTokens);
    if (named.length !== 1) continue;
    const label = labels[named[0] ?? -1];
    if (label === undefined) continue;
    const own = new Set([...labelNameWords(label), ...structural]);
    const cues = cueWords(sentence, own);
    if (cues.length > 0) rules.push({ label, cues });
  }
  return rules;
}

/** Quoted words first (strength 1), then the sentence's other content words (strength 0.5). */
function cueWords(sentence: string, excluded: ReadonlySet<string>): Cue[] {
  const seen = new Set<string>(excluded);
  const cues: Cue[] = [];
  const add = (words: readonly string[], strength: number): void => {
    for (const word of words) {
      if (seen.has(word) || cues.length >= MAX_CUES_PER_RULE) continue;
      seen.add(word);
      cues.push({ word, strength });
    }
  };
  add(quotedParts(sentence).flatMap(contentWords), QUOTED_CUE_WEIGHT);
  add(contentWords(sentence), PLAIN_CUE_WEIGHT);
  return cues;
}

/** Text inside double quotes, curly quotes, backticks, or single quotes not inside a word. */
function quotedParts(sentence: string): string[] {
  const out: string[] = [];
  const patterns = [
    /"([^"]+)"/g,
    /\u201c([^\u201d]+)\u201d/g,
    /`([^`]+)`/g,
    /(?<!\p{L})'([^']+)'(?!\p{L})/gu,
  ];
  for (const p of patterns) for (const m of sentence.matchAll(p)) out.push(m[1] ?? '');
  return out;
}

/** Lower-case word tokens with `_`, `-` and spaces alike, for matching label names. */
function looseTokens(text: string): string[] {
  return looseForm(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/**
 * The indices of the labels a sentence names as whole words. A label found only inside the
 * span of a longer named label does not count ("cat one" does not also name "cat").
 */
function labelsNamed(
  sentence: readonly string[],
  labels: readonly (readonly string[])[],
): number[] {
  const spans: { label: number; start: number; end: number }[] = [];
  labels.forEach((words, label) => {
    if (words.length === 0) return;
    for (let s = 0; s + words.length <= sentence.length; s++)
      if (words.every((w, k) => sentence[s + k] === w))
        spans.push({ label, start: s, end: s + words.length });
  });
  const kept = spans.filter(
    (f) =>
      !spans.some((g) => g.end - g.start > f.end - f.start && g.start <= f.start && f.end <= g.end),
  );
  return [...new Set(kept.map((f) => f.label))];
}
