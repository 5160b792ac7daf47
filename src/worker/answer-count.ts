import type { Adapter } from '../core/adapters/adapter';
import { isParseFailure } from '../core/run-program';
import { PROPOSER_SIGNATURE } from '../core/optimizers/proposer-format';
import type { FieldValues } from '../core/example';
import type { Signature } from '../core/signature';
import type { AnswerCount } from './api';

const outputNames = (signature: Signature): string =>
  signature.outputs.map((f) => f.name).join(',');
const PROPOSER_OUTPUTS = outputNames(PROPOSER_SIGNATURE);

/**
 * A label output that is none of the labels: the model wrote something else than an answer
 * (the adapter keeps such text as it is, for the constraint check to send it back).
 */
function namesNoLabel(signature: Signature, fields: FieldValues): boolean {
  return signature.outputs.some(
    (f) =>
      f.type === 'label' &&
      f.labels !== undefined &&
      f.labels.length > 0 &&
      !f.labels.includes(String(fields[f.name] ?? '')),
  );
}

/**
 * Wraps an adapter to count the answers it reads and those it cannot. A model that rambles or
 * ignores the answer format scores zero everywhere, and without this count a run of such
 * answers looks like a run of wrong ones.
 */
export function countingAnswers(adapter: Adapter): { adapter: Adapter; count: AnswerCount } {
  const count: AnswerCount = { read: 0, unreadable: 0 };
  const counting: Adapter = {
    ...adapter,
    parse: (signature, text) => {
      // The instruction proposer answers through the adapter too; its answers are not the task's.
      if (outputNames(signature) === PROPOSER_OUTPUTS) return adapter.parse(signature, text);
      try {
        const fields = adapter.parse(signature, text);
        if (namesNoLabel(signature, fields)) count.unreadable++;
        else count.read++;
        return fields;
      } catch (err) {
        if (isParseFailure(err)) count.unreadable++;
        throw err;
      }
    },
  };
  return { adapter: counting, count };
}
