import { describe, expect, it } from 'vitest';
import type { LMRequest } from '../../../../src/core/lm';
import {
  renderExampleBlocks,
  type ExampleBlock,
} from '../../../../src/core/optimizers/proposer-format';
import {
  readInstructionRules,
  writeKeywordRule,
} from '../../../../src/engines/standin/instruction-rules';
import { Noise } from '../../../../src/engines/standin/noise';
import { proposeInstruction } from '../../../../src/engines/standin/proposer';
import { STANDIN_PROPOSER } from '../../../../src/engines/standin/standin-model';

const noiseFor = (seed: number): Noise =>
  new Noise(0, { messages: [], temperature: 1, topP: 1, maxTokens: 10, seed } satisfies LMRequest);

const ticket = (text: string, label: string, got?: string): ExampleBlock => ({
  inputs: { ticket: text },
  expected: { department: label },
  ...(got ? { got: { department: got } } : {}),
});

const demos: ExampleBlock[] = [
  ticket('My parcel never arrived.', 'shipping'),
  ticket('The parcel box was empty.', 'shipping'),
  ticket('Please send the invoice again.', 'billing'),
];
const failures: ExampleBlock[] = [
  ticket('I was promised a refund for the invoice.', 'billing', 'returns'),
  ticket('The app keeps freezing.', 'technical', 'billing'),
  ticket('Where is my parcel?', 'shipping', 'account'),
];

function propose(extra: Record<string, string> = {}, seed = 1): string {
  return proposeInstruction(
    {
      current_instruction: 'Route the ticket.',
      demos: renderExampleBlocks('Example', demos),
      failures: renderExampleBlocks('Failure', failures),
      previous_instructions: '(none yet)',
      tip: 'Make the instruction detailed and informative.',
      ...extra,
    },
    noiseFor(seed),
    STANDIN_PROPOSER,
  );
}

describe('proposeInstruction', () => {
  it('writes keyword rules the model recognizes, from the strongest evidence', () => {
    const text = propose();
    const rules = readInstructionRules(text).keywordRules;
    const parcel = rules.find((r) => r.keywords.includes('parcel'));
    expect(parcel?.answer).toBe('shipping');
    expect(rules.every((r) => ['shipping', 'billing', 'technical'].includes(r.answer))).toBe(true);
    expect(text.startsWith('Route the ticket.')).toBe(true);
  });

  it('drops a rule of the current instruction that the examples contradict, keeps others', () => {
    const current =
      'Route the ticket. If the ticket mentions "invoice", answer returns. If the ticket mentions "freezing", answer technical.';
    const rules = readInstructionRules(propose({ current_instruction: current })).keywordRules;
    expect(rules.some((r) => r.keywords.includes('invoice') && r.answer === 'returns')).toBe(false);
    expect(rules.some((r) => r.keywords.includes('freezing') && r.answer === 'technical')).toBe(
      true,
    );
  });

  it('varies with the seed and does not repeat an earlier instruction', () => {
    const texts = new Set([1, 2, 3, 4, 5, 6].map((s) => propose({}, s)));
    expect(texts.size).toBeGreaterThan(1);
    const first = propose({}, 1);
    expect(propose({ previous_instructions: `[score 50.0] ${first}` }, 1)).not.toBe(first);
  });

  it('derives date format, day order and century from date examples', () => {
    const blocks: ExampleBlock[] = [
      { inputs: { text: 'Signed on 04/03/2021.' }, expected: { date: '2021-03-04' } },
      { inputs: { text: 'Born 11/02/87.' }, expected: { date: '1987-02-11' } },
      { inputs: { text: 'Due March 5, 2020.' }, expected: { date: '2020-03-05' } },
    ];
    const found = new Set<string>();
    for (let s = 0; s < 10; s++) {
      const rules = readInstructionRules(
        proposeInstruction(
          {
            current_instruction: 'Find the date.',
            demos: renderExampleBlocks('Example', blocks),
            failures: '(none)',
          },
          noiseFor(s),
          STANDIN_PROPOSER,
        ),
      );
      expect(rules.dateFormat).toBe('iso');
      if (rules.dayFirst === true) found.add('day-first');
      if (rules.twoDigitCentury === 1900) found.add('1900s');
      expect(rules.dayFirst).not.toBe(false);
    }
    expect(found).toEqual(new Set(['day-first', '1900s']));
  });

  it('with no examples writes a format-only instruction', () => {
    const text = proposeInstruction(
      { current_instruction: 'Solve it.', demos: '(none)', failures: '(none)' },
      noiseFor(1),
      STANDIN_PROPOSER,
    );
    expect(readInstructionRules(text).keywordRules).toEqual([]);
    expect(text).toMatch(/^Solve it\./);
  });

  it('stays under the optimizer length cap, trimming keywords rather than whole rules', () => {
    const labels = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
    const current = [
      'Route the ticket to the right team, reading it carefully from start to end.',
      ...labels.map((label, l) =>
        writeKeywordRule(
          'ticket',
          Array.from(
            { length: 6 },
            (_, k) => `longkeyword${label}${String.fromCharCode(97 + k + l)}`,
          ),
          label,
        ),
      ),
    ].join(' ');
    expect(current.length).toBeGreaterThan(600);
    const text = proposeInstruction(
      {
        current_instruction: current,
        demos: '(none)',
        failures: renderExampleBlocks('Failure', failures),
      },
      noiseFor(3),
      STANDIN_PROPOSER,
    );
    expect(text.length).toBeLessThanOrEqual(600);
    const answers = new Set(readInstructionRules(text).keywordRules.map((r) => r.answer));
    expect(answers.size).toBeGreaterThanOrEqual(4);
  });
});
