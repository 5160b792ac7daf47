import { describe, expect, it } from 'vitest';
import { describePredictor } from '../../../../src/core/optimizers/describe-program';
import { predict, Program } from '../../../../src/core/program';
import { Signature } from '../../../../src/core/signature';

describe('describePredictor', () => {
  it('lists labels holding a comma with `;` between them, so the proposer sees each label whole', () => {
    const program = new Program([
      predict(
        'confirm',
        new Signature({
          instruction: 'Say how sure the answer is.',
          inputs: [{ name: 'question', description: '', type: 'text' }],
          outputs: [
            { name: 'reply', description: '', type: 'label', labels: ['Yes, definitely', 'No'] },
          ],
        }),
      ),
    ]);
    expect(describePredictor(program, 'confirm')).toContain(
      'reply [label (one of Yes, definitely; No)]',
    );
  });
});
