import { describe, expect, it } from 'vitest';
import { evaluate, type ExampleResult } from '../../../src/core/evaluate';
import { makeExample } from '../../../src/core/example';
import { exactMatch } from '../../../src/core/metrics';
import { Program, predict } from '../../../src/core/program';
import type { RunContext } from '../../../src/core/run-program';
import { MeteredLM } from '../../../src/core/usage';
import { kvAdapter } from '../helpers/kv-adapter';
import { ScriptedLM } from '../helpers/scripted-lm';

const program = new Program([predict('qa', 'question -> answer')]);
const examples = [
  makeExample('e1', { question: 'one', answer: '1' }),
  makeExample('e2', { question: 'two', answer: '2' }),
  makeExample('e3', { question: 'three', answer: '3' }),
  makeExample('e4', { question: 'four', answer: '4' }),
];
const metric = exactMatch('answer');

function ctx(lm: RunContext['lm'], extra: Partial<RunContext> = {}): RunContext {
  return { lm, adapter: kvAdapter, ...extra };
}

describe('evaluate', () => {
  it('scores every example in order and reports the mean', async () => {
    const lm = new ScriptedLM({
      'question: one': 'answer: 1',
      'question: two': 'answer: 2',
      'question: three': 'answer: 9',
      'question: four': 'answer: 4',
    });
    const seen: string[] = [];
    const result = await evaluate({
      program,
      examples,
      metric,
      ctx: ctx(lm),
      onProgress: (done, total, last) => seen.push(`${done}/${total}:${last.exampleId}`),
    });
    expect(result.stoppedReason).toBe('completed');
    expect(result.score).toBe(0.75);
    expect(result.total).toBe(4);
    expect(result.results.map((r) => [r.exampleId, r.score])).toEqual([
      ['e1', 1],
      ['e2', 1],
      ['e3', 0],
      ['e4', 1],
    ]);
    expect(result.results[2]).toMatchObject({
      prediction: { answer: '9' },
      parseFailure: false,
      error: null,
    });
    expect(result.results[0]?.trace).toHaveLength(1);
    expect(seen).toEqual(['1/4:e1', '2/4:e2', '3/4:e3', '4/4:e4']);
    // Only the program's inputs reach the model: the gold answer is never shown.
    expect(lm.requests.every((r) => !ScriptedLM.lastUser(r).includes('answer'))).toBe(true);
  });

  it('counts a parse failure apart from a wrong answer', async () => {
    // The retries after the unreadable answer (fed back as a new turn) get the fallback.
    const lm = new ScriptedLM(
      {
        'question: one': 'answer: 1',
        'question: two': 'I refuse to use the format',
        'question: three': 'answer: wrong',
        'question: four': 'answer: 4',
      },
      { fallback: 'I still refuse' },
    );
    const result = await evaluate({ program, examples, metric, ctx: ctx(lm), failureScore: 0 });
    expect(result.parseFailures).toBe(1);
    expect(result.errors).toBe(0);
    const [, unparsed, wrong] = result.results as [ExampleResult, ExampleResult, ExampleResult];
    expect(unparsed).toMatchObject({ parseFailure: true, prediction: null, score: 0 });
    expect(unparsed.error).toMatch(/answer/);
    expect(wrong).toMatchObject({ parseFailure: false, score: 0, error: null });
    expect(result.score).toBe(0.5);
  });

  it('uses failureScore for failed examples', async () => {
    const lm = new ScriptedLM(() => 'no format');
    const result = await evaluate({ program, examples, metric, ctx: ctx(lm), failureScore: 0.25 });
    expect(result.score).toBe(0.25);
    expect(result.parseFailures).toBe(4);
  });

  it('stops with max-errors after that many failures', async () => {
    const lm = new ScriptedLM(() => {
      throw new Error('engine crashed');
    });
    const result = await evaluate({ program, examples, metric, ctx: ctx(lm), maxErrors: 2 });
    expect(result.stoppedReason).toBe('max-errors');
    expect(result.results).toHaveLength(2);
    expect(result.errors).toBe(2);
    expect(result.results[0]?.error).toBe('engine crashed');
    expect(lm.calls).toBe(2);
  });

  it('records a constraint violation after the retries', async () => {
    const lm = new ScriptedLM(() => 'answer: 7');
    const result = await evaluate({
      program,
      examples: examples.slice(0, 1),
      metric,
      ctx: ctx(lm, { validate: () => 'The answer must be even.', maxRetries: 1 }),
    });
    expect(result.constraintViolations).toBe(1);
    expect(result.results[0]).toMatchObject({
      constraintViolation: true,
      parseFailure: false,
      error: 'The answer must be even.',
    });
    expect(lm.calls).toBe(2);
  });

  it('stops promptly when aborted and resolves with what finished', async () => {
    const controller = new AbortController();
    // The second call would hang for a minute unless the abort reaches the model.
    const slow = new ScriptedLM(() => 'answer: 1', {
      delayMs: (i) => (i === 1 ? 60_000 : 0),
    });
    const abortingDuringSecondCall: RunContext['lm'] = {
      id: slow.id,
      complete: (request, signal) => {
        const pending = slow.complete(request, signal);
        if (slow.calls === 2) setTimeout(() => controller.abort(), 0);
        return pending;
      },
    };
    const result = await evaluate({
      program,
      examples,
      metric,
      ctx: ctx(abortingDuringSecondCall),
      signal: controller.signal,
    });
    expect(result.stoppedReason).toBe('aborted');
    expect(result.results.map((r) => r.exampleId)).toEqual(['e1']);
    expect(result.score).toBe(1);
    expect(result.total).toBe(4);
    expect(slow.calls).toBe(2);
  });

  it('does not start when the signal is already aborted', async () => {
    const lm = new ScriptedLM(() => 'answer: 1');
    const controller = new AbortController();
    controller.abort();
    const result = await evaluate({
      program,
      examples,
      metric,
      ctx: ctx(lm, { signal: controller.signal }),
    });
    expect(result).toMatchObject({ stoppedReason: 'aborted', results: [], score: 0 });
    expect(lm.calls).toBe(0);
  });

  it('stops with budget when the budget is spent', async () => {
    const lm = new ScriptedLM(() => 'answer: 1');
    const metered = new MeteredLM(lm, { maxCalls: 2 });
    const result = await evaluate({ program, examples, metric, ctx: ctx(metered) });
    expect(result.stoppedReason).toBe('budget');
    expect(result.results).toHaveLength(2);
    expect(result.errors).toBe(0);
    expect(lm.calls).toBe(2);
  });

  it('treats a metric that throws as an error of that example', async () => {
    const lm = new ScriptedLM(() => 'answer: 1');
    const result = await evaluate({
      program,
      examples: examples.slice(0, 2),
      metric: (ex) => {
        if (ex.id === 'e2') throw new Error('metric broke');
        return 2; // out of range: clamped
      },
      ctx: ctx(lm),
    });
    expect(result.results.map((r) => r.score)).toEqual([1, 0]);
    expect(result.errors).toBe(1);
    expect(result.results[1]?.error).toBe('metric broke');
  });
});
