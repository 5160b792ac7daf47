import { canonical } from './label-evidence';
import { tokenSet } from './text-features';

/**
 * Label definitions stated in an instruction, as the instruction follower reads them: a line
 * `<label>: <words>` (a glossary), or a sentence `<label> means <words>.`,
 * `<label> is for <words>.` or `Answer <label> for ... about <words>.` — for labels of the
 * allowed list only. The definition is kept as its content words, which the model matches
 * against the input.
 */

const GLOSSARY_LINE = /^\s*(?:[-*•]\s*)?"?([^":\n]{1,80}?)"?\s*:\s*(\S.*)$/;
const MEANS = /^\s*"?([^"\n]{1,80}?)"?\s+(?:means|is for|covers)\s+(\S.*)$/i;
const ANSWER_FOR =
  /^\s*answer\s+"?([^"\n]{1,80}?)"?\s+for\s+(?:\w+\s+){0,3}?(?:about|on|with|mentioning)\s+(\S.*)$/i;

export function readDefinitions(
  instruction: string,
  labels: readonly string[],
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (labels.length === 0) return out;
  for (const line of instruction.split('\n')) {
    const glossary = GLOSSARY_LINE.exec(line);
    const glossaryLabel = glossary ? canonical(labels, glossary[1]) : undefined;
    if (glossary && glossaryLabel !== undefined) {
      add(out, glossaryLabel, glossary[2] ?? '');
      continue;
    }
    for (const sentence of line.split(/(?<=[.!?;])\s+/)) {
      const m = MEANS.exec(sentence) ?? ANSWER_FOR.exec(sentence);
      const label = m ? canonical(labels, m[1]) : undefined;
      if (m && label !== undefined) add(out, label, m[2] ?? '');
    }
  }
  return out;
}

/** A definition in the form the instruction follower writes as a proposer. */
export function writeDefinition(label: string, words: readonly string[]): string {
  const list =
    words.length <= 1
      ? (words[0] ?? '')
      : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
  return `Answer ${label} for texts about ${list}.`;
}

function add(out: Map<string, Set<string>>, label: string, text: string): void {
  const words = out.get(label) ?? new Set<string>();
  for (const t of tokenSet(text)) words.add(t);
  if (words.size > 0) out.set(label, words);
}
