import type { LabelMismatch } from '../../worker/api';
import { labelListText } from './label-list';

/** How many labels of each kind a note names before "and N more". */
const NAMED_LABELS = 5;

/**
 * What is wrong between a label field and the data's labels, in sentences (each kind of
 * mismatch names a few of its labels), and what the user can do about it. Not for a field
 * whose values read as free text (`tooMany`): that calls for a text field, not other labels.
 */
export function labelMismatchWords(m: LabelMismatch): { problems: string[]; advice: string } {
  const problems: string[] = [];
  if (m.unknown.length > 0)
    problems.push(
      `${m.examples} of ${m.total} examples have a “${m.field}” the program cannot answer: the data uses ${labelListText(m.unknown, NAMED_LABELS)}, but the program's labels are ${labelListText(m.labels, NAMED_LABELS) || 'none'}.`,
    );
  if (m.unused.length > 0)
    problems.push(
      `The program's ${m.unused.length === 1 ? 'label' : 'labels'} ${labelListText(m.unused, NAMED_LABELS)} for “${m.field}” ${m.unused.length === 1 ? 'is' : 'are'} in no example of the data: an answer with ${m.unused.length === 1 ? 'it' : 'one of them'} is never right.`,
    );
  return {
    problems,
    advice: `Edit the labels of “${m.field}” on the Program screen to match the data, or use the data's labels.`,
  };
}
