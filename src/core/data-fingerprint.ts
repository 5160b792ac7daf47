import type { Example } from './example';
import { jsonDigest } from './json-digest';

/** Which data a run used: the size of each split and one fingerprint of all three. */
export interface DataIdentity {
  trainExamples: number;
  validationExamples: number;
  testExamples: number;
  /** `sha256:` and the hex digest of the splits' example values, in order. */
  fingerprint: string;
}

/**
 * The identity of a task's data, so that whoever repeats a run can check they have the same
 * examples in the same splits and order (a run's minibatches and samples are drawn by
 * position, so the order matters too). Example ids are left out: they name rows, and an
 * import of the same file may number them differently.
 */
export function dataIdentity(splits: {
  train: readonly Example[];
  val: readonly Example[];
  test: readonly Example[];
}): DataIdentity {
  const values = (examples: readonly Example[]) => examples.map((e) => e.data);
  const digest = jsonDigest({
    train: values(splits.train),
    validation: values(splits.val),
    test: values(splits.test),
  });
  return {
    trainExamples: splits.train.length,
    validationExamples: splits.val.length,
    testExamples: splits.test.length,
    fingerprint: `sha256:${digest}`,
  };
}
