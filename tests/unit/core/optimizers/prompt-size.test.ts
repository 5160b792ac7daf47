import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../../../src/core/adapters/adapter';
import { chatAdapter } from '../../../../src/core/adapters/chat-adapter';
import {
  estimateCopaCost,
  estimateCopaCycles,
} from '../../../../src/core/optimizers/cost-estimate';
import { chatTokens } from '../../../../src/core/lm';
import { measurePromptSize } from '../../../../src/core/optimizers/prompt-size';
import { ASSUMED_UNWRITTEN_TOKENS } from '../../../../src/core/optimizers/unwritten-outputs';
import { chainOfThought, Program, predict } from '../../../../src/core/program';
import { OUTPUT_TOKENS } from '../../../../src/core/output-limit';
import { Signature } from '../../../../src/core/signature';

const program = new Program([
  predict('route', Signature.parse('ticket -> department: label[billing|technical]')),
]);
const examples = Array.from({ length: 8 }, (_, i) => ({
  id: `e${i}`,
  data: { ticket: `Ticket number ${i}: ${'words '.repeat(10 + i)}`, department: 'billing' },
}));

/** The chat adapter with a long fixed preamble, as a wordier prompt format would have. */
const wordy: Adapter = {
  ...chatAdapter,
  format: (sig, demos, inputs) => {
    const [system, ...rest] = chatAdapter.format(sig, demos, inputs);
    return [
      { role: 'system', content: `${'Follow the rules. '.repeat(200)}${system!.content}` },
      ...rest,
    ];
  },
};

describe('prompt sizes measured from formatted prompts', () => {
  it("measures a call's prompt and what a demo adds, as the adapter formats them", () => {
    const size = measurePromptSize(program, chatAdapter, examples.slice(0, 1))!;
    const inputs = { ticket: examples[0]!.data.ticket };
    const bare = chatAdapter.format(program.steps[0]!.signature, [], inputs);
    expect(size.baseTokens).toBe(chatTokens(bare));
    const withDemo = chatAdapter.format(
      program.steps[0]!.signature,
      [{ data: examples[0]!.data, augmented: false }],
      inputs,
    );
    expect(size.demoTokens).toBe(chatTokens(withDemo) - chatTokens(bare));
    expect(measurePromptSize(program, chatAdapter, [])).toBeNull();
  });

  it("measures a demo's answer turn, long for a free-text output", () => {
    const size = measurePromptSize(program, chatAdapter, examples.slice(0, 1))!;
    const withDemo = chatAdapter.format(
      program.steps[0]!.signature,
      [{ data: examples[0]!.data, augmented: false }],
      { ticket: examples[0]!.data.ticket },
    );
    expect(size.answerTokens).toBe(chatTokens(withDemo.filter((m) => m.role === 'assistant')));
    const summarize = new Program([predict('sum', Signature.parse('text -> summary'))]);
    const long = [{ id: 'a', data: { text: 'x', summary: 'A summary sentence. '.repeat(40) } }];
    expect(measurePromptSize(summarize, chatAdapter, long)!.answerTokens).toBeGreaterThan(200);
  });

  it('the cost estimate follows the measured prompt, not a guessed boilerplate size', () => {
    const task = { program, trainset: examples, valset: examples };
    const guessed = estimateCopaCost(task);
    const lean = estimateCopaCost({
      ...task,
      promptSize: measurePromptSize(program, chatAdapter, examples),
    });
    const long = estimateCopaCost({
      ...task,
      promptSize: measurePromptSize(program, wordy, examples),
    });
    expect(lean.lmCalls).toBe(guessed.lmCalls);
    // The preamble's ~900 tokens are in every program call's prompt.
    const programCalls = long.lmCalls - 5 * 3; // all but the proposer's calls (5 per cycle)
    expect(long.promptTokens - lean.promptTokens).toBeGreaterThan(850 * programCalls);
    expect(guessed.promptTokens).toBeLessThan(long.promptTokens / 2);
  });

  /** A task whose demos are most of each call's prompt. */
  const demoHeavy = {
    program,
    trainset: examples,
    valset: examples,
    promptSize: { baseTokens: 100, demoTokens: 500 },
  };

  it('demos beyond the demo token budget are not counted', () => {
    const task = demoHeavy;
    const capped = estimateCopaCost(task, { demoTokenBudget: 1000 });
    const roomy = estimateCopaCost(task, { demoTokenBudget: 100_000 });
    expect(capped.promptTokens).toBeLessThan(roomy.promptTokens);
  });

  it('a prompt phase that comes first is priced without demos: the same calls, fewer tokens', () => {
    const task = demoHeavy;
    const demosFirst = estimateCopaCycles(task, { cycles: 2, startWith: 'compilation' });
    const promptFirst = estimateCopaCycles(task, { cycles: 2, startWith: 'prompt' });
    expect(promptFirst.total.lmCalls).toBe(demosFirst.total.lmCalls);
    expect(promptFirst.firstCycle?.lmCalls).toBe(demosFirst.firstCycle?.lmCalls);
    expect(promptFirst.firstCycle?.promptTokens ?? 0).toBeLessThan(
      demosFirst.firstCycle?.promptTokens ?? 0,
    );
    // From the second cycle on, both orders run their prompt phases with demos.
    const secondCycle = (e: typeof demosFirst) =>
      e.total.promptTokens - (e.firstCycle?.promptTokens ?? 0);
    expect(secondCycle(promptFirst)).toBe(secondCycle(demosFirst));
  });

  describe('a chain of thought, whose reasoning the data lacks', () => {
    const sig = 'question -> answer: number';
    const questions = examples.map((e, i) => ({
      id: e.id,
      data: { question: e.data.ticket, answer: i },
    }));
    const cot = new Program([chainOfThought('solve', sig)]);
    const plain = new Program([predict('solve', sig)]);
    const reasoningDemo = (words: number) => ({
      data: { question: 'q', reasoning: 'step '.repeat(words).trim(), answer: 1 },
      augmented: true,
    });

    it("counts the reasoning in every call's answer: assumed, or as the demos show it", () => {
      const perCall = (program: Program) => {
        const e = estimateCopaCost({ program, trainset: questions, valset: questions });
        return (e.completionTokens - 60 * 5 * 3) / (e.lmCalls - 5 * 3);
      };
      // 3 cycles of 5 proposals (60 tokens each) aside, every call writes the reasoning too.
      expect(perCall(cot) - perCall(plain)).toBeCloseTo(ASSUMED_UNWRITTEN_TOKENS.reasoning, 5);
      // Demos that carry their reasoning (an optimized or imported program) tell its length:
      // 'step ' × 200 is 999 characters, 250 tokens at four characters each.
      const shown = new Program([chainOfThought('solve', sig, [reasoningDemo(200)])]);
      expect(perCall(shown) - perCall(plain)).toBeCloseTo(250, 5);
      // Never more than a call may write for it.
      const wordy = new Program([chainOfThought('solve', sig, [reasoningDemo(2000)])]);
      expect(perCall(wordy) - perCall(plain)).toBeCloseTo(OUTPUT_TOKENS.reasoning, 5);
    });

    it("plans a call's answer with the reasoning, and formats the prompt as a run does", () => {
      const withReasoning = measurePromptSize(cot, chatAdapter, questions)!;
      const without = measurePromptSize(plain, chatAdapter, questions)!;
      expect(withReasoning.answerTokens! - without.answerTokens!).toBeGreaterThanOrEqual(
        ASSUMED_UNWRITTEN_TOKENS.reasoning,
      );
      // The reasoning field is one of the prompt's outputs, described in the system message.
      expect(withReasoning.baseTokens).toBeGreaterThan(without.baseTokens);
      // A reasoning field the data holds is measured from it, not assumed.
      const held = new Program([predict('solve', 'question -> reasoning, answer: number')]);
      const data = questions.map((q) => ({ ...q, data: { ...q.data, reasoning: 'because' } }));
      expect(measurePromptSize(held, chatAdapter, data)!.answerTokens).toBeLessThan(
        ASSUMED_UNWRITTEN_TOKENS.reasoning,
      );
    });
  });
});
