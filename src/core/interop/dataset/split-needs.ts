import type { SplitRatios } from './split';

/**
 * What a run needs of a dataset's split, said once for the Data form, the worker's import check
 * and the start of a run: COPA picks its demos from the training examples and scores every
 * candidate on the validation examples, so neither may be empty. The test examples serve only
 * the Results screen, so a split without them is allowed but said.
 */
export const SPLIT_NEEDS = {
  train: 'COPA picks its demos from the training examples',
  val: 'COPA scores every candidate on the validation examples',
} as const;

/** Said under a split whose test share is 0. */
export const NO_TEST_SET = 'No test set: Results will have nothing to score.';

/** Said on Results, and by the worker when asked to score an empty test set. */
export const NOTHING_TO_TEST =
  'This dataset has no test examples, so there is nothing to score on the test set. To evaluate on examples the run never saw, import the file again with a test share above 0 (a file of a few rows may leave none for testing whatever the share: add rows).';

/** The parts a run needs, with the part's name as a sentence starts it. */
const NEEDED: readonly { part: 'train' | 'val'; name: string }[] = [
  { part: 'train', name: 'Training' },
  { part: 'val', name: 'Validation' },
];

/** Why a share of 0 is refused, for the part whose share it is ("Training % must be …"). */
export function zeroShareProblem(part: 'train' | 'val', label: string): string {
  return `${label} must be above 0: ${SPLIT_NEEDS[part]}.`;
}

/** The shares of a split that a run could not use (a training or validation share of 0). */
export function zeroShareProblems(ratios: SplitRatios): string[] {
  return NEEDED.filter(({ part }) => ratios[part] === 0).map(({ part, name }) =>
    zeroShareProblem(part, `The ${name.toLowerCase()} share`),
  );
}

/**
 * Why a run cannot start on these splits, or null when it can: an empty training or validation
 * split (a file of one row, or a dataset imported before the form refused a share of 0).
 */
export function emptySplitProblem(sizes: { train: number; val: number }): string | null {
  const empty = NEEDED.filter(({ part }) => sizes[part] === 0);
  if (empty.length === 0) return null;
  const names = empty.map(({ name }) => name.toLowerCase()).join(' or ');
  const why = empty.map(({ part }) => SPLIT_NEEDS[part]).join('; ');
  return `This dataset has no ${names} examples: ${why}. Import the file again with a share above 0 for each (a file needs at least 2 rows).`;
}
