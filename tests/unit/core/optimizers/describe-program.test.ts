import { describe, expect, it } from 'vitest';
import { describePredictor } from '../../../../src/core/optimizers/describe-program';
import { predict, Program } from '../../../../src/core/program';
import { commaLabelSignature } from '../../helpers/comma-labels';

describe('describePredictor', () => {
  it('lists labels holding a comma with `;` between them, so the proposer sees each label whole', () => {
    const program = new Program([predict('confirm', commaLabelSignature())]);
    expect(describePredictor(program, 'confirm')).toContain(
      'reply [label (one of Yes, definitely; No)]',
    );
  });
});
