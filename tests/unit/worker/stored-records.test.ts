import { promisifyRequest } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { predict, Program } from '../../../src/core/program';
import { ProgramRepository } from '../../../src/storage/programs';
import { RunRepository } from '../../../src/storage/runs';
import { createCopaService } from '../../../src/worker/service';
import { parseCheckpoint } from '../../../src/worker/schemas/checkpoint-schema';
import { adapterEnv, deps } from './fakes';
import { freshProfile, tabStorage, type Profile } from './storage-fixtures';

const task = { kind: 'builtin' as const, taskId: 'ticket-routing' };

/** A paused stored run of the stand-in, and the profile it is stored in. */
async function pausedRun(): Promise<{ profile: Profile; runId: string }> {
  const profile = freshProfile();
  const service = createCopaService({ ...deps(adapterEnv(null)), storage: tabStorage(profile) });
  await service.useStandIn(0);
  const outcome = await service.startRun(
    { task, config: { cycles: 1, demoCandidates: 2, instructionCandidates: 2, stepMode: true } },
    () => undefined,
  );
  return { profile, runId: outcome.runId! };
}

/** Changes a stored run record behind the app's back, as a damaged disk or old build would. */
async function tamper(
  profile: Profile,
  runId: string,
  change: (record: Record<string, unknown>) => void,
): Promise<void> {
  const runs = new RunRepository(profile.runs);
  const record = structuredClone(await runs.get(runId)) as unknown as Record<string, unknown>;
  change(record);
  await runs.put(record as never);
}

describe('stored runs are checked with schemas when read', () => {
  it('a checkpoint with a damaged field is refused by name, saying which field', async () => {
    const { profile, runId } = await pausedRun();
    await tamper(profile, runId, (r) => {
      const checkpoints = r.checkpoints as { state: Record<string, unknown> }[];
      checkpoints[checkpoints.length - 1]!.state.totals = { calls: 'many' };
    });
    const service = createCopaService({ ...deps(adapterEnv(null)), storage: tabStorage(profile) });
    await service.useStandIn(0);
    const err = await service.runReport(runId).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'CheckpointError' });
    expect((err as Error).message).toContain('totals.calls');
    // Asked for its report, not to resume it: the message covers both.
    expect((err as Error).message).toContain('phases, results and report cannot be shown');
    await expect(service.resumeStoredRun(runId, () => undefined)).rejects.toMatchObject({
      name: 'CheckpointError',
    });
    // Nothing saved is lost: the run is still listed with its checkpoints.
    const listed = (await service.listRuns()).items.find((r) => r.id === runId);
    expect(listed?.checkpoints).toBeGreaterThan(0);
  });

  it("a phase's budget fit is read back with the run, and a damaged one is refused by name", async () => {
    const { profile, runId } = await pausedRun();
    const fit = { limit: 'time', changes: [{ setting: 'finalists', from: 3, to: 1 }] };
    const setFit = (value: unknown) =>
      tamper(profile, runId, (r) => {
        const checkpoints = r.checkpoints as { state: { history: Record<string, unknown>[] } }[];
        checkpoints[checkpoints.length - 1]!.state.history[0]!.fit = value;
      });
    await setFit(fit);
    const service = createCopaService({ ...deps(adapterEnv(null)), storage: tabStorage(profile) });
    await service.useStandIn(0);
    expect((await service.runReport(runId))?.phases[0]?.fit).toEqual(fit);
    await setFit({ ...fit, limit: 'patience' });
    const err = await service.runReport(runId).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'CheckpointError' });
    expect((err as Error).message).toContain('fit.limit');
  });

  it('a run whose settings are damaged is refused as a damaged record and kept', async () => {
    const { profile, runId } = await pausedRun();
    await tamper(profile, runId, (r) => {
      (r.config as Record<string, unknown>).engine = { kind: 'gpu-of-the-future' };
    });
    const service = createCopaService({ ...deps(adapterEnv(null)), storage: tabStorage(profile) });
    await service.useStandIn(0);
    await expect(service.runReport(runId)).rejects.toMatchObject({
      name: 'CorruptRecordError',
      message: expect.stringContaining('engine'),
    });
    await expect(service.resumeStoredRun(runId, () => undefined)).rejects.toMatchObject({
      name: 'CorruptRecordError',
    });
    expect((await service.listRuns()).items.map((r) => r.id)).toContain(runId);
  });

  it('a run whose settings lack a part says which part is missing', async () => {
    const { profile, runId } = await pausedRun();
    await tamper(profile, runId, (r) => {
      delete (r.config as Record<string, unknown>).request;
    });
    const service = createCopaService({ ...deps(adapterEnv(null)), storage: tabStorage(profile) });
    await expect(service.runReport(runId)).rejects.toMatchObject({
      name: 'CorruptRecordError',
      message: expect.stringContaining('its settings\' "request" is missing'),
    });
  });

  it('a run record too damaged to read is listed as such and can be deleted; other runs stay', async () => {
    const { profile, runId } = await pausedRun();
    await profile.runs('readwrite', (store) => {
      store.put({ schemaVersion: 1, id: 'bad-run', status: 'weird' }, 'bad-run');
      return promisifyRequest(store.transaction);
    });
    const service = createCopaService({ ...deps(adapterEnv(null)), storage: tabStorage(profile) });
    const before = await service.listRuns();
    expect(before.problems).toEqual([
      expect.objectContaining({ id: 'bad-run', name: 'CorruptRecordError' }),
    ]);
    // Deleting it failed with the same CorruptRecordError, so it could never leave the list.
    await service.deleteRun('bad-run');
    const after = await service.listRuns();
    expect(after.problems).toEqual([]);
    expect(after.items.map((r) => r.id)).toEqual([runId]);
  });

  it('a checkpoint stored before the demo budget, bootstrap patience and proposer examples existed resumes with their defaults', async () => {
    const { profile, runId } = await pausedRun();
    await tamper(profile, runId, (r) => {
      const checkpoints = r.checkpoints as { state: { config: Record<string, unknown> } }[];
      for (const c of checkpoints) {
        delete c.state.config.demoTokenBudget;
        delete c.state.config.bootstrapPatience;
        delete c.state.config.proposerExampleTokens;
      }
    });
    const service = createCopaService({ ...deps(adapterEnv(null)), storage: tabStorage(profile) });
    await service.useStandIn(0);
    const outcome = await service.resumeStoredRun(runId, () => undefined);
    expect(outcome.status).toBe('finished');
  });

  it('a checkpoint of another version is refused as such, whatever else it holds', () => {
    expect(() => parseCheckpoint({ version: 2 })).toThrow(/another version/);
    expect(() => parseCheckpoint(null)).toThrow(/another version/);
  });
});

describe('stored programs are checked as deeply as imports when read', () => {
  it('lists a program with a null step, a null demo or non-text labels as unreadable', async () => {
    const profile = freshProfile();
    const programs = new ProgramRepository(profile.programs);
    const base = new Program([predict('classify', 'text -> label: label[pos|neg]')]).toState();
    const step = base.steps[0]!;
    const record = (id: string, program: unknown) =>
      ({
        schemaVersion: 1,
        id,
        name: id,
        savedAt: '2026-01-01T00:00:00.000Z',
        origin: 'import-copa',
        program,
      }) as never;
    await programs.put(record('good', base));
    await programs.put(record('nullStep', { ...base, steps: [null] }));
    await programs.put(record('nullDemo', { ...base, steps: [{ ...step, demos: [null] }] }));
    const labels = { name: 'label', type: 'label', description: '', labels: [1, null] };
    await programs.put(
      record('labels', {
        ...base,
        steps: [{ ...step, signature: { ...step.signature, outputs: [labels] } }],
      }),
    );
    const service = createCopaService({ ...deps(adapterEnv(null)), storage: tabStorage(profile) });
    const listed = await service.listPrograms();
    expect(listed.items.map((p) => p.id)).toEqual(['good']);
    expect(Object.fromEntries(listed.problems.map((p) => [p.id, p.message]))).toEqual({
      nullStep: expect.stringMatching(/"steps.0" is null, expected an object/),
      nullDemo: expect.stringMatching(/"steps.0.demos.0" is null/),
      labels: expect.stringMatching(/"steps.0.signature.outputs.0.labels.0" is 1, expected text/),
    });
    expect(listed.problems.every((p) => p.name === 'CorruptRecordError')).toBe(true);
    await expect(service.exportProgram('nullStep', 'dspy-json')).rejects.toMatchObject({
      name: 'CorruptRecordError',
    });
  });
});
