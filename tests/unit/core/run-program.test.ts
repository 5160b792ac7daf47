import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../src/core/adapters/chat-adapter';
import { marker } from '../../../src/core/adapters/markers';
import { Program, chainOfThought, predict } from '../../../src/core/program';
import {
  ConstraintFailure,
  buildRequest,
  isParseFailure,
  runProgram,
  type RunContext,
} from '../../../src/core/run-program';
import { kvAdapter } from '../helpers/kv-adapter';
import { ScriptedLM } from '../helpers/scripted-lm';

const twoHop = new Program([
  predict('search', 'question -> query'),
  predict('answer', 'question, query -> answer'),
]);

function ctx(lm: RunContext['lm'], extra: Partial<RunContext> = {}): RunContext {
  return { lm, adapter: kvAdapter, ...extra };
}

describe('runProgram', () => {
  it('feeds earlier outputs forward and returns every step’s outputs', async () => {
    const lm = new ScriptedLM((r) =>
      ScriptedLM.lastUser(r).includes('query:') ? 'answer: Paris' : 'query: capital of France',
    );
    const run = await runProgram(twoHop, { question: 'Where?', unused: 'x' }, ctx(lm));
    expect(run.prediction).toEqual({ query: 'capital of France', answer: 'Paris' });
    expect(run.trace.map((t) => t.predictor)).toEqual(['search', 'answer']);
    expect(run.trace[1]?.inputs).toEqual({ question: 'Where?', query: 'capital of France' });
    expect(ScriptedLM.lastUser(lm.requests[1]!)).toBe('question: Where?\nquery: capital of France');
    expect(run.trace[0]?.inputs).toEqual({ question: 'Where?' });
  });

  it('passes temperature, rolloutId and the signal to the model', async () => {
    const controller = new AbortController();
    let seenSignal: AbortSignal | undefined;
    const lm = new ScriptedLM(() => 'query: q\nanswer: a');
    const spy: RunContext['lm'] = {
      id: lm.id,
      complete: (request, signal) => {
        seenSignal = signal;
        return lm.complete(request, signal);
      },
    };
    await runProgram(
      twoHop,
      { question: 'x' },
      ctx(spy, { temperature: 0.7, rolloutId: 'r3', seed: 5, signal: controller.signal }),
    );
    expect(lm.requests).toHaveLength(2);
    for (const r of lm.requests)
      expect(r).toMatchObject({ temperature: 0.7, rolloutId: 'r3', seed: 5 });
    expect(seenSignal).toBe(controller.signal);
  });

  it('uses the default sampling settings and omits rolloutId when unset', () => {
    const request = buildRequest(
      twoHop.predictor('search'),
      { question: 'x' },
      { adapter: kvAdapter },
    );
    expect(request).toMatchObject({ temperature: 0, topP: 1, seed: 0 });
    expect('rolloutId' in request).toBe(false);
  });

  it('retries a constraint violation with the violation fed back, then succeeds', async () => {
    const lm = new ScriptedLM((_r, i) =>
      i === 0 ? 'query: way too long a query' : 'query: short',
    );
    const violations: string[] = [];
    const program = new Program([predict('search', 'question -> query')]);
    const run = await runProgram(
      program,
      { question: 'q' },
      ctx(lm, {
        validate: (_p, out) =>
          String(out.query).length > 10 ? 'Keep the query under 10 characters.' : null,
        onViolation: (_p, message) => violations.push(message),
      }),
    );
    expect(run.prediction).toEqual({ query: 'short' });
    expect(violations).toEqual(['Keep the query under 10 characters.']);
    const retry = lm.requests[1]!;
    expect(retry.messages.at(-2)).toEqual({
      role: 'assistant',
      content: 'query: way too long a query',
    });
    expect(retry.messages.at(-1)?.content).toContain('Keep the query under 10 characters.');
    expect(run.trace[0]?.messages).toEqual(retry.messages);
  });

  it('throws ConstraintViolationError after the retries are used up', async () => {
    const lm = new ScriptedLM(() => 'query: always wrong');
    const program = new Program([predict('search', 'question -> query')]);
    const attempt = runProgram(
      program,
      { question: 'q' },
      ctx(lm, { validate: () => 'Never right.', maxRetries: 2 }),
    );
    await expect(attempt).rejects.toBeInstanceOf(ConstraintFailure);
    await expect(attempt).rejects.toMatchObject({
      name: 'ConstraintViolationError',
      predictor: 'search',
      rawText: 'query: always wrong',
    });
    expect(lm.calls).toBe(3);
  });

  it('lets a parse failure through as a ParseError', async () => {
    const lm = new ScriptedLM(() => 'no fields here');
    const error = await runProgram(twoHop, { question: 'q' }, ctx(lm)).catch((e: unknown) => e);
    expect(isParseFailure(error)).toBe(true);
    expect(isParseFailure(new Error('other'))).toBe(false);
  });

  it('does not call the model when the signal is already aborted', async () => {
    const lm = new ScriptedLM(() => 'query: q');
    const controller = new AbortController();
    controller.abort();
    await expect(
      runProgram(twoHop, { question: 'q' }, ctx(lm, { signal: controller.signal })),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(lm.calls).toBe(0);
  });

  it('runs ChainOfThought with the chat adapter, keeping reasoning out of the prediction', async () => {
    const lm = new ScriptedLM(
      () =>
        `${marker('reasoning')}\nIt is 2 + 2.\n\n${marker('answer')}\n4\n\n${marker('completed')}`,
    );
    const program = new Program([chainOfThought('solve', 'question -> answer: number')]);
    const run = await runProgram(
      program,
      { question: 'What is 2 + 2?' },
      { lm, adapter: chatAdapter },
    );
    expect(run.prediction).toEqual({ answer: 4 });
    expect(run.trace[0]?.outputs.reasoning).toBe('It is 2 + 2.');
  });
});
