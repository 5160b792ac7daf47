import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StandInModel } from '../../../src/engines/standin/standin-model';
import type { ServiceDeps } from '../../../src/worker/service';
import { createCopaService } from '../../../src/worker/service';
import { runProvenance, WEBLLM_VERSION } from '../../../src/worker/stored-runs';
import type { CopaWorkerApi, RunOutcome, RunSummary } from '../../../src/worker/api';
import { getTask } from '../../../src/tasks/index';
import { dataIdentity } from '../../../src/core/data-fingerprint';
import { APP_BUILD } from '../../../src/core/app-build';
import { applyEvents, emptyRunView } from '../../../src/ui/optimize/run-view';
import { adapterEnv, deps, FakeRuntime } from './fakes';
import {
  bytes,
  DyingLM,
  freshProfile,
  type Profile,
  sharedLocks,
  tabStorage,
  storedSplits,
  ticketCsv,
  unfinishedRuns,
  TICKET_TASK,
  smallRun,
} from './storage-fixtures';
import { storeThatFills } from '../storage/test-stores';
import { until } from '../helpers/until';
import type { UseStore } from 'idb-keyval';

const task = TICKET_TASK;
const small = smallRun(7);

function tab(
  profile: Profile,
  extra: Partial<ServiceDeps> = {},
  locks = sharedLocks(),
): CopaWorkerApi {
  return createCopaService({
    ...deps(adapterEnv(null)),
    storage: tabStorage(profile, locks),
    ...extra,
  });
}

describe('The worker service storage: datasets', () => {
  it('imports a CSV mapped to a task program, split by seed, and lists it', async () => {
    const profile = freshProfile();
    const service = tab(profile);
    const file = { fileName: 'tickets.csv', bytes: bytes(ticketCsv(40)) };
    const preview = await service.previewDataset(file, 'ticket-routing', 3);
    expect(preview.columns).toEqual(['text', 'label']);
    expect(preview.rows).toHaveLength(3);
    expect(preview.totalRows).toBe(40);
    const { dataset } = await service.importDataset({
      ...file,
      taskId: 'ticket-routing',
      mapping: { ticket: 'text', department: 'label' },
      seed: 3,
    });
    expect(dataset.sizes.train + dataset.sizes.val + dataset.sizes.test).toBe(40);
    expect(dataset.inputFields).toEqual(['ticket']);
    const { items } = await service.listDatasets();
    expect(items.map((d) => d.id)).toEqual([dataset.id]);
    const examples = await storedSplits(profile, dataset.id);
    expect(examples.train[0]!.data).toHaveProperty('department');
    await service.deleteDataset(dataset.id);
    expect((await service.listDatasets()).items).toEqual([]);
  });

  it("describes a task on a stored dataset with that dataset's sizes, cost and sample inputs", async () => {
    const profile = freshProfile();
    const service = tab(profile);
    const { dataset } = await service.importDataset({
      fileName: 'tickets.csv',
      bytes: bytes(ticketCsv(40)),
      taskId: 'ticket-routing',
      mapping: { ticket: 'text', department: 'label' },
      seed: 3,
    });
    const own = await service.taskOverview({ task });
    const stored = await service.taskOverview({ task, datasetId: dataset.id });
    expect(stored.sizes).toEqual(dataset.sizes);
    expect(own.sizes).not.toEqual(dataset.sizes);
    const test = (await storedSplits(profile, dataset.id)).test;
    expect(stored.sampleInputs).toEqual(test.slice(0, 5).map((e) => ({ ticket: e.data.ticket })));
    expect(stored.estimate.lmCalls).toBeLessThan(own.estimate.lmCalls);
    await expect(service.taskOverview({ task, datasetId: 'missing' })).rejects.toThrow();
  });

  it('a malformed CSV is refused with its line and nothing is saved', async () => {
    const service = tab(freshProfile());
    const csv = 'text,label\r\n"fine",billing\r\n"too","many",values\r\n"ok",account\r\n';
    await expect(
      service.importDataset({
        fileName: 'bad.csv',
        bytes: bytes(csv),
        taskId: 'ticket-routing',
        mapping: { ticket: 'text', department: 'label' },
        seed: 1,
      }),
    ).rejects.toMatchObject({
      name: 'DatasetImportError',
      message: expect.stringContaining('line 3'),
    });
    expect((await service.listDatasets()).items).toEqual([]);
  });

  it('an empty value names its line, column and field; nothing is saved', async () => {
    const service = tab(freshProfile());
    const csv = 'text,label\n"a",billing\n"b",\n';
    await expect(
      service.importDataset({
        fileName: 'gap.csv',
        bytes: bytes(csv),
        taskId: 'ticket-routing',
        mapping: { ticket: 'text', department: 'label' },
        seed: 1,
      }),
    ).rejects.toThrow(/line 3, column "label", field "department"/);
    expect((await service.listDatasets()).items).toEqual([]);
  });

  it('storage methods refuse plainly when the worker has no storage', async () => {
    const service = createCopaService(deps(adapterEnv(null)));
    await expect(service.listPrograms()).rejects.toMatchObject({ name: 'WorkerStateError' });
  });
});

describe('The worker service storage: runs', () => {
  it('a finished run is stored with a checkpoint per phase and saves its program with provenance', async () => {
    const service = tab(freshProfile());
    await service.useStandIn(0);
    const outcome = await service.startRun({ task, config: small }, () => undefined);
    expect(outcome.status).toBe('finished');
    expect(outcome.runId).toBeDefined();
    const runs = (await service.listRuns()).items;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'finished', programId: outcome.programId });
    // The listing tells runs of one task apart by model and seed.
    expect(runs[0]?.model).toMatch(/stand-in/i);
    expect(runs[0]?.seed).toBe(small.seed);
    // The baseline, each of the two phases, and how the run ended.
    expect(runs[0]!.checkpoints).toBe(4);
    const programs = (await service.listPrograms()).items;
    expect(programs).toHaveLength(1);
    expect(programs[0]!.program).toEqual(outcome.result.program);
    expect(programs[0]!.provenance).toMatchObject({
      engine: 'stand-in',
      seed: 7,
      scores: { baseline: outcome.result.baselineScore, validation: outcome.result.bestScore },
    });
    expect(await unfinishedRuns(service)).toEqual([]);
    // Its story can be retold from the stored checkpoints: start program, each phase, the end.
    const told = await service.storedRunHistory(outcome.runId!);
    const view = emptyRunView();
    applyEvents(view, told);
    expect(view.startProgram).toEqual(getTask('ticket-routing').program.toState());
    expect(view.phases.map((p) => p.record)).toEqual(outcome.result.history);
    expect(view.phases.at(-1)?.program).toEqual(outcome.result.program);
    expect(view.baseline).toBe(outcome.result.baselineScore);
    expect(view.stopReason).toBe(outcome.stopReason);
    await expect(service.storedRunHistory('missing')).rejects.toMatchObject({
      name: 'RecordNotFoundError',
    });
  });

  it('a run its call budget stopped inside a phase is reported, listed and reopened as it ended', async () => {
    const service = tab(freshProfile());
    await service.useStandIn(0);
    const config = { ...smallRun(0), cycles: 2, budget: { maxCalls: 250 } };
    const outcome = await service.startRun({ task, config }, () => undefined);
    expect(outcome.stopReason).toBe('budget');
    const report = await service.runReport(outcome.runId!);
    // The report counted only the calls up to the last finished phase and gave no stop reason,
    // as if the run could still go on.
    expect(report!.totals).toEqual(outcome.result.totals);
    expect(report!.stopReason).toBe('budget');
    expect(report!.program).toEqual(outcome.result.program);
    expect(report!.bestScore).toBe(outcome.result.bestScore);
    expect(report!.curve).toEqual(outcome.result.curve);
    const [listed] = (await service.listRuns()).items;
    expect(listed!.bestScore).toBe(outcome.result.bestScore);
    const reopened = await service.storedRunResults(outcome.runId!);
    expect(reopened!.bestProgram).toEqual(outcome.result.program);
    const view = emptyRunView();
    applyEvents(view, await service.storedRunHistory(outcome.runId!));
    expect(view.stopReason).toBe('budget');
    expect(view.totals?.calls).toBe(outcome.result.totals.calls);
  });

  it("a stored run's report holds its setup, every phase and the program it ended with", async () => {
    const service = tab(freshProfile());
    await service.useStandIn(0);
    const outcome = await service.startRun({ task, config: small }, () => undefined);
    const report = await service.runReport(outcome.runId!);
    expect(report).toMatchObject({
      format: 'copa-run-report',
      status: 'finished',
      model: { kind: 'standin', standIn: true },
      dataset: { task: 'ticket-routing', programEdited: false },
      baselineScore: outcome.result.baselineScore,
      bestScore: outcome.result.bestScore,
      stopReason: outcome.stopReason,
    });
    expect(report!.settings).toMatchObject(small);
    expect(report!.phases).toEqual(outcome.result.history);
    expect(report!.program).toEqual(outcome.result.program);
    expect(report!.totals.calls).toBe(outcome.result.totals.calls);
    expect(report!.data).toEqual(dataIdentity(getTask('ticket-routing').splits));
    expect(report!.appBuild).toBe(APP_BUILD);
    // Plain JSON: it survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    await expect(service.runReport('missing')).rejects.toMatchObject({
      name: 'RecordNotFoundError',
    });
  });

  it('the overview of data labelled otherwise than the program says so, until the program takes its labels', async () => {
    const service = tab(freshProfile());
    const csv = [
      'text,label',
      ...Array.from({ length: 30 }, (_, i) => `"review ${i}",${i % 3 ? 'positive' : 'negative'}`),
    ].join('\n');
    const { dataset } = await service.importDataset({
      fileName: 'reviews.csv',
      bytes: bytes(csv),
      taskId: 'ticket-routing',
      mapping: { ticket: 'text', department: 'label' },
      seed: 1,
    });
    const overview = await service.taskOverview({ task, datasetId: dataset.id });
    expect(overview.labelMismatches).toEqual([
      expect.objectContaining({
        field: 'department',
        dataLabels: ['positive', 'negative'],
        examples: 30,
        total: 30,
        tooMany: false,
      }),
    ]);
    // The fix offered with the mismatch is the task's program with the data's labels.
    const fixed = overview.labelMismatches[0]!.fix!;
    expect(fixed.program.steps[0]!.signature.outputs[0]!.labels).toEqual(['positive', 'negative']);
    const after = await service.taskOverview({
      task: { ...task, program: fixed.program, ...fixed.rules },
      datasetId: dataset.id,
    });
    expect(after.labelMismatches).toEqual([]);
    expect(after.constraints).toEqual(fixed.rules.constraints);
  });

  it("data imported with the file's column names brings the task's program adapted to them, and runs with it", async () => {
    const profile = freshProfile();
    const service = tab(profile);
    await service.useStandIn(0);
    const csv = [
      'review text,sentiment',
      ...Array.from(
        { length: 30 },
        (_, i) => `"film ${i} was ${i % 3 ? 'great' : 'dull'}",${i % 3 ? 'pos' : 'neg'}`,
      ),
    ].join('\n');
    const { dataset } = await service.importDataset({
      fileName: 'reviews.csv',
      bytes: bytes(csv),
      taskId: 'ticket-routing',
      mapping: { ticket: 'review text', department: 'sentiment' },
      useColumnNames: true,
      seed: 1,
    });
    expect(dataset.inputFields).toEqual(['review_text']);
    expect(dataset.outputFields).toEqual(['sentiment']);
    expect(dataset.rules).toMatchObject({ targetField: 'sentiment' });
    const step = dataset.program!.steps[0]!;
    expect(step.signature.instruction).toBe(
      'Given the fields `review_text`, produce the fields `sentiment`.',
    );
    expect(step.signature.outputs[0]!.labels).toEqual(['pos', 'neg']);
    const examples = await storedSplits(profile, dataset.id);
    expect(Object.keys(examples.train[0]!.data).sort()).toEqual(['review_text', 'sentiment']);

    // Without edits, the overview and a run use the adapted program on the data.
    const overview = await service.taskOverview({ task, datasetId: dataset.id });
    expect(overview.program).toEqual(dataset.program);
    expect(overview.dataFields.sort()).toEqual(['review_text', 'sentiment']);
    expect(overview.labelMismatches).toEqual([]);
    expect(overview.sampleInputs[0]).toHaveProperty('review_text');
    const outcome = await service.startRun(
      { task, datasetId: dataset.id, config: small },
      () => undefined,
    );
    expect(outcome.status).toBe('finished');
    expect(outcome.result.program.steps[0]!.signature.inputs[0]!.name).toBe('review_text');
    // Results score on the dataset's test split, which the worker reads itself.
    const scored = await service.evaluateProgram({ task, datasetId: dataset.id, split: 'test' });
    expect(scored.total).toBe(dataset.sizes.test);
    expect(Object.keys(scored.results[0]!.inputs ?? {})).toEqual(['review_text']);
    // The task's own program (and rules) do not fit this data, and it says so.
    const router = getTask('ticket-routing');
    await expect(
      service.taskOverview({
        task: {
          ...task,
          program: router.program.toState(),
          targetField: router.targetField,
          constraints: [],
        },
        datasetId: dataset.id,
      }),
    ).rejects.toMatchObject({
      name: 'ProgramStateError',
      message: expect.stringMatching(/reads "ticket", which the data does not have/),
    });
  });

  it('a run on a stored dataset uses its splits and records the dataset in the provenance', async () => {
    const service = tab(freshProfile());
    await service.useStandIn(0);
    const { dataset } = await service.importDataset({
      fileName: 'tickets.csv',
      bytes: bytes(ticketCsv(30)),
      taskId: 'ticket-routing',
      mapping: { ticket: 'text', department: 'label' },
      seed: 2,
    });
    const events: string[] = [];
    const outcome = await service.startRun({ task, datasetId: dataset.id, config: small }, (b) =>
      events.push(...b.map((e) => (e.type === 'baseline' ? `baseline:${e.examples}` : e.type))),
    );
    expect(events).toContain(`baseline:${dataset.sizes.val}`);
    const program = (await service.listPrograms()).items.find((p) => p.id === outcome.programId);
    expect(program?.provenance).toMatchObject({ datasetId: dataset.id, datasetName: 'tickets' });
    // The data's identity is the stored dataset's, not the built-in task's the run was set on.
    const report = await service.runReport(outcome.runId!);
    expect(report!.data).toMatchObject({
      trainExamples: dataset.sizes.train,
      validationExamples: dataset.sizes.val,
    });
    expect(report!.data!.fingerprint).not.toBe(
      dataIdentity(getTask('ticket-routing').splits).fingerprint,
    );
    expect(program?.provenance?.dataFingerprint).toBe(report!.data!.fingerprint);
    expect(program?.provenance?.appBuild).toBe(APP_BUILD);
  });

  it('a run whose tab died mid-phase is listed as unfinished; resumed in a new tab it ends with the uninterrupted program, reusing stored answers', async () => {
    const config = { ...small, cycles: 2 };
    const reference = tab(freshProfile());
    await reference.useStandIn(0);
    const uninterrupted = await reference.startRun({ task, config }, () => undefined);
    expect(uninterrupted.status).toBe('finished');

    const profile = freshProfile();
    const dying = tab(profile, {
      makeStandIn: (seed) => new DyingLM(new StandInModel({ seed }), 400),
    });
    await dying.useStandIn(0);
    let checkpoints = 0;
    void dying.startRun({ task, config }, (batch) => {
      checkpoints += batch.filter((e) => e.type === 'phase-finished').length;
    });
    // Wait until the dying tab has stored at least one finished phase.
    const reload = tab(profile);
    for (let i = 0; i < 200 && checkpoints < 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(checkpoints).toBeGreaterThanOrEqual(1);
    const unfinished = await unfinishedRuns(reload);
    expect(unfinished).toHaveLength(1);
    expect(unfinished[0]!.checkpoints).toBeGreaterThanOrEqual(2);
    expect(unfinished[0]!.checkpoints).toBeLessThan(5);

    await reload.useStandIn(0);
    const resumed = await reload.resumeStoredRun(unfinished[0]!.id, () => undefined);
    expect(resumed.status).toBe('finished');
    expect(resumed.result.program).toEqual(uninterrupted.result.program);
    expect(resumed.result.bestScore).toBe(uninterrupted.result.bestScore);
    // The calls the dying tab made in its unfinished phase are counted once, as they were made:
    // the stored answers replayed count as those calls (a call budget binds where it would have).
    expect(resumed.result.totals.calls).toBe(uninterrupted.result.totals.calls);
    expect(await unfinishedRuns(reload)).toEqual([]);
    // The dying tab's answers were stored; the resumed phase found them.
    expect((await reload.lmCacheReport()).entries).toBeGreaterThan(0);
    // Two full stand-in runs: ~2 s alone, more than the default 5 s on a loaded machine.
  }, 20_000);

  it('a run cut off in its first phase is listed with nothing scored, not as a baseline of 0%', async () => {
    // Its first checkpoint is written before anything is scored: the listing said "baseline
    // scored" and "best 0.0%" of it (the Optimize screen's note about an interrupted run too).
    const profile = freshProfile();
    const dying = tab(profile, {
      makeStandIn: (seed) => new DyingLM(new StandInModel({ seed }), 5),
    });
    await dying.useStandIn(0);
    void dying.startRun({ task, config: small }, () => undefined);
    const reload = tab(profile);
    let unfinished: RunSummary[] = [];
    // The run is stored a moment before its first checkpoint: wait for that checkpoint.
    await until(
      async () => (unfinished = await unfinishedRuns(reload))[0]?.lastCheckpointLabel !== undefined,
      'a stored run with its first checkpoint',
    );
    expect(unfinished[0]!.lastCheckpointLabel).toBe('no phase finished yet');
    expect(unfinished[0]!.bestScore).toBeUndefined();
  });

  it('a second tab cannot start a run while one is going; it sees the lock as busy', async () => {
    const profile = freshProfile();
    const locks = sharedLocks();
    const first = tab(profile, {}, locks);
    const second = tab(profile, {}, locks);
    await first.useStandIn(0, 2);
    await second.useStandIn(0);
    const running = first.startRun({ task, config: small }, () => undefined);
    await until(async () => (await first.runLockState()).here, 'the first tab to be running');
    expect(await second.runLockState()).toEqual({ busy: true, here: false });
    expect(await first.runLockState()).toEqual({ busy: true, here: true });
    await expect(second.startRun({ task, config: small }, () => undefined)).rejects.toMatchObject({
      name: 'RunBusyError',
    });
    await first.cancelRun();
    expect((await running).status).toBe('cancelled');
    expect(await second.runLockState()).toEqual({ busy: false, here: false });
    expect((await second.listRuns()).items.map((r) => r.status)).toEqual(['cancelled']);
  });

  it('a run cancelled after a phase that improved keeps its best program in the Library', async () => {
    const service = tab(freshProfile());
    await service.useStandIn(0, 2);
    let improved = false;
    const running = service.startRun({ task, config: { ...small, cycles: 3 } }, (batch) => {
      for (const e of batch) if (e.type === 'decision' && e.accepted) improved = true;
    });
    await until(() => improved, 'a phase that improved the program', 20_000);
    await service.cancelRun();
    const outcome = await running;
    expect(outcome.status).toBe('cancelled');
    expect(outcome.result.bestScore).toBeGreaterThan(outcome.result.baselineScore);
    // "The best program so far is kept": in the Library, where Results exports it from.
    expect(outcome.programId).toBeDefined();
    const programs = (await service.listPrograms()).items;
    expect(programs.map((p) => p.id)).toEqual([outcome.programId]);
    expect(programs[0]?.program).toEqual(outcome.result.program);
    expect((await service.listRuns()).items.map((r) => r.status)).toEqual(['cancelled']);
  }, 20_000);

  it('a paused run resumes with a plain resume and is stored as finished afterwards', async () => {
    const service = tab(freshProfile());
    await service.useStandIn(0);
    const paused = await service.startRun(
      { task, config: { ...small, stepMode: true } },
      () => undefined,
    );
    expect(paused.status).toBe('paused');
    expect((await unfinishedRuns(service)).map((r) => r.status)).toEqual(['paused']);
    let outcome = paused;
    for (let i = 0; i < 5 && outcome.status === 'paused'; i++)
      outcome = await service.resumeRun(() => undefined);
    expect(outcome.status).toBe('finished');
    expect(outcome.runId).toBe(paused.runId);
    expect(await unfinishedRuns(service)).toEqual([]);
  });

  it('a run whose GPU was lost is stored as paused with the error that stopped it in a phase', async () => {
    // After a reload the stored run is all there is: a pause between phases and a phase cut
    // off by a lost GPU were both "paused", and resuming one could not say which it was.
    let calls = 0;
    const runtime = new FakeRuntime({
      fail: () =>
        ++calls > 150 ? Object.assign(new Error('lost'), { name: 'DeviceLostError' }) : null,
    });
    const service = tab(freshProfile(), {
      probeEnvironment: () => adapterEnv({ f16: true }),
      webllm: async () => runtime,
    });
    await service.loadModel('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    const lost = await service.startRun({ task, config: small }, () => undefined);
    expect(lost.status).toBe('engine-lost');
    const stored = await service.storedRunResults(lost.runId);
    expect(stored).toMatchObject({ status: 'paused', error: { name: 'GPUDeviceLostError' } });
    // A pause between phases stores no error.
    await service.useStandIn(0);
    const paused = await service.startRun(
      { task, config: { ...small, stepMode: true } },
      () => undefined,
    );
    expect(paused.status).toBe('paused');
    expect(await service.storedRunResults(paused.runId)).not.toHaveProperty('error');
  });

  it('resuming with another model than the run used is refused', async () => {
    const profile = freshProfile();
    const first = tab(profile);
    await first.useStandIn(0);
    const paused = await first.startRun(
      { task, config: { ...small, stepMode: true } },
      () => undefined,
    );
    const other = tab(profile, {
      makeStandIn: (seed) => new StandInModel({ seed, id: 'other-model' }),
    });
    await other.useStandIn(0);
    await expect(other.resumeStoredRun(paused.runId!, () => undefined)).rejects.toMatchObject({
      name: 'WorkerStateError',
    });
  });
});

describe('The worker service storage: cache and quota', () => {
  it('reports the model-answer cache and clears it', async () => {
    const service = tab(freshProfile());
    await service.useStandIn(0);
    await service.startRun({ task, config: small }, () => undefined);
    expect((await service.lmCacheReport()).entries).toBeGreaterThan(0);
    expect(await service.clearLmCache()).toMatchObject({ entries: 0 });
    expect(await service.storageStatus()).toEqual({
      usageBytes: 1000,
      quotaBytes: 2000,
      persisted: true,
    });
  });

  it('WEBLLM_VERSION is the installed WebLLM release', () => {
    const pkg = JSON.parse(
      readFileSync(
        resolve(__dirname, '../../../node_modules/@mlc-ai/web-llm/package.json'),
        'utf8',
      ),
    ) as { version: string };
    expect(WEBLLM_VERSION).toBe(pkg.version);
  });
});

describe('The worker service storage: deleting runs', () => {
  it('a run that is going (lock held) cannot be deleted; a finished one can', async () => {
    const profile = freshProfile();
    const locks = sharedLocks();
    const first = tab(profile, {}, locks);
    const second = tab(profile, {}, locks);
    await first.useStandIn(0, 2);
    const running = first.startRun({ task, config: small }, () => undefined);
    await until(
      async () => (await second.listRuns()).items.length > 0,
      'the first tab to store its run',
    );
    const [live] = (await second.listRuns()).items;
    expect(live!.status).toBe('running');
    await expect(second.deleteRun(live!.id)).rejects.toMatchObject({ name: 'WorkerStateError' });
    await first.cancelRun();
    await running;
    await second.deleteRun(live!.id);
    expect((await second.listRuns()).items).toEqual([]);
  });

  it('a run whose tab died can be deleted while another run goes on elsewhere', async () => {
    const profile = freshProfile();
    const locks = sharedLocks();
    // A tab that died took its locks with it: the others see none of its run's.
    const dead = tab(profile, {}, sharedLocks());
    const first = tab(profile, {}, locks);
    const second = tab(profile, {}, locks);
    await dead.useStandIn(0, 2);
    const orphan = dead.startRun({ task, config: small }, () => undefined).catch(() => null);
    await until(async () => (await second.listRuns()).items.length > 0, 'the dead tab to store');
    const [stale] = (await second.listRuns()).items;
    await first.useStandIn(0, 2);
    const running = first.startRun({ task, config: small }, () => undefined);
    await until(async () => (await second.listRuns()).items.length > 1, 'the first tab to store');
    const live = (await second.listRuns()).items.find((r) => r.id !== stale!.id);
    expect([stale!.status, live!.status]).toEqual(['running', 'running']);
    await expect(second.deleteRun(live!.id)).rejects.toMatchObject({ name: 'WorkerStateError' });
    await second.deleteRun(stale!.id);
    expect((await second.listRuns()).items.map((r) => r.id)).toEqual([live!.id]);
    await dead.cancelRun();
    await orphan;
    await first.cancelRun();
    await running;
  });
});

describe('runProvenance', () => {
  it('names a WebLLM model with its quantization and the WebLLM version', () => {
    const result = { baselineScore: 0.4, bestScore: 0.7, exampleScores: [1, 0, 1] };
    const provenanceOf = (r: object) =>
      runProvenance(
        {
          request: { task, datasetId: 'd1' },
          engine: {
            kind: 'webllm',
            modelId: 'webllm:Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
            label: 'Qwen',
          },
          name: 'Support tickets on mine',
          datasetName: 'mine',
        },
        { result: { ...r, checkpoint: { config: { seed: 9 } } } } as unknown as RunOutcome,
        new Date('2026-01-02T03:04:05Z'),
      );
    const p = provenanceOf(result);
    expect(p).toEqual({
      modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
      engine: 'webllm',
      quantization: 'q4f16_1',
      webllmVersion: WEBLLM_VERSION,
      seed: 9,
      datasetId: 'd1',
      datasetName: 'mine',
      scores: { baseline: 0.4, validation: 0.7 },
      createdAt: '2026-01-02T03:04:05.000Z',
    });
    // A start program no candidate beat, scored on a minibatch only: its estimate is no score
    // (the library listed it as the program's validation score).
    expect(provenanceOf({ ...result, bestScore: 0.4, exampleScores: [] }).scores).toEqual({});
  });
});

describe('The worker service storage: a full disk', () => {
  it('a run that cannot be recorded says so plainly and earlier data stays intact', async () => {
    const profile = freshProfile();
    const filling = storeThatFills(profile.runs);
    const service = tab({ ...profile, runs: filling.store });
    await service.useStandIn(0);
    const first = await service.startRun({ task, config: small }, () => undefined);
    filling.full.on = true;
    await expect(service.startRun({ task, config: small }, () => undefined)).rejects.toMatchObject({
      name: 'StorageQuotaError',
      message: expect.stringContaining('Everything saved earlier is intact'),
    });
    filling.full.on = false;
    expect((await service.listRuns()).items.map((r) => r.id)).toEqual([first.runId]);
    expect((await service.listPrograms()).items.map((p) => p.id)).toEqual([first.programId]);
    // The lock was released: the next run starts once there is room again.
    expect((await service.startRun({ task, config: small }, () => undefined)).status).toBe(
      'finished',
    );
  });
});

describe('The worker service storage: a full disk as a run ends', () => {
  it('a run whose ending cannot be saved stays resumable, and a plain resume saves it', async () => {
    const profile = freshProfile();
    const filling = storeThatFills(profile.runs);
    const service = tab({ ...profile, runs: filling.store });
    await service.useStandIn(0);
    // The disk is full for one write once every phase is done: the run's ending is not saved.
    const onEvents = (events: { type: string }[]) => {
      if (!events.some((e) => e.type === 'run-finished')) return;
      filling.full.on = true;
      filling.full.failures = 1;
    };
    await expect(service.startRun({ task, config: small }, onEvents)).rejects.toMatchObject({
      name: 'StorageQuotaError',
    });
    const [stopped] = (await service.listRuns()).items;
    expect(stopped?.status).toBe('failed');
    expect(stopped?.error?.name).toBe('StorageQuotaError');
    // Space freed: the Resume the page offers saves the ending, as the finished run it is.
    const outcome = await service.resumeRun(() => undefined);
    expect(outcome).toMatchObject({ status: 'finished', runId: stopped?.id });
    expect((await service.listRuns()).items.map((r) => [r.status, r.error])).toEqual([
      ['finished', undefined],
    ]);
    expect((await service.listPrograms()).items.map((p) => p.id)).toEqual([outcome.programId]);
  });
});

describe('The worker service storage: a full disk before a run starts', () => {
  it('a start refused by full storage leaves nothing to resume, not an earlier run unsaved', async () => {
    const profile = freshProfile();
    const filling = storeThatFills(profile.runs);
    const service = tab({ ...profile, runs: filling.store });
    await service.useStandIn(0);
    const earlier = await service.startRun({ task, config: small }, () => undefined);
    filling.full.on = true;
    await expect(service.startRun({ task, config: small }, () => undefined)).rejects.toMatchObject({
      name: 'StorageQuotaError',
    });
    filling.full.on = false;
    // The earlier run has ended and is stored; nothing of it may go on again, unstored.
    await expect(service.resumeRun(() => undefined)).rejects.toMatchObject({
      message: expect.stringContaining('no paused run'),
    });
    expect((await service.listRuns()).items.map((r) => [r.id, r.status])).toEqual([
      [earlier.runId, 'finished'],
    ]);
  });
});

describe('The worker service storage: a browser that refuses IndexedDB', () => {
  /** A store whose database never opens, as in a private window that refuses IndexedDB. */
  const refusing: UseStore = () =>
    Promise.reject(
      new DOMException(
        'A mutation operation was attempted on a database that did not allow mutations.',
        'InvalidStateError',
      ),
    );

  it('runs go on unsaved (and say so) instead of being refused; pause and resume work', async () => {
    const service = tab({
      datasets: refusing,
      programs: refusing,
      runs: refusing,
      cache: refusing,
    });
    await service.useStandIn(0);
    expect(await service.runsAreSaved()).toBe(false);
    const paused = await service.startRun(
      { task, config: { ...small, stepMode: true } },
      () => undefined,
    );
    expect(paused).toMatchObject({ status: 'paused' });
    expect(paused.runId).toBeUndefined();
    let outcome = paused;
    for (let i = 0; i < 5 && outcome.status === 'paused'; i++)
      outcome = await service.resumeRun(() => undefined);
    expect(outcome.status).toBe('finished');
  });

  it('a browser that stores says runs are saved', async () => {
    expect(await tab(freshProfile()).runsAreSaved()).toBe(true);
    expect(await createCopaService(deps(adapterEnv(null))).runsAreSaved()).toBe(false);
  });
});
