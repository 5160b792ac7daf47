import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../src/core/adapters/chat-adapter';
import { evaluate } from '../../../src/core/evaluate';
import { makeExample } from '../../../src/core/example';
import { llmJudge } from '../../../src/core/llm-judge';
import type { LMRequest } from '../../../src/core/lm';
import { modelCallsPerScore } from '../../../src/core/metric';
import { makeMetric } from '../../../src/core/metrics';
import { estimateCopaCost } from '../../../src/core/optimizers/cost-estimate';
import { Program, predict } from '../../../src/core/program';
import { MeteredLM } from '../../../src/core/usage';
import { ScriptedLM } from '../helpers/scripted-lm';

const program = new Program([predict('qa', 'question -> answer')]);
const example = makeExample('e1', { question: 'Capital of France?', answer: 'Paris' });

/** Answers the program's question with `answer`, and the judge with `verdict`. */
function model(answer: string, verdict: (request: LMRequest) => string): ScriptedLM {
  return new ScriptedLM((request) =>
    ScriptedLM.lastUser(request).includes('expected_answer')
      ? verdict(request)
      : `[[ ## answer ## ]]\n${answer}`,
  );
}

describe('llmJudge', () => {
  const judge = llmJudge('answer');
  /** The program run on the one example with `lm`, scored by the judge asking `lm`. */
  const judged = (lm: ScriptedLM) =>
    evaluate({ program, examples: [example], metric: judge, ctx: { lm, adapter: chatAdapter } });

  it('spends no call when the answer is the gold one in other case or punctuation, or missing', async () => {
    const lm = new ScriptedLM(() => 'yes');
    const context = { lm, adapter: chatAdapter };
    expect(await judge(example, { answer: ' paris. ' }, undefined, context)).toBe(1);
    expect(await judge(example, { answer: '' }, undefined, context)).toBe(0);
    expect(await judge(example, {}, undefined, context)).toBe(0);
    expect(lm.calls).toBe(0);
  });

  it("asks the model with the program's inputs, the gold answer and the answer, and reads its yes or no", async () => {
    const yes = model('The capital is Paris, of course', () => 'Yes.');
    const scored = await judged(yes);
    expect(scored.score).toBe(1);
    expect(yes.calls).toBe(2);
    const asked = ScriptedLM.lastUser(yes.requests[1]!);
    expect(asked).toContain('question: Capital of France?');
    expect(asked).toContain('Paris');
    expect(asked).toContain('The capital is Paris, of course');
    // Greedy and under its own rollout, so a prediction is judged once and then read from the cache.
    expect(yes.requests[1]).toMatchObject({ temperature: 0, rolloutId: 'llm-judge' });

    // "no" named as a whole word, with "correct" in the sentence, is a no.
    const no = model('Lyon', () => 'No, that answer is not correct.');
    const wrong = await judged(no);
    expect(wrong.score).toBe(0);
    expect(wrong.results[0]?.error).toBeFalsy();
  });

  it("counts a verdict it cannot read as the judge's error, not the program's unreadable answer", async () => {
    const lm = model('Lyon', () => 'Hmm, hard to say.');
    const scored = await judged(lm);
    expect(scored.score).toBe(0);
    expect(scored.parseFailures).toBe(0);
    expect(scored.errors).toBe(1);
    expect(scored.results[0]?.error).toMatch(/judge's verdict .* could not be read/);
  });

  it("spends the run's budget: the judge's calls count, and a budget spent in one stops the evaluation", async () => {
    const lm = new MeteredLM(
      model('Lyon', () => 'no'),
      { maxCalls: 3 },
    );
    const examples = [
      example,
      makeExample('e2', { question: 'Capital of Spain?', answer: 'Madrid' }),
    ];
    const scored = await evaluate({
      program,
      examples,
      metric: judge,
      ctx: { lm, adapter: chatAdapter },
    });
    // Answer, verdict, answer; the second verdict would be the fourth call.
    expect(scored.stoppedReason).toBe('budget');
    expect(scored.results).toHaveLength(1);
  });

  it('is a built-in metric, and the cost estimate counts one more call per scored run', () => {
    const metric = makeMetric('llm_judge', 'answer');
    expect(modelCallsPerScore(metric)).toBe(1);
    expect(modelCallsPerScore(makeMetric('exact_match', 'answer'))).toBe(0);
    const examples = Array.from({ length: 20 }, (_, i) =>
      makeExample(`e${i}`, { question: `q${i}`, answer: `a${i}` }),
    );
    const task = { program, trainset: examples, valset: examples };
    const compared = estimateCopaCost({ ...task, metric: makeMetric('exact_match', 'answer') });
    const judged = estimateCopaCost({ ...task, metric });
    // Every program run is scored, so the judge adds about as many calls as the runs; the
    // proposals are not scored.
    expect(judged.lmCalls).toBeGreaterThan(1.8 * compared.lmCalls);
    expect(judged.lmCalls).toBeLessThan(2 * compared.lmCalls);
  });
});
