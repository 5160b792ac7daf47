import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../../src/core/adapters/chat-adapter';
import { EngineFailureError, EngineFailureGuard } from '../../../../src/core/engine-failures';
import { evaluate } from '../../../../src/core/evaluate';
import { Program, predict } from '../../../../src/core/program';
import { runPredictor } from '../../../../src/core/run-program';
import { Signature } from '../../../../src/core/signature';
import {
  SimulatedEngine,
  type SimulatedEngineOptions,
} from '../../../../src/engines/webllm/simulated-engine';
import { WebLLMModel } from '../../../../src/engines/webllm/webllm-model';

const route = predict(
  'route',
  Signature.parse('ticket -> department: label[billing|technical|account]'),
);
const answerBilling: SimulatedEngineOptions['answer'] = () => ({ department: 'billing' });
const demos = Array.from({ length: 6 }, (_, i) => ({
  id: `d${i}`,
  data: { ticket: `Demo ticket ${i}: ${'words '.repeat(60)}`, department: 'billing' },
  augmented: false,
}));

function model(opts: Partial<SimulatedEngineOptions> = {}, contextWindow?: number) {
  const engine = new SimulatedEngine({ answer: answerBilling, ...opts });
  const lm = new WebLLMModel(engine, 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC', {
    ...(contextWindow !== undefined ? { contextWindow } : {}),
  });
  return { engine, lm };
}

describe('the real WebLLM wrapper driven by a simulated small model', () => {
  it('a rambling model costs no more than the output limit, and its answer is read', async () => {
    const { engine, lm } = model();
    const step = await runPredictor(
      route,
      { ticket: 'charged twice' },
      { lm, adapter: chatAdapter },
    );
    expect(step.outputs).toEqual({ department: 'billing' });
    const sent = engine.requests[0]!;
    expect(sent.stop).toEqual(['[[ ## completed ## ]]']);
    expect(sent.max_tokens).toBeLessThanOrEqual(48);
    expect(lm.summary().completionTokens).toBeLessThanOrEqual(sent.max_tokens ?? 0);
  });

  it('a thinking model (simulated Qwen3) answers a label call only with its thinking turned off', async () => {
    const thinking = (thinkingOff: boolean) => {
      const engine = new SimulatedEngine({ answer: answerBilling, thinks: () => true });
      const lm = new WebLLMModel(engine, 'Qwen3-0.6B-q4f16_1-MLC', { thinkingOff });
      return { engine, lm };
    };
    const off = thinking(true);
    const step = await runPredictor(
      route,
      { ticket: 'charged twice' },
      { lm: off.lm, adapter: chatAdapter },
    );
    expect(step.outputs).toEqual({ department: 'billing' });
    expect(off.engine.calls).toBe(1);
    // Left on, the thinking spends the label's allowance: what is read is no label (scored 0).
    const on = thinking(false);
    const wrong = await runPredictor(
      route,
      { ticket: 'charged twice' },
      { lm: on.lm, adapter: chatAdapter },
    );
    expect(wrong.rawText).toMatch(/^<think>/);
    expect(wrong.outputs).not.toEqual({ department: 'billing' });
  });

  it('reads an answer without its output marker', async () => {
    const { engine, lm } = model({ style: 'no-output-marker' });
    const step = await runPredictor(
      route,
      { ticket: 'charged twice' },
      { lm, adapter: chatAdapter },
    );
    expect(step.outputs).toEqual({ department: 'billing' });
    expect(engine.calls).toBe(1);
  });

  it('retries an answer that echoes the input markers, afresh, and reads the retry', async () => {
    const { engine, lm } = model({ style: (call) => (call === 0 ? 'echo-markers' : 'marked') });
    const step = await runPredictor(
      route,
      { ticket: 'charged twice' },
      { lm, adapter: chatAdapter },
    );
    expect(step.outputs).toEqual({ department: 'billing' });
    expect(engine.calls).toBe(2);
    // The retry extends the first conversation: the chat is reset so no stale KV cache is reused.
    expect(engine.resets).toBe(1);
    const retry = engine.requests[1]!.messages;
    expect(String(retry[retry.length - 1]?.content)).toMatch(/^Your answer broke a rule/);
  });

  it('a prompt over the context window is refused by the engine, and trimmed when the window is known', async () => {
    const withDemos = { ...route, demos };
    const bare = model({}, undefined);
    const err = await runPredictor(
      withDemos,
      { ticket: 'x' },
      {
        lm: new WebLLMModel(
          new SimulatedEngine({ answer: answerBilling, contextWindow: 400 }),
          'm',
        ),
        adapter: chatAdapter,
      },
    ).catch((e: unknown) => e);
    expect((err as Error).name).toBe('ContextTooLongError');
    expect(bare.engine.calls).toBe(0);

    const guarded = model({ contextWindow: 400 }, 400);
    const trims: number[] = [];
    const step = await runPredictor(
      withDemos,
      { ticket: 'x' },
      {
        lm: guarded.lm,
        adapter: chatAdapter,
        onContextTrim: (_p, n) => trims.push(n),
      },
    );
    expect(step.outputs).toEqual({ department: 'billing' });
    expect(step.droppedDemos).toBeGreaterThan(0);
    expect(step.droppedDemos).toBeLessThan(demos.length);
    expect(trims).toEqual([step.droppedDemos]);
  });

  it('a persistently failing engine stops evaluate with a named error', async () => {
    const { engine, lm } = model({ failOn: (call) => (call >= 2 ? 'DeviceLostError' : null) });
    const examples = Array.from({ length: 8 }, (_, i) => ({
      id: String(i),
      data: { ticket: `ticket ${i}`, department: 'billing' },
    }));
    const err = await evaluate({
      program: new Program([route]),
      examples,
      metric: () => 1,
      ctx: { lm: new EngineFailureGuard(lm, 3), adapter: chatAdapter },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineFailureError);
    expect((err as Error).message).toMatch(/GPUDeviceLostError/);
    expect(engine.calls).toBe(5);
  });
});
