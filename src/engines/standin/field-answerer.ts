import { demoPairs, formatNumber, solveArithmetic } from './arithmetic-skill';
import { detectDateFormat, findDate, formatDate, dateFormatNamedIn } from './date-skill';
import type { DateFormat } from './date-skill';
import type { Behaviour } from './behaviour';
import type { InstructionRules } from './instruction-rules';
import type { Noise } from './noise';
import type { ReadField, ReadPrompt } from './prompt-reader';
import { overlap, tokenSet } from './text-features';

const REASONING = 'reasoning';
const COPY_SIMILARITY = 0.6;
const FEEDBACK_HEED_RATE = 0.5;

/** A simulated model's answer: a value (as text) for every output field. */
export function answerFields(
  behaviour: Behaviour,
  prompt: ReadPrompt,
  rules: InstructionRules,
  noise: Noise,
  temperature: number,
): Record<string, string> {
  const values: Record<string, string> = {};
  const reasons: string[] = [];
  for (const field of prompt.outputFields) {
    if (field.name === REASONING) continue;
    const { value, why } = answerField(behaviour, field, prompt, rules, noise, temperature);
    values[field.name] = value;
    reasons.push(`The ${field.name} is ${value} because ${why}.`);
  }
  const ordered: Record<string, string> = {};
  for (const field of prompt.outputFields)
    ordered[field.name] = field.name === REASONING ? reasons.join(' ') : (values[field.name] ?? '');
  return ordered;
}

function answerField(
  behaviour: Behaviour,
  field: ReadField,
  prompt: ReadPrompt,
  rules: InstructionRules,
  noise: Noise,
  temperature: number,
): { value: string; why: string } {
  const allInput = Object.values(prompt.inputs).join('\n');
  if (field.kind === 'label' && field.labels.length > 0) {
    const choice = behaviour.chooseLabel(field, prompt, rules, noise, temperature);
    return { value: choice.label, why: choice.why };
  }
  if (field.kind === 'number') {
    const solved = solveArithmetic(allInput, demoPairs(prompt.demos, field.name));
    return { value: formatNumber(solved.value), why: `of ${solved.how}` };
  }
  const reliability = behaviour.ruleReliability(prompt, rules);
  const follows = (rule: string): boolean => noise.roll(`rule:${rule}`) < reliability;
  const date = looksLikeDateField(field, prompt)
    ? findDate(allInput, {
        dayFirst: rules.dayFirst !== null && follows('day-order') ? rules.dayFirst : false,
        century:
          rules.twoDigitCentury !== null && follows('century') ? rules.twoDigitCentury : 2000,
      })
    : null;
  if (date) {
    const format = wantedDateFormat(field, prompt, rules, follows, noise);
    return {
      value: format ? formatDate(date, format) : date.raw,
      why: format ? `the text gives the date ${date.raw}` : 'that is how the text writes it',
    };
  }
  const nearest = nearestDemoOutput(prompt, field.name, allInput);
  if (nearest && nearest.sim >= COPY_SIMILARITY)
    return { value: nearest.output, why: 'a very similar example had it' };
  if (field.kind === 'list') return { value: '[]', why: 'nothing was found' };
  if (field.kind === 'json') return { value: '{}', why: 'nothing was found' };
  return { value: allInput.split('\n')[0]?.slice(0, 200) ?? '', why: 'the input says so' };
}

function looksLikeDateField(field: ReadField, prompt: ReadPrompt): boolean {
  if (/date|day|when/i.test(`${field.name} ${field.description}`)) return true;
  return prompt.demos.some((d) => detectDateFormat(d.outputs[field.name] ?? '') !== null);
}

/** Feedback beats the instruction, which beats the demos' majority; null = as written. */
function wantedDateFormat(
  field: ReadField,
  prompt: ReadPrompt,
  rules: InstructionRules,
  follows: (rule: string) => boolean,
  noise: Noise,
): DateFormat | null {
  // A small model heeds a format named in a complaint about its answer only some of the time.
  const fromFeedback = prompt.feedback ? dateFormatNamedIn(prompt.feedback) : null;
  if (fromFeedback && noise.roll('heed-feedback') < FEEDBACK_HEED_RATE) return fromFeedback;
  if (rules.dateFormat && follows('date-format')) return rules.dateFormat;
  const counts = new Map<DateFormat, number>();
  for (const d of prompt.demos) {
    const f = detectDateFormat(d.outputs[field.name] ?? '');
    if (f) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : dateFormatNamedIn(field.description);
}

function nearestDemoOutput(
  prompt: ReadPrompt,
  field: string,
  input: string,
): { output: string; sim: number } | null {
  const query = tokenSet(input);
  let best: { output: string; sim: number } | null = null;
  for (const d of prompt.demos) {
    const output = d.outputs[field];
    if (output === undefined) continue;
    const sim = overlap(query, tokenSet(Object.values(d.inputs).join('\n')));
    if (!best || sim > best.sim) best = { output, sim };
  }
  return best;
}
