import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../src/core/adapters/chat-adapter';
import type { RunEvent } from '../../../src/core/optimizers/events';
import { buildRequest } from '../../../src/core/run-program';
import { getTask } from '../../../src/tasks/index';
import { createCopaService } from '../../../src/worker/service';
import { until } from '../helpers/until';
import { adapterEnv, deps, FakeRuntime } from './fakes';
import { TICKET_TASK, smallRun } from './storage-fixtures';

const task = TICKET_TASK;
const small = smallRun();

function collector(): { events: RunEvent[]; batches: number; sink: (b: RunEvent[]) => void } {
  const c = { events: [] as RunEvent[], batches: 0, sink: (_b: RunEvent[]) => undefined as void };
  c.sink = (b) => {
    c.batches++;
    c.events.push(...b);
  };
  return c;
}

describe('The worker service: COPA runs', () => {
  it('runs COPA with the stand-in on a built-in task and delivers every event in batches', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await service.useStandIn(0);
    const c = collector();
    const outcome = await service.startRun({ task, config: small }, c.sink);
    expect(outcome.status).toBe('finished');
    expect(outcome.result.bestScore).toBeGreaterThanOrEqual(outcome.result.baselineScore);
    expect(c.events[0]!.type).toBe('run-started');
    expect(c.events.at(-1)).toMatchObject({ type: 'run-finished', reason: outcome.stopReason });
    expect(c.batches).toBeLessThan(c.events.length);
  });

  it('refuses to run without a model', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await expect(service.startRun({ task }, () => undefined)).rejects.toMatchObject({
      name: 'WorkerStateError',
    });
  });

  it('cancels a run in progress: it stops with status cancelled and the service is free again', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await service.useStandIn(0, 2);
    const c = collector();
    const pending = service.startRun({ task }, (b) => {
      c.sink(b);
      void service.cancelRun();
    });
    const outcome = await pending;
    expect(outcome.status).toBe('cancelled');
    expect(c.events.at(-1)).toMatchObject({ type: 'run-finished', reason: 'cancelled' });
    expect((await service.startRun({ task, config: small }, () => undefined)).status).toBe(
      'finished',
    );
  });

  it('refuses a second run, a model switch or a deletion while a run is going', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await service.useStandIn(0, 2);
    const first = service.startRun({ task }, () => undefined);
    await expect(service.startRun({ task }, () => undefined)).rejects.toMatchObject({
      name: 'WorkerStateError',
    });
    await expect(service.useStandIn(1)).rejects.toMatchObject({ name: 'WorkerStateError' });
    await expect(service.deleteCachedModel('x')).rejects.toMatchObject({
      name: 'WorkerStateError',
    });
    await service.cancelRun();
    expect((await first).status).toBe('cancelled');
  });

  it('a cancel during a WebLLM generation interrupts the engine', async () => {
    // The two warm-up calls after loading answer; the run's first call hangs.
    const runtime = new FakeRuntime({ hangUntilInterrupted: true, hangFromCall: 2 });
    const service = createCopaService(deps(adapterEnv({ f16: true }), runtime));
    await service.loadModel('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    const pending = service.startRun({ task, config: small }, () => undefined);
    await until(() => (runtime.engines[0]?.requests.length ?? 0) > 2, 'a generation to start');
    await service.cancelRun();
    expect((await pending).status).toBe('cancelled');
    expect(runtime.engines[0]!.interrupts).toBe(1);
  });

  it('pauses between phases and resumes to the same result as an uninterrupted run', async () => {
    const whole = createCopaService(deps(adapterEnv(null)));
    await whole.useStandIn(0);
    const direct = await whole.startRun({ task, config: { ...small, cycles: 2 } }, () => undefined);

    const service = createCopaService(deps(adapterEnv(null)));
    await service.useStandIn(0);
    let paused = false;
    const first = await service.startRun({ task, config: { ...small, cycles: 2 } }, (b) => {
      if (!paused && b.some((e) => e.type === 'phase-started')) {
        paused = true;
        void service.pauseRun();
      }
    });
    expect(first.status).toBe('paused');
    const rest = await service.resumeRun(() => undefined);
    expect(rest.status).toBe('finished');
    expect(rest.result.program).toEqual(direct.result.program);
    expect(rest.result.bestScore).toBe(direct.result.bestScore);
    // Three two-cycle runs with 16-demo prompts: seconds alone, more on a busy machine.
  }, 30_000);

  it('a lost GPU device pauses the run at its last checkpoint and drops the engine', async () => {
    let calls = 0;
    const runtime = new FakeRuntime({
      fail: () =>
        ++calls > 150 ? Object.assign(new Error('lost'), { name: 'DeviceLostError' }) : null,
    });
    const service = createCopaService(deps(adapterEnv({ f16: true }), runtime));
    await service.loadModel('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    const outcome = await service.startRun({ task, config: small }, () => undefined);
    expect(outcome.status).toBe('engine-lost');
    expect(outcome.error?.name).toBe('GPUDeviceLostError');
    expect(await service.engineStatus()).toMatchObject({ kind: null });
    // After re-creating an engine (here: the stand-in), the run resumes from its checkpoint.
    await service.useStandIn(0);
    const resumed = await service.resumeRun(() => undefined);
    expect(resumed.status).toBe('finished');
  });
});

describe('CopaService: an engine that keeps failing', () => {
  it('stops the run with a named error instead of scoring zeros, and keeps its checkpoint', async () => {
    let calls = 0;
    const runtime = new FakeRuntime({
      fail: () =>
        ++calls > 150 ? Object.assign(new Error('internal'), { name: 'InternalError' }) : null,
    });
    const service = createCopaService(deps(adapterEnv({ f16: true }), runtime));
    await service.loadModel('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    const err = await service
      .startRun({ task, config: small }, () => undefined)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'EngineFailureError' });
    expect((err as Error).message).toMatch(/failed 3 calls in a row/);
    // Three failing calls, not the rest of the run scored as wrong answers.
    expect(calls).toBe(153);
  });
});

describe('The worker service: evaluate and run once', () => {
  it('evaluates the task program on a split and reports counts', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await service.useStandIn(0);
    const progress: number[] = [];
    const summary = await service.evaluateProgram({ task, split: 'val', limit: 10 }, (done) =>
      progress.push(done),
    );
    expect(summary).toMatchObject({ total: 10, evaluated: 10, stoppedReason: 'completed' });
    expect(summary.results).toHaveLength(10);
    expect(progress.at(-1)).toBe(10);
  });

  it('returns the exact request sent to the model', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await service.useStandIn(0);
    const t = getTask('ticket-routing');
    const example = t.splits.val[0]!;
    const inputs = Object.fromEntries(t.program.inputFields.map((f) => [f, example.data[f]!]));
    const result = await service.runOnce({ program: t.program.toState(), inputs });
    expect(result.requests[0]).toEqual(
      buildRequest(t.program.steps[0]!, inputs, { adapter: chatAdapter }),
    );
    expect(Object.keys(result.prediction)).toEqual(t.program.outputFields);
    expect(result.replies).toHaveLength(result.requests.length);
    // The reply is the model's own text, with the answer in it (the stand-in sometimes slips
    // out of the format, e.g. `BILLING` without its marker, which the chat adapter still reads).
    expect(result.replies[0]?.toLowerCase()).toContain(
      String(result.prediction.department).toLowerCase(),
    );
    expect(result.requestSteps).toEqual([t.program.steps[0]!.name]);
    expect(result.error).toBeUndefined();
  });

  it('an answer that breaks a rule after every retry comes back with the error, prompts and replies', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await service.useStandIn(0);
    const t = getTask('ticket-routing');
    const result = await service.runOnce({
      program: t.program.toState(),
      inputs: { ticket: 'I was charged twice this month.' },
      constraints: [{ kind: 'regex', field: 'department', pattern: '^never$' }],
    });
    expect(result.error).toMatchObject({ name: 'ConstraintViolationError' });
    expect(result.prediction).toEqual({});
    // The first try and each retry, with what the model said every time.
    expect(result.requests.length).toBeGreaterThan(1);
    expect(result.replies).toHaveLength(result.requests.length);
    expect(result.replies.every((r) => r.includes('department'))).toBe(true);
    // Each request is told apart by step even with no trace left: the router, every time.
    expect(result.requestSteps).toEqual(result.requests.map(() => t.program.steps[0]!.name));
    // Engine trouble is still an error of the call, not a result.
    const lost = createCopaService({
      ...deps(adapterEnv(null)),
      makeStandIn: () => ({
        id: 'standin:lost',
        complete: () =>
          Promise.reject(Object.assign(new Error('gone'), { name: 'DeviceLostError' })),
      }),
    });
    await lost.useStandIn(0);
    await expect(
      lost.runOnce({ program: t.program.toState(), inputs: { ticket: 'x' } }),
    ).rejects.toMatchObject({ name: 'DeviceLostError' });
  });

  it('Try it can be cancelled while the model is answering, and shows what was sent', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    // A slow model: a minute per call.
    await service.useStandIn(0, 60_000);
    const t = getTask('ticket-routing');
    const going = service.runOnce({ program: t.program.toState(), inputs: { ticket: 'Hi' } });
    await new Promise((r) => setTimeout(r, 20));
    await service.cancelRunOnce();
    const result = await going;
    expect(result.cancelled).toBe(true);
    expect(result.prediction).toEqual({});
    expect(result.requests).toHaveLength(1);
    expect(result.requests[0]?.messages.at(-1)?.content).toContain('Hi');
    // The next Try it is not cancelled by the last one.
    await service.useStandIn(0);
    const next = await service.runOnce({ program: t.program.toState(), inputs: { ticket: 'Hi' } });
    expect(next.cancelled).toBeUndefined();
    expect(Object.keys(next.prediction)).toEqual(['department']);
  });
});
