import type { ConstraintSpec } from '../core/constraints';
import type { FieldValues } from '../core/example';
import { exactMatch } from '../core/metrics';
import { Program, predict } from '../core/program';
import type { Rng } from '../core/rng';
import { Signature } from '../core/signature';
import { generateSplits } from './splits';
import type { BuiltInTask, TaskMetadata } from './task';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Sentences from a (European) office's mail: numeric dates are day-first, `yy` years are 19yy. */
const SENTENCES = [
  'The meeting with the supplier was moved to {date}.',
  'Please note that the invoice is due on {date}.',
  'Our office will be closed on {date}.',
  'The contract was signed on {date} by both parties.',
  'Mr. Keller was born on {date}.',
  'The archive box is labelled {date}.',
  'We received your letter dated {date}.',
  'The warranty started on {date}.',
  'Her first day at the company was {date}.',
  'The parcel left the warehouse on {date}.',
];

const META: TaskMetadata = {
  id: 'date-normalization',
  name: 'Date normalization',
  description:
    'Find the date in a sentence and write it as YYYY-MM-DD. The office writes numeric dates day-first ' +
    '(04/03/2021 is 4 March) and two-digit years mean the 1900s — conventions that must be stated.',
  sizes: { train: 60, val: 60, test: 100 },
  targetField: 'date',
  metricId: 'exact_match',
  standInNote:
    'The stand-in learns the output format from demos, but reads 04/03/2021 day-first and 12/05/87 as 1987 only when the instruction says so.',
};
export const DATE_NORMALIZATION_META = META;

function makeDateSentence(rng: Rng): FieldValues {
  const roll = rng.next();
  const twoDigit = roll < 0.25;
  const year = twoDigit ? rng.int(1950, 1999) : rng.int(1985, 2030);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const dd = String(day).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  const name = MONTHS[month - 1] ?? 'January';
  let written: string;
  if (twoDigit) written = `${rng.pick([dd, String(day)])}/${mm}/${String(year).slice(2)}`;
  else if (roll < 0.55)
    written = `${rng.pick([dd, String(day)])}/${rng.pick([mm, String(month)])}/${year}`;
  else if (roll < 0.65) written = `${dd}.${mm}.${year}`;
  else if (roll < 0.82) written = `${rng.pick([name, name.slice(0, 3)])} ${day}, ${year}`;
  else written = `${day}${ordinal(day)} of ${name} ${year}`;
  return {
    text: rng.pick(SENTENCES).replace('{date}', written),
    date: `${year}-${mm}-${dd}`,
  };
}

function ordinal(n: number): string {
  if (n % 10 === 1 && n !== 11) return 'st';
  if (n % 10 === 2 && n !== 12) return 'nd';
  if (n % 10 === 3 && n !== 13) return 'rd';
  return 'th';
}

/** The date normalization task (rule-based normalization), generated from `seed`. */
export function buildDateNormalization(seed: number): BuiltInTask {
  const signature = new Signature({
    instruction: 'Find the date in the text.',
    inputs: [{ name: 'text', description: 'A sentence that mentions one date.', type: 'text' }],
    outputs: [{ name: 'date', description: 'The date in the text.', type: 'text' }],
  });
  const constraints: ConstraintSpec[] = [
    {
      kind: 'regex',
      field: 'date',
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: 'a date written as YYYY-MM-DD',
    },
  ];
  return {
    ...META,
    seed,
    program: new Program(
      [predict('normalize', signature)],
      'Finds the date in a sentence and normalizes it.',
    ),
    metric: exactMatch('date'),
    constraints,
    splits: generateSplits(META.id, seed, META.sizes, 'text', makeDateSentence),
  };
}
