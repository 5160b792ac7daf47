import { readExampleBlocks, type ExampleBlock } from '../../core/optimizers/proposer-format';
import { findDate, detectDateFormat, dateFormatName, type DateFormat } from './date-skill';
import { readInstructionRules, writeKeywordRule } from './instruction-rules';
import { readDefinitions, writeDefinition } from './label-definitions';
import type { Noise } from './noise';
import { contentTokens, mentions } from './text-features';

/** Under the optimizer's default cap (600), so no rule is cut in half. */
const MAX_CHARS = 560;
const NUMERIC_DATE = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b/;

/**
 * How a simulated model writes instructions when it is the proposer. The mechanism is the same
 * for all (below); the style is what differs between models.
 */
export interface ProposerStyle {
  /** How many new label rules one proposal takes: [low, high] after a "short" tip, another tip, a "detailed" tip. */
  ruleCounts: readonly [
    readonly [number, number],
    readonly [number, number],
    readonly [number, number],
  ];
  maxKeywordsPerLabel: number;
  /** `If the x mentions "w", answer L.` rules, or `Answer L for texts about w.` definitions. */
  form: 'keyword-rules' | 'definitions';
  /** The share of label rules written loosely, in a phrasing that no simulated reader follows. */
  looseRate: number;
}

interface KeywordEvidence {
  token: string;
  field: string;
  label: string;
  seen: number;
}

interface RuleGroup {
  field: string;
  label: string;
  words: string[];
  loose: boolean;
}

/**
 * A simulated model as the grounded proposer. From the worked examples (demos and training
 * examples) and the failures its prompt shows (each counts once: a failure is the same evidence as a demo), it derives rules it
 * could follow — words seen with one expected label only, the date format of the expected values,
 * day-first and two-digit-year conventions — keeps the label rules of the current instruction
 * that no example contradicts, takes a seeded, tip-dependent number of new ones, and writes them
 * in its style. The label list it may use is the one the predictor description or the examples
 * show. With nothing to go on it can only repeat itself (a fixed fallback sentence).
 */
export function proposeInstruction(
  inputs: Record<string, string>,
  noise: Noise,
  style: ProposerStyle,
): string {
  const blocks = [
    ...readExampleBlocks(inputs.demos ?? ''),
    ...readExampleBlocks(inputs.training_examples ?? ''),
    ...readExampleBlocks(inputs.failures ?? ''),
  ];
  const current = inputs.current_instruction ?? '';
  const tip = inputs.tip ?? '';
  const history = inputs.previous_instructions ?? '';
  const outputKeys = Object.keys(blocks[0]?.expected ?? {}).filter((k) => k !== 'reasoning');
  const outputField = outputKeys[outputKeys.length - 1] ?? 'answer';
  const expected = blocks.map((b) => String(b.expected[outputField] ?? ''));
  const listed = listedLabels(inputs.predictor_description ?? '');
  const labels = [...new Set([...listed, ...expected])];
  const labelLike = isLabelLike(expected, listed);

  for (let attempt = 0; attempt < 4; attempt++) {
    const pick = (name: string): number => noise.roll(`${name}:${attempt}`);
    let groups: RuleGroup[] = [];
    if (labelLike) {
      const kept = keptRules(current, labels, style, blocks, outputField).filter(
        (r) => pick(`keep:${r.label}`) < 0.95,
      );
      const evidence = keywordEvidence(blocks, outputField, pick);
      const wanted = newRuleCount(style, tip, pick('rule-count'));
      const fresh = evidence.filter((e, i) => i < wanted * 2 && pick(`take:${e.token}`) < 0.7);
      groups = groupRules(kept, fresh.slice(0, wanted), style, pick);
    }
    const tail = dateRules(blocks, outputField, pick);
    if (pick('answer-only') < 0.75)
      tail.push(`Answer with the ${outputField.replace(/_/g, ' ')} only.`);
    const text = fitLength([opening(current)], groups, tail, style);
    if (!history.includes(text) && text !== current) return text;
  }
  return `${opening(current)} Answer with the ${outputField.replace(/_/g, ' ')} only, and nothing else.`.trim();
}

/** The labels a predictor description lists: `name [label (one of a, b, c)]`. */
function listedLabels(description: string): string[] {
  const m = /\(one of ([^)]*)\)/.exec(description);
  if (!m) return [];
  return (m[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function opening(current: string): string {
  const first = current.split(/(?<=[.!?])\s+/)[0] ?? '';
  if (/^if the /i.test(first) || /^answer /i.test(first) || first.includes(':')) return '';
  return first;
}

/** Expected values are labels when the predictor lists them, or when few distinct short ones recur. */
function isLabelLike(values: readonly string[], listed: readonly string[]): boolean {
  const present = values.filter((v) => v !== '');
  if (present.length < 2) return false;
  if (listed.length > 0 && present.every((v) => listed.includes(v))) return true;
  if (present.some((v) => v.length > 30 || /^-?\d/.test(v) || detectDateFormat(v) !== null))
    return false;
  return new Set(present).size <= Math.max(2, Math.ceil(present.length * 0.7));
}

/** The current instruction's label rules (in the model's own form) that no example contradicts. */
function keptRules(
  current: string,
  labels: readonly string[],
  style: ProposerStyle,
  blocks: readonly ExampleBlock[],
  outputField: string,
): KeywordEvidence[] {
  const rules =
    style.form === 'keyword-rules'
      ? readInstructionRules(current).keywordRules.map((r) => ({
          field: r.field ?? 'input',
          label: r.answer,
          words: r.keywords,
        }))
      : [...readDefinitions(current, labels)].map(([label, words]) => ({
          field: 'input',
          label,
          words: [...words],
        }));
  const out: KeywordEvidence[] = [];
  for (const r of rules)
    for (const token of r.words)
      if (!contradicted(token, r.label, blocks, outputField))
        out.push({ token, field: r.field, label: r.label, seen: 0 });
  return out;
}

/**
 * Words seen only with one expected label, the most often seen first; among words seen equally
 * often the order is a seeded draw (a model notices different words on different samples).
 */
function keywordEvidence(
  blocks: readonly ExampleBlock[],
  outputField: string,
  pick: (name: string) => number,
): KeywordEvidence[] {
  const byToken = new Map<string, { field: string; labels: Map<string, number> }>();
  for (const b of blocks) {
    const label = b.expected[outputField];
    if (typeof label !== 'string' || label === '') continue;
    const seen = new Set<string>();
    for (const [field, value] of Object.entries(b.inputs))
      for (const token of contentTokens(String(value))) {
        if (seen.has(token) || /\d/.test(token)) continue;
        seen.add(token);
        const entry = byToken.get(token) ?? { field, labels: new Map<string, number>() };
        entry.labels.set(label, (entry.labels.get(label) ?? 0) + 1);
        byToken.set(token, entry);
      }
  }
  const out: KeywordEvidence[] = [];
  for (const [token, e] of byToken) {
    if (e.labels.size !== 1) continue;
    const [label, seen] = [...e.labels.entries()][0] ?? ['', 0];
    out.push({ token, field: e.field, label, seen });
  }
  const draw = new Map(out.map((e) => [e.token, pick(`notice:${e.token}`)]));
  return out.sort((a, b) => b.seen - a.seen || (draw.get(a.token) ?? 0) - (draw.get(b.token) ?? 0));
}

/** A kept word is dropped when it shows up in an example with another expected label. */
function contradicted(
  word: string,
  label: string,
  blocks: readonly ExampleBlock[],
  outputField: string,
): boolean {
  return blocks.some((b) => {
    if (String(b.expected[outputField] ?? '').toLowerCase() === label.toLowerCase()) return false;
    return mentions(Object.values(b.inputs).map(String).join('\n'), word);
  });
}

function newRuleCount(style: ProposerStyle, tip: string, roll: number): number {
  const [short, normal, detailed] = style.ruleCounts;
  const [low, high] = /short|concise|brief|simple/i.test(tip)
    ? short
    : /detail|thorough|specific|comprehensive|creative|example/i.test(tip)
      ? detailed
      : normal;
  return low + Math.floor(roll * (high - low + 1));
}

function groupRules(
  kept: readonly KeywordEvidence[],
  fresh: readonly KeywordEvidence[],
  style: ProposerStyle,
  pick: (name: string) => number,
): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const e of [...kept, ...fresh]) {
    const key = `${e.field}\u0000${e.label}`;
    const g = groups.get(key) ?? {
      field: e.field,
      label: e.label,
      words: [],
      loose: pick(`loose:${e.label}`) < style.looseRate,
    };
    if (!g.words.includes(e.token) && g.words.length < style.maxKeywordsPerLabel)
      g.words.push(e.token);
    groups.set(key, g);
  }
  return [...groups.values()];
}

function writeGroup(g: RuleGroup, style: ProposerStyle): string {
  if (g.loose) return `Texts that talk about ${g.words.join(' or ')} are often ${g.label}.`;
  return style.form === 'definitions'
    ? writeDefinition(g.label, g.words)
    : writeKeywordRule(g.field, g.words, g.label);
}

/** Joins the sentences, trimming keywords (then the opening) to stay under the length cap. */
function fitLength(
  head: readonly string[],
  groups: RuleGroup[],
  tail: readonly string[],
  style: ProposerStyle,
): string {
  const join = (h: readonly string[]): string =>
    [...h, ...groups.map((g) => writeGroup(g, style)), ...tail].filter((s) => s !== '').join(' ');
  let text = join(head);
  if (text.length > MAX_CHARS) text = join([]);
  while (text.length > MAX_CHARS) {
    const longest = [...groups].sort((a, b) => b.words.length - a.words.length)[0];
    if (!longest || longest.words.length <= 1) {
      if (groups.length === 0) break;
      groups.pop();
    } else longest.words.pop();
    text = join([]);
  }
  return text;
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
