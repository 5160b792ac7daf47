import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../../src/core/adapters/chat-adapter';
import { makeExample, pickFields } from '../../../../src/core/example';
import { DEFAULT_SAMPLING, type ChatMessage } from '../../../../src/core/lm';
import { StandInModel } from '../../../../src/engines/standin/standin-model';
import { getTask } from '../../../../src/tasks/index';
import { TICKET_LABELS } from '../../../../src/tasks/ticket-routing';
import { configure, failureBlocks, proposeWith, score } from './harness';

/**
 * What the stand-in learns from its prompt, measured on the built-in tasks' test splits with
 * the tasks' constraints (retries on). The comments give the figures measured when written.
 */
const lm = new StandInModel({ seed: 11 });

const TICKET_RULES =
  'Route the support ticket to the department that should handle it. ' +
  'If the ticket mentions "invoice", "refund", "charge", "receipt" or "payment", answer billing. ' +
  'If the ticket mentions "app", "crash", "sync", "error" or "update", answer technical. ' +
  'If the ticket mentions "profile", "email", "password", "username" or "verification", answer account. ' +
  'If the ticket mentions "parcel", "tracking", "courier", "delivery" or "package", answer shipping. ' +
  'If the ticket mentions "exchange", "broken", "replacement", "return" or "defect", answer returns. ' +
  'Answer with the department only.';

const DATE_RULES =
  'Find the date in the text. Write dates as YYYY-MM-DD. Numeric dates are day-first (DD/MM/YYYY). ' +
  'Two-digit years are in the 1900s. Answer with the date only.';

describe('the stand-in learns from its prompt (ticket routing)', () => {
  const task = getTask('ticket-routing');
  const { train, test } = task.splits;

  it('zero-shot knows only the label names: it guesses, unless the input says a name', async () => {
    const zero = (await score(task, lm, test)).score;
    expect(zero).toBeLessThan(0.4); // chance is 0.2; the tickets never say a department's name
    const naming = TICKET_LABELS.map((label, i) =>
      makeExample(`n${i}`, {
        ticket: `Please pass this on to ${label}, thanks.`,
        department: label,
      }),
    );
    expect((await score(task, lm, naming)).score).toBe(1);
  });

  it('copies the label of a demo that is the query itself', async () => {
    const demos = train.slice(0, 8);
    const onDemos = (await score(task, lm, demos, { demos })).score;
    const zero = (await score(task, lm, demos)).score;
    expect(onDemos).toBeGreaterThan(0.8);
    expect(onDemos).toBeGreaterThan(zero + 0.3);
  });

  it('stated keyword rules raise accuracy; the same rules in another phrasing do nothing', async () => {
    const base = (await score(task, lm, test)).score;
    const rules = (await score(task, lm, test, { instruction: TICKET_RULES })).score;
    const unrecognized = TICKET_RULES.replace(/If the ticket mentions/g, 'Tickets about').replace(
      /, answer/g,
      ' belong to',
    );
    const other = (await score(task, lm, test, { instruction: unrecognized })).score;
    expect(rules).toBeGreaterThan(base + 0.25);
    expect(other).toBeLessThan(base + 0.05);
  });

  it('rules and demos together beat either alone', async () => {
    const demos = train.slice(0, 8);
    const demosOnly = (await score(task, lm, test, { demos })).score;
    const rulesOnly = (await score(task, lm, test, { instruction: TICKET_RULES })).score;
    const both = (await score(task, lm, test, { instruction: TICKET_RULES, demos })).score;
    expect(both).toBeGreaterThan(Math.max(demosOnly, rulesOnly));
  });

  it('as proposer, shown demos and failures, writes an instruction that raises accuracy', async () => {
    const demos = train.slice(0, 4);
    const probe = train.slice(4, 40);
    const before = await score(task, lm, probe, { demos });
    const failures = failureBlocks(task, probe, before, 8);
    const withDemos = (await score(task, lm, test, { demos })).score;
    // A proposal is one sample: across several, most raise accuracy and they do on average.
    const gains: number[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const instruction = await proposeWith(lm, task, demos, failures, { seed });
      expect(instruction).toMatch(/If the ticket mentions "/);
      gains.push((await score(task, lm, test, { demos, instruction })).score - withDemos);
    }
    expect(gains.filter((g) => g > 0).length).toBeGreaterThanOrEqual(3);
    expect(gains.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});

describe('the stand-in as proposer reads every example block of its prompt', () => {
  const task = getTask('ticket-routing');
  it('writes rules from training examples as from demos, and none from nothing', async () => {
    const examples = task.splits.train.slice(0, 12);
    const fromExamples = await proposeWith(lm, task, [], [], {
      seed: 2,
      trainingExamples: examples,
    });
    expect(fromExamples).toMatch(/If the ticket mentions "/);
    const fromNothing = await proposeWith(lm, task, [], [], { seed: 2 });
    expect(fromNothing).not.toMatch(/mentions "/);
  });
});

describe('the stand-in learns from its prompt (date normalization)', () => {
  const task = getTask('date-normalization');
  const { train, test } = task.splits;

  it('demos teach the output format; stated conventions fix ambiguous dates', async () => {
    const zero = (await score(task, lm, test)).score;
    const demos = (await score(task, lm, test, { demos: train.slice(0, 4) })).score;
    const rules = (await score(task, lm, test, { instruction: DATE_RULES })).score;
    const both = (
      await score(task, lm, test, { instruction: DATE_RULES, demos: train.slice(0, 4) })
    ).score;
    expect(zero).toBeGreaterThan(0.1);
    expect(demos).toBeGreaterThan(zero + 0.1);
    expect(rules).toBeGreaterThan(demos + 0.15);
    expect(both).toBeGreaterThanOrEqual(rules);
    expect(both).toBeGreaterThan(0.9);
  });

  it('as proposer, derives the date conventions from failures', async () => {
    const demos = train.slice(0, 4);
    const probe = train.slice(4, 40);
    const failures = failureBlocks(task, probe, await score(task, lm, probe, { demos }), 8);
    const instruction = await proposeWith(lm, task, demos, failures, { seed: 1 });
    expect(instruction).toContain('Write dates as YYYY-MM-DD.');
    const withDemos = (await score(task, lm, test, { demos })).score;
    const withBoth = (await score(task, lm, test, { demos, instruction })).score;
    expect(withBoth).toBeGreaterThan(withDemos + 0.1);
  });
});

describe('the stand-in on word problems (weak by design)', () => {
  const task = getTask('word-problems');

  it('copies the operation of a similar demo, so demos help, but it stays far from perfect', async () => {
    const zero = (await score(task, lm, task.splits.test)).score;
    const demos = (
      await score(task, lm, task.splits.test, { demos: task.splits.train.slice(0, 8) })
    ).score;
    expect(demos).toBeGreaterThan(zero + 0.2);
    expect(demos).toBeLessThan(0.85); // two-step problems always fail
  });
});

describe('format slips and constraint feedback', () => {
  const task = getTask('ticket-routing');
  const examples = [...task.splits.train, ...task.splits.val, ...task.splits.test];
  const wellFormed = new RegExp(
    `^\\[\\[ ## department ## \\]\\]\\n(${TICKET_LABELS.join('|')})(\\n\\n\\[\\[ ## completed ## \\]\\])?$`,
  );

  /**
   * Raw answers that are not the marker and a bare label (the model's own slips, before any
   * lenient reading), asked plainly or as a retry after constraint feedback.
   */
  async function slips(demos: number, afterFeedback: boolean): Promise<number> {
    const step = configure(task, { demos: task.splits.train.slice(0, demos) }).steps[0]!;
    let count = 0;
    for (const e of examples) {
      const inputs = pickFields(
        e.data,
        step.signature.inputs.map((f) => f.name),
      );
      const asked = chatAdapter.format(step.signature, step.demos, inputs);
      const messages: ChatMessage[] = afterFeedback
        ? [
            ...asked,
            { role: 'assistant', content: '[[ ## department ## ]]\nsales' },
            {
              role: 'user',
              content: `Your answer broke a rule: department must be one of ${TICKET_LABELS.join(', ')}. Answer again, following the same format.`,
            },
          ]
        : asked;
      const { text } = await lm.complete({ ...DEFAULT_SAMPLING, messages });
      if (!wellFormed.test(text.trim())) count++;
    }
    return count;
  }

  it('slips happen zero-shot, fewer with demos, and retries with feedback remove most', async () => {
    const zeroShot = await slips(0, false);
    expect(zeroShot).toBeGreaterThan(5);
    expect(await slips(4, false)).toBeLessThan(zeroShot);
    expect(await slips(0, true)).toBeLessThan(zeroShot / 3);
  });

  it('a retry after a date-format complaint switches to the named format', async () => {
    const dates = getTask('date-normalization');
    const noRetries = await score(dates, lm, dates.splits.test, { constraints: false });
    const retries = await score(dates, lm, dates.splits.test);
    expect(retries.score).toBeGreaterThan(noRetries.score + 0.1);
  });
});
