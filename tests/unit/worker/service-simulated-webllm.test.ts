import { describe, expect, it } from 'vitest';
import type { ChatCompletionMessageParam } from '@mlc-ai/web-llm';
import { REAL_MODEL_PRESET } from '../../../src/core/real-model-preset';
import { SimulatedRuntime } from '../../../src/engines/webllm/simulated-runtime';
import type { SimulatedEngineOptions } from '../../../src/engines/webllm/simulated-engine';
import { getTask } from '../../../src/tasks/index';
import { runTimeWords } from '../../../src/ui/lib/run-time';
import { createCopaService } from '../../../src/worker/service';
import { adapterEnv, deps } from './fakes';
import { freshProfile, tabStorage, TICKET_TASK, smallRun } from './storage-fixtures';

// The real worker path (catalog, load, warm-up, runs through WebLLMModel and the guards) with
// a simulated small model in place of WebLLM's engine: no GPU, no weights.
const task = TICKET_TASK;
const small = smallRun(3);
const QWEN = 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC';
const WARM_UP_CALLS = 2;

/** Answers ticket routing from the data's own labels (a model that knows the task). */
const knows: SimulatedEngineOptions['answer'] = (() => {
  const t = getTask('ticket-routing');
  const gold = new Map(
    [...t.splits.train, ...t.splits.val, ...t.splits.test].map((e) => [
      String(e.data.ticket),
      String(e.data.department),
    ]),
  );
  return (messages: readonly ChatCompletionMessageParam[]): Record<string, string> => {
    const system = String(messages[0]?.content ?? '');
    if (!system.includes('`department`'))
      return { proposed_instruction: `Route the ticket (${messages.length}).` };
    // The input is the last ticket shown (a retry's feedback comes after it).
    const tickets = messages
      .filter((m) => m.role === 'user')
      .map((m) => /\[\[ ## ticket ## \]\]\n([^\n]*)/.exec(String(m.content))?.[1])
      .filter((t): t is string => t !== undefined);
    return { department: gold.get(tickets.at(-1) ?? '') ?? 'billing' };
  };
})();

/** Like `knows`, but sends every shipping ticket to returns: a run never reaches 100%. */
const confusesShipping: SimulatedEngineOptions['answer'] = (messages) => {
  const answer = knows(messages);
  return answer.department === 'shipping' ? { department: 'returns' } : answer;
};

function service(options: Partial<SimulatedEngineOptions> = {}, deviceMemoryGB?: number) {
  const runtime = new SimulatedRuntime({ answer: knows, ...options });
  const env = {
    ...adapterEnv({ f16: true }),
    ...(deviceMemoryGB !== undefined ? { deviceMemoryGB } : {}),
  };
  return { runtime, service: createCopaService(deps(env, runtime)) };
}

/** Adds a model by address (as the Model screen's form does) and loads it. */
async function addAndLoad(s: ReturnType<typeof service>['service'], modelId: string) {
  await s.addCustomModel({
    modelId,
    modelUrl: `https://simulated.invalid/${modelId}`,
    modelLibUrl: `https://simulated.invalid/${modelId}.wasm`,
  });
  return s.loadModel(modelId);
}

describe('the worker with a simulated WebLLM engine', () => {
  it('measures the model speed after loading, and gives the run in minutes before it starts', async () => {
    const { runtime, service: s } = service();
    await s.loadModel(QWEN);
    const speed = await s.modelSpeed();
    expect(speed).toMatchObject({ prefillTokensPerS: 300, decodeTokensPerS: 40 });
    expect(runtime.engines[0]!.calls).toBe(WARM_UP_CALLS);
    // The warm-up is not part of the model's usage, and it leaves no conversation behind.
    expect((await s.modelUsage())?.calls).toBe(0);
    expect(runtime.engines[0]!.resets).toBeGreaterThanOrEqual(2);
    const overview = await s.taskOverview({ task, config: REAL_MODEL_PRESET });
    const words = runTimeWords(overview.estimate, { standIn: false, speed }, 20 * 60_000);
    expect(words.duration).toMatch(/^about \d+ min$|h$/);
    expect(words.basis).toMatch(/measured on this machine/);
    // The time is the calls' tokens at the measured speeds, not a count of calls.
    const seconds = overview.estimate.promptTokens / 300 + overview.estimate.completionTokens / 40;
    expect(words.duration).toBe(
      seconds >= 5400
        ? `about ${(seconds / 3600 + (speed!.secondsPerCall * overview.estimate.lmCalls) / 3600).toFixed(1)} h`
        : `about ${Math.round((seconds + speed!.secondsPerCall * overview.estimate.lmCalls) / 60)} min`,
    );
  });

  it("plans a run's time budget from the warm-up's speed before its first call", async () => {
    const { service: s } = service();
    await s.loadModel(QWEN);
    // Ten minutes at the measured 300 tokens/s cannot hold five demo sets scored on ticket
    // routing's validation set and a prompt phase after them (the simulated engine itself
    // answers at once, so only the measured speed can tell).
    const config = { ...small, demoCandidates: 5, budget: { maxWallMs: 10 * 60_000 } };
    const outcome = await s.startRun({ task, config }, () => undefined);
    const first = outcome.result.history[0];
    expect(first?.kind).toBe('compilation');
    expect(first?.candidates.length).toBeLessThan(5);
  });

  it('marks catalog models too large for the GPU memory the device can give', async () => {
    const { service: s } = service({}, 4);
    const catalog = await s.catalog();
    expect(catalog.memoryBudgetMB).toBe(2048);
    const phi = catalog.entries.find((e) => e.modelId.startsWith('Phi-3.5'));
    expect(phi).toMatchObject({ tooLarge: true, fitNote: expect.stringMatching(/Too large/) });
    expect(catalog.entries.find((e) => e.modelId === QWEN)).toMatchObject({ tooLarge: false });
    expect(catalog.defaultModelId).toBe(QWEN);
  });

  it('a rambling model costs no more than the output limit, and its answers are read', async () => {
    const { runtime, service: s } = service();
    await s.loadModel(QWEN);
    const outcome = await s.startRun({ task, config: small }, () => undefined);
    expect(outcome.status).toBe('finished');
    expect(outcome.result.baselineScore).toBeGreaterThan(0.9);
    const engine = runtime.engines[0]!;
    const sent = engine.requests.slice(WARM_UP_CALLS);
    const usage = await s.modelUsage();
    expect(usage?.calls).toBe(sent.length);
    // The simulated model keeps talking after every answer; the stop marker and max_tokens cut it.
    const allowed = sent.reduce((n, r) => n + (r.max_tokens ?? 0), 0);
    expect(usage!.completionTokens).toBeLessThanOrEqual(allowed);
    const labelCalls = sent.filter((r) => String(r.messages[0]?.content).includes('`department`'));
    expect(labelCalls.every((r) => (r.max_tokens ?? 512) <= 48)).toBe(true);
    expect(usage!.completionTokens / usage!.calls).toBeLessThan(48);
  });

  it('a thinking model (Qwen3) runs with its thinking off on every call, warm-up and proposer included', async () => {
    // Not always right, so the run goes on to a phase that asks the proposer.
    const { runtime, service: s } = service({ answer: confusesShipping });
    const catalog = await s.catalog();
    const qwen3 = catalog.entries.find((e) => e.modelId === 'Qwen3-0.6B-q4f16_1-MLC');
    expect(qwen3).toMatchObject({ thinking: true, tooLarge: false });
    await s.loadModel('Qwen3-0.6B-q4f16_1-MLC');
    expect(await s.modelSpeed()).toMatchObject({ decodeTokensPerS: 40 });
    const config = { ...small, cycles: 2 };
    const outcome = await s.startRun({ task, config }, () => undefined);
    expect(outcome.status).toBe('finished');
    // Its answers are read: only the shipping tickets it confuses are wrong.
    expect(outcome.result.baselineScore).toBeGreaterThan(0.6);
    const sent = runtime.engines[0]!.requests;
    const proposer = sent.filter((r) =>
      String(r.messages[0]?.content).includes('`proposed_instruction`'),
    );
    expect(proposer.length).toBeGreaterThan(0);
    expect(sent.every((r) => r.extra_body?.enable_thinking === false)).toBe(true);

    // Another model is sent no thinking setting.
    const other = service({ answer: confusesShipping });
    await other.service.loadModel(QWEN);
    const same = await other.service.startRun({ task, config }, () => undefined);
    expect(same.result.baselineScore).toBe(outcome.result.baselineScore);
    expect(other.runtime.engines[0]!.requests.some((r) => r.extra_body !== undefined)).toBe(false);
  });

  it('a model added by address that thinks is found so by its warm-up, and runs with its thinking off', async () => {
    const { runtime, service: s } = service({ answer: confusesShipping });
    // Qwen3 4B thinks; its Instruct-2507 release (below) does not, though the ids start alike.
    const status = await addAndLoad(s, 'Qwen3-4B-q4f32_1-MLC');
    expect(status).toMatchObject({ kind: 'webllm', thinkingOff: 'warm-up' });
    // The warm-up's first call showed the thinking; the measured one had it off, as a run will.
    const [first, measured] = runtime.engines[0]!.requests;
    expect(first?.extra_body).toBeUndefined();
    expect(measured?.extra_body).toEqual({ enable_thinking: false });
    expect(await s.modelSpeed()).toMatchObject({ decodeTokensPerS: 40 });
    const outcome = await s.startRun({ task, config: { ...small, cycles: 2 } }, () => undefined);
    expect(outcome.status).toBe('finished');
    // Its answers are read: only the shipping tickets it confuses are wrong.
    expect(outcome.result.baselineScore).toBeGreaterThan(0.6);
    const sent = runtime.engines[0]!.requests.slice(WARM_UP_CALLS);
    const proposer = sent.filter((r) =>
      String(r.messages[0]?.content).includes('`proposed_instruction`'),
    );
    expect(proposer.length).toBeGreaterThan(0);
    expect(sent.every((r) => r.extra_body?.enable_thinking === false)).toBe(true);
  });

  it('a model added by address that does not think is sent no thinking setting', async () => {
    const { runtime, service: s } = service({ answer: confusesShipping });
    const status = await addAndLoad(s, 'Qwen3-4B-Instruct-2507-q4f32_1-MLC');
    expect(status.kind).toBe('webllm');
    expect(status).not.toHaveProperty('thinkingOff');
    const outcome = await s.startRun({ task, config: { ...small, cycles: 2 } }, () => undefined);
    expect(outcome.result.baselineScore).toBeGreaterThan(0.6);
    const sent = runtime.engines[0]!.requests;
    expect(sent.length).toBeGreaterThan(WARM_UP_CALLS);
    expect(sent.some((r) => r.extra_body !== undefined)).toBe(false);
  });

  it('an answer without its output marker, or echoing the input markers, is retried and read', async () => {
    const clean = service();
    await clean.service.loadModel(QWEN);
    const expected = await clean.service.startRun({ task, config: small }, () => undefined);

    const sloppy = service({
      style: (call) =>
        call % 5 === 0 ? 'echo-markers' : call % 5 === 1 ? 'no-output-marker' : 'marked',
    });
    await sloppy.service.loadModel(QWEN);
    const outcome = await sloppy.service.startRun({ task, config: small }, () => undefined);
    expect(outcome.result.baselineScore).toBe(expected.result.baselineScore);
    const engine = sloppy.runtime.engines[0]!;
    // Echoed markers cost a retry (the chat reset before it); a dropped marker is read as is.
    expect(engine.calls).toBeGreaterThan(clean.runtime.engines[0]!.calls);
    expect(engine.resets).toBeGreaterThan(clean.runtime.engines[0]!.resets);
  });

  it('prompts over the context window are trimmed to fit, and one that cannot fit is refused with a message', async () => {
    const { runtime, service: s } = service({ contextWindow: 700 });
    await s.addCustomModel({
      modelId: 'Small-Context-q4f16_1-MLC',
      modelUrl: 'https://simulated.invalid/small',
      modelLibUrl: 'https://simulated.invalid/small.wasm',
      contextWindow: 700,
    });
    await s.loadModel('Small-Context-q4f16_1-MLC');
    const outcome = await s.startRun({ task, config: small }, () => undefined);
    expect(outcome.status).toBe('finished');
    const engine = runtime.engines[0]!;
    // Sixteen labeled demos would not fit: prompts went out with fewer, and none was refused.
    const taskCalls = engine.requests
      .slice(WARM_UP_CALLS)
      .filter((r) => String(r.messages[0]?.content).includes('`department`'));
    const turns = Math.max(...taskCalls.map((r) => r.messages.length));
    expect(turns).toBeGreaterThan(2);
    expect(turns).toBeLessThan(2 + 2 * 16);
    // What was trimmed is counted in the phase records the page shows.
    const trims = outcome.result.history.map((r) => r.contextTrims?.demosDropped ?? 0);
    expect(trims.some((n) => n > 0)).toBe(true);

    // The smallest window one may give (512 tokens) under a program whose instruction alone
    // is longer (about 750 tokens).
    const tiny = service({ contextWindow: 512 });
    await tiny.service.addCustomModel({
      modelId: 'Tiny-Context-q4f16_1-MLC',
      modelUrl: 'https://simulated.invalid/tiny',
      modelLibUrl: 'https://simulated.invalid/tiny.wasm',
      contextWindow: 512,
    });
    await tiny.service.loadModel('Tiny-Context-q4f16_1-MLC');
    const program = getTask('ticket-routing').program.toState();
    const [step] = program.steps;
    if (step) step.signature.instruction = 'Route the ticket to its department. '.repeat(80);
    const before = tiny.runtime.engines[0]!.calls;
    const err = await tiny.service
      .startRun({ task: { ...task, program }, config: small }, () => undefined)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: 'ContextOverflowError',
      message: expect.stringMatching(/context window/),
    });
    // Refused before the engine was asked.
    expect(tiny.runtime.engines[0]!.calls).toBe(before);
  });

  it('a warm-up that fails leaves the speed unknown and the model loaded', async () => {
    const { service: s } = service({ failOn: (call) => (call === 0 ? 'InternalError' : null) });
    expect(await s.loadModel(QWEN)).toMatchObject({ kind: 'webllm' });
    expect(await s.modelSpeed()).toBeNull();
  });

  it('a persistently failing engine stops the run with a named error, keeping its checkpoint to resume from', async () => {
    let broken = false;
    let breakOnProposer = true;
    const runtime = new SimulatedRuntime({
      // Not always right, so the run goes on past its first phase. The engine breaks after the
      // first proposer request, in the second phase: the first one (compilation) asks none. Not
      // on the first phase's event, which may reach this test only after the run has ended.
      answer: (messages) => {
        const proposer = String(messages[0]?.content ?? '').includes('`proposed_instruction`');
        if (proposer && breakOnProposer) broken = true;
        return confusesShipping(messages);
      },
      failOn: () => (broken ? 'InternalError' : null),
    });
    const s = createCopaService({
      ...deps(adapterEnv({ f16: true }), runtime),
      storage: tabStorage(freshProfile()),
    });
    await s.loadModel(QWEN);
    const finished: unknown[] = [];
    const err = await s
      .startRun({ task, config: { ...small, cycles: 2 } }, (events) => {
        for (const e of events) if (e.type === 'phase-finished') finished.push(e.record);
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'EngineFailureError' });
    const [stored] = (await s.listRuns()).items;
    expect(stored).toMatchObject({ status: 'failed', error: { name: 'EngineFailureError' } });
    // The baseline and the phase finished before the engine broke.
    expect(stored!.checkpoints).toBeGreaterThanOrEqual(2);
    broken = false;
    breakOnProposer = false;
    const resumed = await s.resumeRun(() => undefined);
    expect(resumed.status).toBe('finished');
    // It went on from the phase finished before the failure, not from the start.
    expect(finished).toHaveLength(1);
    expect(resumed.result.history[0]).toEqual(finished[0]);
    // The stored run is the one that went on, and it is recorded as finished.
    expect((await s.listRuns()).items).toEqual([
      expect.objectContaining({ id: stored!.id, status: 'finished' }),
    ]);
  });

  it('a time budget stops the run when spent, keeping the best program so far', async () => {
    const s = createCopaService(deps(adapterEnv(null)));
    await s.useStandIn(0, 5);
    const outcome = await s.startRun(
      { task, config: { ...small, cycles: 3, budget: { maxWallMs: 1500 } } },
      () => undefined,
    );
    expect(outcome.stopReason).toBe('budget');
    // It stops near the budget, before a call that would have ended past it, or at it.
    expect(outcome.result.totals.wallMs).toBeGreaterThanOrEqual(1350);
    expect(outcome.result.bestScore).toBeGreaterThanOrEqual(outcome.result.baselineScore);
  });
});
