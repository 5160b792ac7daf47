import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../src/core/adapters/chat-adapter';
import { ContextOverflowError, estimatePromptTokens } from '../../../src/core/context-guard';
import { evaluate } from '../../../src/core/evaluate';
import { predict } from '../../../src/core/program';
import { Program } from '../../../src/core/program';
import { buildRequest, runPredictor } from '../../../src/core/run-program';
import { ScriptedLM } from '../helpers/scripted-lm';

const demos = ['alpha', 'beta', 'gamma', 'delta'].map((w, i) => ({
  id: `d${i}`,
  data: { question: `${w} ${'word '.repeat(40)}`, answer: w },
  augmented: false,
}));
const qa = predict('qa', 'question -> answer', demos);
const answer = new ScriptedLM(() => '[[ ## answer ## ]]\nok');

/** The prompt tokens of the request with the first `k` demos. */
function tokensWith(k: number): number {
  const request = buildRequest(
    { ...qa, demos: demos.slice(0, k) },
    { question: 'q' },
    {
      adapter: chatAdapter,
    },
  );
  return estimatePromptTokens(request.messages) + request.maxTokens;
}

describe('context guard', () => {
  it('leaves a prompt that fits alone', async () => {
    const trims: number[] = [];
    const step = await runPredictor(
      qa,
      { question: 'q' },
      {
        lm: answer,
        adapter: chatAdapter,
        contextWindow: tokensWith(4),
        onContextTrim: (_p, n) => trims.push(n),
      },
    );
    expect(step.droppedDemos).toBeUndefined();
    expect(trims).toEqual([]);
  });

  it('drops the last demos until the prompt fits, and counts them', async () => {
    const lm = new ScriptedLM(() => '[[ ## answer ## ]]\nok');
    const trims: number[] = [];
    const step = await runPredictor(
      qa,
      { question: 'q' },
      {
        lm,
        adapter: chatAdapter,
        contextWindow: tokensWith(2),
        onContextTrim: (_p, n) => trims.push(n),
      },
    );
    expect(step.droppedDemos).toBe(2);
    expect(trims).toEqual([2]);
    const sent = lm.requests[0]!.messages.map((m) => m.content).join('\n');
    expect(sent).toContain('alpha');
    expect(sent).toContain('beta');
    expect(sent).not.toContain('gamma');
  });

  it('reads the window from the model when the context does not set it', async () => {
    const lm = Object.assign(new ScriptedLM(() => '[[ ## answer ## ]]\nok'), {
      contextWindow: tokensWith(1),
    });
    const step = await runPredictor(qa, { question: 'q' }, { lm, adapter: chatAdapter });
    expect(step.droppedDemos).toBe(3);
  });

  it('refuses a prompt that cannot fit without demos, with a clear error that stops evaluate', async () => {
    const lm = new ScriptedLM(() => '[[ ## answer ## ]]\nok');
    const err = await runPredictor(
      qa,
      { question: 'q' },
      {
        lm,
        adapter: chatAdapter,
        contextWindow: tokensWith(0) - 1,
      },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContextOverflowError);
    expect((err as Error).name).toBe('ContextOverflowError');
    expect((err as Error).message).toMatch(/context window/);
    expect(lm.calls).toBe(0);
    const evaluation = evaluate({
      program: new Program([qa]),
      examples: [{ id: 'e', data: { question: 'q', answer: 'ok' } }],
      metric: () => 1,
      ctx: { lm, adapter: chatAdapter, contextWindow: tokensWith(0) - 1 },
    });
    await expect(evaluation).rejects.toBeInstanceOf(ContextOverflowError);
  });
});
