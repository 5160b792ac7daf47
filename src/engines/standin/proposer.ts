import { readExampleBlocks, type ExampleBlock } from '../../core/optimizers/proposer-format';
import { findDate, detectDateFormat, dateFormatName, type DateFormat } from './date-skill';
import { readInstructionRules, writeKeywordRule, type KeywordRule } from './instruction-rules';
import type { Noise } from './noise';
import { contentTokens, mentions } from './text-features';

const FAILURE_WEIGHT = 2;
const MAX_KEYWORDS_PER_LABEL = 6;
/** Under the optimizer's default cap (600), so no rule is cut in half. */
const MAX_CHARS = 560;
const NUMERIC_DATE = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b/;

interface KeywordEvidence {
  token: string;
  field: string;
  label: string;
  score: number;
}

/**
 * The stand-in as the grounded proposer. It derives rules it can itself follow from the worked
 * examples and failures (keyword → label associations, the date format of the expected values,
 * day-first and two-digit-year conventions), keeps the rules of the current instruction that the
 * evidence does not contradict, picks a seeded, tip-dependent number of new ones, and writes
 * them in the recognized rule forms. It never sees anything but its own prompt.
 */
export function proposeInstruction(inputs: Record<string, string>, noise: Noise): string {
  const demos = readExampleBlocks(inputs.demos ?? '');
  const failures = readExampleBlocks(inputs.failures ?? '');
  const weighted = [
    ...demos.map((b) => ({ b, w: 1 })),
    ...failures.map((b) => ({ b, w: FAILURE_WEIGHT })),
  ];
  const current = inputs.current_instruction ?? '';
  const tip = inputs.tip ?? '';
  const history = inputs.previous_instructions ?? '';
  const outputKeys = Object.keys(weighted[0]?.b.expected ?? {}).filter((k) => k !== 'reasoning');
  const outputField = outputKeys[outputKeys.length - 1] ?? 'answer';

  for (let attempt = 0; attempt < 4; attempt++) {
    const pick = (name: string): number => noise.roll(`${name}:${attempt}`);
    const head: string[] = [opening(current)];
    let ruleGroups: RuleGroup[] = [];
    const tail: string[] = [];
    const labelLike = isLabelLike(weighted.map((x) => String(x.b.expected[outputField] ?? '')));
    if (labelLike) {
      const kept = readInstructionRules(current).keywordRules.filter(
        (r) => !contradicted(r, weighted, outputField) && pick(`keep:${r.answer}`) < 0.95,
      );
      const evidence = keywordEvidence(weighted, outputField);
      const wanted = newRuleCount(tip, pick('count'));
      const fresh = evidence.filter((e, i) => i < wanted * 2 && pick(`take:${e.token}`) < 0.7);
      ruleGroups = groupRules(kept, fresh.slice(0, wanted));
    }
    tail.push(
      ...dateRules(
        weighted.map((x) => x.b),
        outputField,
        pick,
      ),
    );
    if (pick('answer-only') < 0.75)
      tail.push(`Answer with the ${outputField.replace(/_/g, ' ')} only.`);
    const text = fitLength(head, ruleGroups, tail);
    if (!history.includes(text) && text !== current) return text;
  }
  return `${opening(current)} Answer with the ${outputField.replace(/_/g, ' ')} only, and nothing else.`;
}

function opening(current: string): string {
  const first = current.split(/(?<=[.!?])\s+/)[0] ?? '';
  return /^if the /i.test(first) || /^answer with/i.test(first) ? '' : first;
}

function isLabelLike(values: readonly string[]): boolean {
  const present = values.filter((v) => v !== '');
  if (present.length < 2) return false;
  if (present.some((v) => v.length > 30 || /^-?\d/.test(v) || detectDateFormat(v) !== null))
    return false;
  return new Set(present).size <= Math.max(2, Math.ceil(present.length * 0.7));
}

/** Words seen only with one expected label, strongest evidence first. */
function keywordEvidence(
  weighted: readonly { b: ExampleBlock; w: number }[],
  outputField: string,
): KeywordEvidence[] {
  const byToken = new Map<string, { field: string; labels: Map<string, number>; blocks: number }>();
  for (const { b, w } of weighted) {
    const label = b.expected[outputField];
    if (typeof label !== 'string' || label === '') continue;
    const seen = new Set<string>();
    for (const [field, value] of Object.entries(b.inputs))
      for (const token of contentTokens(String(value))) {
        if (seen.has(token) || /\d/.test(token)) continue;
        seen.add(token);
        const entry = byToken.get(token) ?? { field, labels: new Map(), blocks: 0 };
        entry.labels.set(label, (entry.labels.get(label) ?? 0) + w);
        entry.blocks++;
        byToken.set(token, entry);
      }
  }
  const out: KeywordEvidence[] = [];
  for (const [token, e] of byToken) {
    if (e.labels.size !== 1) continue;
    const [label, count] = [...e.labels.entries()][0] ?? ['', 0];
    out.push({ token, field: e.field, label, score: count + (e.blocks >= 2 ? 2 : 0) });
  }
  return out.sort((a, b) => b.score - a.score || a.token.localeCompare(b.token));
}

/** A kept rule is dropped when one of its keywords shows up with another expected label. */
function contradicted(
  rule: KeywordRule,
  weighted: readonly { b: ExampleBlock; w: number }[],
  outputField: string,
): boolean {
  return weighted.some(({ b }) => {
    const label = String(b.expected[outputField] ?? '');
    if (label.toLowerCase() === rule.answer.toLowerCase()) return false;
    const text = Object.values(b.inputs).map(String).join('\n');
    return rule.keywords.some((k) => mentions(text, k));
  });
}

function newRuleCount(tip: string, roll: number): number {
  const [low, high] = /short|concise|brief|simple/i.test(tip)
    ? [3, 5]
    : /detail|thorough|specific|comprehensive|creative|example/i.test(tip)
      ? [7, 12]
      : [5, 9];
  return low + Math.floor(roll * (high - low + 1));
}

interface RuleGroup {
  field: string;
  label: string;
  words: string[];
}

/** Joins the sentences, trimming keywords (then the opening) to stay under the length cap. */
function fitLength(head: readonly string[], groups: RuleGroup[], tail: readonly string[]): string {
  const join = (h: readonly string[]): string =>
    [...h, ...groups.map((g) => writeKeywordRule(g.field, g.words, g.label)), ...tail]
      .filter((s) => s !== '')
      .join(' ');
  let text = join(head);
  if (text.length > MAX_CHARS) text = join([]);
  while (text.length > MAX_CHARS) {
    const longest = [...groups].sort((a, b) => b.words.length - a.words.length)[0];
    if (!longest || longest.words.length <= 1) break;
    longest.words.pop();
    text = join([]);
  }
  return text;
}

function groupRules(kept: readonly KeywordRule[], fresh: readonly KeywordEvidence[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  const addWord = (field: string, label: string, word: string): void => {
    const key = `${field}\u0000${label}`;
    const g = groups.get(key) ?? { field, label, words: [] };
    if (!g.words.includes(word) && g.words.length < MAX_KEYWORDS_PER_LABEL) g.words.push(word);
    groups.set(key, g);
  };
  for (const r of kept) for (const k of r.keywords) addWord(r.field ?? 'input', r.answer, k);
  for (const e of fresh) addWord(e.field, e.label, e.token);
  return [...groups.values()];
}

/** Date rules, when the expected values are dates: format, day order, two-digit years. */
function dateRules(
  blocks: readonly ExampleBlock[],
  outputField: string,
  pick: (name: string) => number,
): string[] {
  const formats = new Map<DateFormat, number>();
  let dayFirst = 0;
  let monthFirst = 0;
  let nineteen = 0;
  let twenty = 0;
  for (const b of blocks) {
    const expected = String(b.expected[outputField] ?? '');
    const format = detectDateFormat(expected);
    if (!format) continue;
    formats.set(format, (formats.get(format) ?? 0) + 1);
    const gold = findDate(expected, { dayFirst: format === 'dmy-slash', century: 2000 });
    const m = NUMERIC_DATE.exec(Object.values(b.inputs).map(String).join('\n'));
    if (!gold || !m) continue;
    const a = Number(m[1]);
    const c = Number(m[2]);
    if (a !== c && a === gold.day && c === gold.month) dayFirst++;
    if (a !== c && a === gold.month && c === gold.day) monthFirst++;
    if ((m[3] ?? '').length === 2) {
      if (gold.year < 2000) nineteen++;
      else twenty++;
    }
  }
  const best = [...formats.entries()].sort((x, y) => y[1] - x[1])[0];
  if (!best) return [];
  const out = [`Write dates as ${dateFormatName(best[0])}.`];
  if (dayFirst + monthFirst > 0 && pick('day-order') < 0.8)
    out.push(
      dayFirst >= monthFirst
        ? 'Numeric dates are day-first (DD/MM/YYYY).'
        : 'Numeric dates are month-first (MM/DD/YYYY).',
    );
  if (nineteen + twenty > 0 && pick('century') < 0.8)
    out.push(`Two-digit years are in the ${nineteen >= twenty ? '1900s' : '2000s'}.`);
  return out;
}
