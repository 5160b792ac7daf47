import type { ConstraintSpec } from '../core/constraints';
import type { FieldValues } from '../core/example';
import { labelMatch } from '../core/metrics';
import { Program, predict } from '../core/program';
import type { Rng } from '../core/rng';
import { Signature } from '../core/signature';
import { generateSplits } from './splits';
import type { BuiltInTask, TaskMetadata } from './task';

export const TICKET_LABELS = ['billing', 'technical', 'account', 'shipping', 'returns'] as const;
type TicketLabel = (typeof TICKET_LABELS)[number];

/**
 * Words that mark each department. Only a few are "obvious" (a small model's prior knows them);
 * the rest must be learned from demos or stated as rules, and some mislead ("refund" is billing
 * here, "broken" is returns), so zero-shot routing is poor.
 */
const CUES: Record<TicketLabel, readonly string[]> = {
  billing: ['invoice', 'refund', 'charge', 'receipt', 'payment', 'overcharge', 'discount'],
  technical: ['app', 'crash', 'sync', 'error', 'update', 'screen', 'plugin'],
  account: ['profile', 'email', 'password', 'username', 'verification', 'login', 'settings'],
  shipping: ['parcel', 'tracking', 'courier', 'delivery', 'package', 'shipment', 'customs'],
  returns: ['exchange', 'broken', 'replacement', 'return', 'defect', 'warranty', 'size'],
};

const CLAUSES = [
  'There is a problem with the {cue}.',
  'I have a question about my {cue}.',
  'Can you check the {cue} for me?',
  'The {cue} is not what I expected.',
  'Something is wrong with the {cue} again.',
  'I need help with the {cue} as soon as possible.',
  'Nobody answered my last message about the {cue}.',
];
const SECOND_CLAUSES = ['It is also about the {cue}.', 'The {cue} seems affected too.'];
const DISTRACTORS = ['The {cue} was fine, by the way.', 'I have no issue with the {cue}.'];
const OPENERS = ['Hello,', 'Hi there,', 'Good morning,', 'Dear support,', 'Hey,', ''];
const CONTEXT = [
  'I bought the premium plan last month.',
  'I am using the desktop version.',
  'My order number is {n}.',
  'I have been a customer for {k} years.',
  'I wrote to you yesterday as well.',
  'This is urgent for my small business.',
  'My colleague had the same issue.',
  '',
  '',
];
const CLOSERS = [
  'Thanks.',
  'Please advise.',
  'Regards, {name}',
  'Thank you in advance.',
  'Looking forward to your reply.',
  '',
];
const NAMES = ['Anna', 'Ben', 'Carla', 'Dev', 'Emma', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas'];

const META: TaskMetadata = {
  id: 'ticket-routing',
  name: 'Support ticket routing',
  description:
    'Route a customer support ticket to one of five departments (billing, technical, account, shipping, returns). ' +
    'Department words are only partly obvious: some must be learned from examples or stated as rules.',
  sizes: { train: 60, val: 60, test: 100 },
  targetField: 'department',
  metricId: 'label_match',
  standInNote:
    'The stand-in routes by keyword rules in the instruction and by the labels of similar demos; both help.',
};
export const TICKET_ROUTING_META = META;

/** Zipf-like: the first cues of a department are common, the rest form a long tail. */
function pickCue(rng: Rng, cues: readonly string[]): string {
  const weights = cues.map((_, i) => 1 / (i + 1));
  let r = rng.next() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < cues.length; i++) {
    r -= weights[i] ?? 0;
    if (r < 0) return cues[i] ?? '';
  }
  return cues[cues.length - 1] ?? '';
}

function makeTicket(rng: Rng): FieldValues {
  const label = rng.pick(TICKET_LABELS);
  const cue = pickCue(rng, CUES[label]);
  const fill = (t: string, c = ''): string =>
    t
      .replace('{cue}', c)
      .replace('{n}', String(rng.int(1000, 9999)))
      .replace('{k}', String(rng.int(2, 9)))
      .replace('{name}', rng.pick(NAMES));
  const parts = [rng.pick(OPENERS), fill(rng.pick(CONTEXT)), fill(rng.pick(CLAUSES), cue)];
  if (rng.next() < 0.3) {
    const other = rng.pick(CUES[label].filter((c) => c !== cue));
    parts.push(fill(rng.pick(SECOND_CLAUSES), other));
  }
  if (rng.next() < 0.15) {
    const otherLabel = rng.pick(TICKET_LABELS.filter((l) => l !== label));
    parts.push(fill(rng.pick(DISTRACTORS), rng.pick(CUES[otherLabel])));
  }
  parts.push(fill(rng.pick(CLOSERS)));
  return { ticket: parts.filter((p) => p !== '').join(' '), department: label };
}

/** The support-ticket routing task (classification), generated from `seed`. */
export function buildTicketRouting(seed: number): BuiltInTask {
  const signature = new Signature({
    instruction: 'Route the support ticket to the department that should handle it.',
    inputs: [{ name: 'ticket', description: 'A message from a customer.', type: 'text' }],
    outputs: [
      {
        name: 'department',
        description: 'The department that should handle the ticket.',
        type: 'label',
        labels: [...TICKET_LABELS],
      },
    ],
  });
  const constraints: ConstraintSpec[] = [
    { kind: 'one-of', field: 'department', values: [...TICKET_LABELS] },
  ];
  return {
    ...META,
    seed,
    program: new Program([predict('route', signature)], 'Routes a support ticket to a department.'),
    metric: labelMatch('department'),
    constraints,
    splits: generateSplits(META.id, seed, META.sizes, 'ticket', makeTicket),
  };
}
