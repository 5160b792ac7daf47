import type { AnswerCount } from '../../worker/api';

/** Fewer answers than this say too little about a model to warn about it. */
const MIN_ANSWERS = 10;

/**
 * A warning when most of a run's answers could not be read: they scored as wrong, and the
 * scores alone (0% everywhere) do not say that the model ignored the answer format. Null when
 * most answers were read.
 */
export function unreadableAnswersWarning(count: AnswerCount | undefined): string | null {
  if (!count) return null;
  const total = count.read + count.unreadable;
  if (total < MIN_ANSWERS || count.unreadable * 2 < total) return null;
  const share = count.unreadable === total ? 'None' : `Only ${count.read}`;
  return (
    `${share} of the model's ${total.toLocaleString('en-US')} answers in this run could be read: ` +
    `${count.unreadable.toLocaleString('en-US')} were not in the format the prompt asks for ` +
    '(say, one of the labels), so they scored as wrong, not as the model’s real skill. See what ' +
    'it writes on Try it. A model made to follow instructions (an “instruct” or chat model) ' +
    'usually keeps to the format; a model that thinks or explains first may run out of answer length.'
  );
}
