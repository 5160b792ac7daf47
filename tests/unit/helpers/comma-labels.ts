import { Signature } from '../../../src/core/signature';

/** A one-step signature whose label output has labels holding a comma ("Yes, definitely"). */
export function commaLabelSignature(
  labels: readonly string[] = ['Yes, definitely', 'No'],
): Signature {
  return new Signature({
    instruction: 'Say how sure the answer is.',
    inputs: [{ name: 'question', description: '', type: 'text' }],
    outputs: [{ name: 'reply', description: '', type: 'label', labels: [...labels] }],
  });
}
