import { dateFormatNamedIn, type DateFormat } from './date-skill';

/** `If the <field> mentions "X" (or "Y"), answer <label>.` */
export interface KeywordRule {
  /** The input field the rule looks at, or null for any input. */
  field: string | null;
  keywords: string[];
  answer: string;
}

/** The rules the stand-in recognized in an instruction. Anything else in it is ignored. */
export interface InstructionRules {
  keywordRules: KeywordRule[];
  dateFormat: DateFormat | null;
  /** true: day-first; false: month-first; null: not stated. */
  dayFirst: boolean | null;
  twoDigitCentury: 1900 | 2000 | null;
  /** The instruction asks for the bare answer ("Answer with the label only."). */
  answerOnly: boolean;
}

const KEYWORD_RULE =
  /\bif the ([A-Za-z_][A-Za-z0-9_]*) (?:mentions|contains|says|talks about) ((?:"[^"\n]+"(?:\s*,\s*|\s+or\s+|\s*,\s*or\s+)?)+)\s*,?\s*(?:then\s+)?(?:answer|choose|pick|use|(?:the|its) [A-Za-z_]+ is)\s+"?([^".\n]+?)"?\s*(?:\.|\n|$)/gi;

/**
 * Reads the rule sentences the stand-in understands. These forms are the model's whole
 * "instruction following": a rule phrased any other way has no effect, as a real small model
 * often misses instructions it does not recognize.
 */
export function readInstructionRules(instruction: string): InstructionRules {
  const keywordRules: KeywordRule[] = [];
  for (const m of instruction.matchAll(KEYWORD_RULE)) {
    const keywords = [...(m[2] ?? '').matchAll(/"([^"\n]+)"/g)].map((k) => k[1] ?? '');
    const field = (m[1] ?? '').toLowerCase();
    keywordRules.push({
      field: field === 'input' || field === 'text' ? null : (m[1] ?? null),
      keywords: keywords.filter((k) => k.trim() !== ''),
      answer: (m[3] ?? '').trim(),
    });
  }
  let dateFormat: DateFormat | null = null;
  let dayFirst: boolean | null = null;
  let twoDigitCentury: 1900 | 2000 | null = null;
  let answerOnly = false;
  for (const sentence of instruction.split(/(?<=[.!?])\s+|\n+/)) {
    if (
      /\b(write|format|output|give|return|answer|express)\b/i.test(sentence) &&
      /date/i.test(sentence)
    )
      dateFormat = dateFormatNamedIn(sentence) ?? dateFormat;
    if (/day[- ]first|day before (the )?month/i.test(sentence)) dayFirst = true;
    if (/month[- ]first|month before (the )?day/i.test(sentence)) dayFirst = false;
    const century = /two[- ]digit years?\b[^.]*?\b(19|20)00s/i.exec(sentence);
    if (century) twoDigitCentury = century[1] === '19' ? 1900 : 2000;
    if (
      /\b(answer|reply|respond|output|write|give)\b/i.test(sentence) &&
      /\b(only|just|nothing else|no (other )?(text|explanation|prose|words))\b/i.test(sentence)
    )
      answerOnly = true;
  }
  return { keywordRules, dateFormat, dayFirst, twoDigitCentury, answerOnly };
}

/** Writes a keyword rule in the recognized form. */
export function writeKeywordRule(
  field: string,
  keywords: readonly string[],
  answer: string,
): string {
  const quoted = keywords.map((k) => `"${k}"`);
  const list =
    quoted.length <= 1
      ? (quoted[0] ?? '')
      : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return `If the ${field} mentions ${list}, answer ${answer}.`;
}

/**
 * How reliably a stated rule is followed: demos anchor an instruction (0.96 with two or more
 * demos, 0.8 without), and a long list of keyword rules is followed a little less well.
 */
export function ruleReliability(demoCount: number, keywordRuleCount: number): number {
  const base = demoCount >= 2 ? 0.96 : 0.8;
  return base - 0.015 * Math.max(0, keywordRuleCount - 8);
}
