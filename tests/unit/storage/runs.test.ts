import { describe, expect, it } from 'vitest';
import { freshStore, putRaw, storeThatFills } from './test-stores';
import { RunRepository, KEPT_CHECKPOINTS, type RunRecord } from '../../../src/storage/runs';
import { ProgramRepository } from '../../../src/storage/programs';
import { finishRun, runProgramId } from '../../../src/storage/finish-run';
import {
  NewerRecordError,
  RecordNotFoundError,
  StorageQuotaError,
} from '../../../src/storage/errors';
import { predict, Program } from '../../../src/core/program';

/** The runs a reload offers to resume: paused ones, and `running` ones whose tab died. */
async function unfinished(runs: RunRepository): Promise<RunRecord[]> {
  const { records } = await runs.list();
  return records.filter((r) => r.status === 'running' || r.status === 'paused');
}

describe('RunRepository', () => {
  it('creates a running run, appends checkpoints with their events atomically, lists it as unfinished', async () => {
    const runs = new RunRepository(freshStore());
    await runs.create({ id: 'r1', config: { seed: 1, cycles: 3 }, datasetId: 'd1' });
    await runs.saveCheckpoint('r1', { phase: 0, label: 'compile', state: { demos: ['a'] } }, [
      { type: 'phase-end', phase: 0 },
    ]);
    await runs.saveCheckpoint('r1', { phase: 1, label: 'prompt', state: { instruction: 'x' } }, [
      { type: 'candidate', score: 0.5 },
      { type: 'phase-end', phase: 1 },
    ]);
    const run = await runs.get('r1');
    expect(run?.status).toBe('running');
    expect(run?.checkpoints.map((c) => c.label)).toEqual(['compile', 'prompt']);
    expect(run?.eventCount).toBe(3);
    expect((await runs.lastCheckpoint('r1'))?.state).toEqual({ instruction: 'x' });
    expect(await runs.events('r1')).toEqual([
      { type: 'phase-end', phase: 0 },
      { type: 'candidate', score: 0.5 },
      { type: 'phase-end', phase: 1 },
    ]);
    expect(await runs.events('r1', 2)).toEqual([{ type: 'phase-end', phase: 1 }]);
    expect((await unfinished(runs)).map((r) => r.id)).toEqual(['r1']);
  });

  it('status changes: paused is unfinished; failed keeps the error; events of two runs stay apart', async () => {
    const runs = new RunRepository(freshStore());
    await runs.create({ id: 'a', config: {} });
    await runs.create({ id: 'b', config: {} });
    await runs.appendEvents('a', [1, 2]);
    await runs.appendEvents('b', [3]);
    await runs.setStatus('a', 'paused');
    await runs.setStatus('b', 'failed', {
      error: { name: 'DeviceLostError', message: 'GPU lost' },
    });
    expect((await unfinished(runs)).map((r) => r.id)).toEqual(['a']);
    expect((await runs.get('b'))?.error?.name).toBe('DeviceLostError');
    expect(await runs.events('a')).toEqual([1, 2]);
    expect(await runs.events('b')).toEqual([3]);
    // Event batches are not runs: list() sees only the two run records.
    expect((await runs.list()).records).toHaveLength(2);
  });

  it('a failed run that goes on again drops its error (a finished run showed why it had failed)', async () => {
    const runs = new RunRepository(freshStore());
    await runs.create({ id: 'r', config: {} });
    await runs.setStatus('r', 'failed', { error: { name: 'StorageQuotaError', message: 'full' } });
    await runs.setStatus('r', 'failed');
    expect((await runs.get('r'))?.error?.name).toBe('StorageQuotaError');
    await runs.setStatus('r', 'running');
    expect((await runs.get('r'))?.error).toBeUndefined();
    await runs.setStatus('r', 'finished', { programId: 'p' });
    expect(await runs.get('r')).not.toHaveProperty('error');
  });

  it('keeps only the newest checkpoints', async () => {
    const runs = new RunRepository(freshStore());
    await runs.create({ id: 'r', config: {} });
    for (let i = 0; i < KEPT_CHECKPOINTS + 3; i++)
      await runs.saveCheckpoint('r', { phase: i, label: `p${i}`, state: i });
    const run = await runs.get('r');
    expect(run?.checkpoints).toHaveLength(KEPT_CHECKPOINTS);
    expect(run?.checkpoints.at(-1)?.phase).toBe(KEPT_CHECKPOINTS + 2);
  });

  it('deleting a run deletes its events', async () => {
    const runs = new RunRepository(freshStore());
    await runs.create({ id: 'r', config: {} });
    await runs.appendEvents('r', ['x']);
    await runs.delete('r');
    expect(await runs.get('r')).toBeUndefined();
    expect(await runs.events('r')).toEqual([]);
  });

  it('a change to a missing or newer run fails and writes nothing', async () => {
    const store = freshStore();
    const runs = new RunRepository(store);
    await expect(
      runs.saveCheckpoint('nope', { phase: 0, label: 'c', state: null }, ['e']),
    ).rejects.toBeInstanceOf(RecordNotFoundError);
    expect(await runs.events('nope')).toEqual([]);
    await putRaw(store, 'future', { schemaVersion: 2, id: 'future' });
    await expect(runs.appendEvents('future', ['e'])).rejects.toBeInstanceOf(NewerRecordError);
    expect(await runs.events('future')).toEqual([]);
  });

  it('a checkpoint that hits the quota leaves the previous checkpoint and events intact', async () => {
    const { store, full } = storeThatFills(freshStore());
    const runs = new RunRepository(store);
    await runs.create({ id: 'r', config: {} });
    await runs.saveCheckpoint('r', { phase: 0, label: 'compile', state: 'first' }, ['e0']);
    full.on = true;
    await expect(
      runs.saveCheckpoint('r', { phase: 1, label: 'prompt', state: 'second' }, ['e1']),
    ).rejects.toBeInstanceOf(StorageQuotaError);
    full.on = false;
    expect((await runs.lastCheckpoint('r'))?.state).toBe('first');
    expect(await runs.events('r')).toEqual(['e0']);
    expect((await runs.get('r'))?.eventCount).toBe(1);
  });
});

describe('finishRun', () => {
  const program = {
    name: 'Best',
    savedAt: '2025-01-01T00:00:00.000Z',
    program: new Program([predict('p', 'a -> b')]).toState(),
    provenance: {
      modelId: 'm',
      engine: 'stand-in' as const,
      seed: 1,
      scores: { validation: 1 },
      createdAt: 'now',
    },
  };

  it('saves the program under a fixed id and marks the run finished with it; twice is harmless', async () => {
    const runs = new RunRepository(freshStore());
    const programs = new ProgramRepository(freshStore());
    await runs.create({ id: 'r', config: {} });
    await finishRun(runs, programs, 'r', program);
    await finishRun(runs, programs, 'r', { ...program, name: 'Best again' });
    const run = await runs.get('r');
    expect(run).toMatchObject({ status: 'finished', programId: runProgramId('r') });
    const saved = await programs.list();
    expect(saved.records.map((p) => [p.id, p.name, p.origin, p.runId])).toEqual([
      ['run-r', 'Best again', 'run', 'r'],
    ]);
  });

  it('if saving the program fails, the run stays unfinished (resumable)', async () => {
    const runs = new RunRepository(freshStore());
    const { store, full } = storeThatFills(freshStore());
    const programs = new ProgramRepository(store);
    await runs.create({ id: 'r', config: {} });
    full.on = true;
    await expect(finishRun(runs, programs, 'r', program)).rejects.toBeInstanceOf(StorageQuotaError);
    expect((await unfinished(runs)).map((r) => r.id)).toEqual(['r']);
  });
});
