import { describe, expect, it } from 'vitest';
import { createCopaService } from '../../../src/worker/service';
import type { CopaWorkerApi } from '../../../src/worker/api';
import { MAX_RECORD_NAME_CHARS } from '../../../src/core/record-name';
import { adapterEnv, deps } from './fakes';
import {
  bytes,
  freshProfile,
  type Profile,
  smallRun,
  storedSplits,
  tabStorage,
  ticketCsv,
  TICKET_TASK,
} from './storage-fixtures';

function tab(profile: Profile): CopaWorkerApi {
  return createCopaService({ ...deps(adapterEnv(null)), storage: tabStorage(profile) });
}

const tooLong = 'x'.repeat(MAX_RECORD_NAME_CHARS + 1);

describe('Renaming saved records', () => {
  it('renames a program in place: trimmed, same id, program and provenance; a bad name changes nothing', async () => {
    const service = tab(freshProfile());
    await service.useStandIn(0);
    const outcome = await service.startRun(
      { task: TICKET_TASK, config: smallRun(3) },
      () => undefined,
    );
    const [before] = (await service.listPrograms()).items;
    const renamed = await service.renameProgram(outcome.programId!, '  Routing, tuned  ');
    expect(renamed).toEqual({ ...before, name: 'Routing, tuned' });
    expect((await service.listPrograms()).items).toEqual([renamed]);

    for (const bad of ['   ', tooLong])
      await expect(service.renameProgram(renamed.id, bad)).rejects.toMatchObject({
        name: 'RecordNameError',
      });
    expect((await service.listPrograms()).items).toEqual([renamed]);
    await expect(service.renameProgram('missing', 'A name')).rejects.toMatchObject({
      name: 'RecordNotFoundError',
    });
  });

  it('renames a dataset without touching its rows, and the task on it is named anew', async () => {
    const profile = freshProfile();
    const service = tab(profile);
    const { dataset } = await service.importDataset({
      fileName: 'tickets.csv',
      bytes: bytes(ticketCsv(40)),
      taskId: 'ticket-routing',
      mapping: { ticket: 'text', department: 'label' },
      seed: 3,
    });
    const splits = await storedSplits(profile, dataset.id);
    const renamed = await service.renameDataset(dataset.id, 'Support tickets, March');
    expect(renamed).toEqual({ ...dataset, name: 'Support tickets, March' });
    expect(await storedSplits(profile, dataset.id)).toEqual(splits);
    await expect(service.renameDataset(dataset.id, '')).rejects.toMatchObject({
      name: 'RecordNameError',
    });
    expect((await service.listDatasets()).items.map((d) => d.name)).toEqual([
      'Support tickets, March',
    ]);
    // A run on it from now on carries the new name (its report, its results, its program).
    await service.useStandIn(0);
    const outcome = await service.startRun(
      { task: TICKET_TASK, datasetId: dataset.id, config: smallRun(1) },
      () => undefined,
    );
    expect((await service.runReport(outcome.runId!))?.name).toBe('Support tickets, March');
  });

  it('renames a finished run: report and results take the name, its dates (and order) stay', async () => {
    const service = tab(freshProfile());
    await service.useStandIn(0);
    const first = await service.startRun(
      { task: TICKET_TASK, config: smallRun(1) },
      () => undefined,
    );
    await service.startRun({ task: TICKET_TASK, config: smallRun(2) }, () => undefined);
    const before = (await service.listRuns()).items.find((r) => r.id === first.runId)!;
    const renamed = await service.renameRun(first.runId!, 'Seed 1, first try');
    expect(renamed).toEqual({ ...before, name: 'Seed 1, first try' });
    expect((await service.runReport(first.runId!))?.name).toBe('Seed 1, first try');
    expect((await service.storedRunResults(first.runId!))?.name).toBe('Seed 1, first try');
    // Renaming did not make the older run the latest one (reopened after a reload).
    expect((await service.storedRunResults())?.runId).not.toBe(first.runId);
    await expect(service.renameRun(first.runId!, tooLong)).rejects.toMatchObject({
      name: 'RecordNameError',
      message: expect.stringContaining(`at most ${MAX_RECORD_NAME_CHARS}`),
    });
  });

  it('a run renamed while it goes on keeps its checkpoints and names its program after the new name', async () => {
    const service = tab(freshProfile());
    await service.useStandIn(0);
    let renaming: Promise<unknown> | null = null;
    const outcome = await service.startRun(
      { task: TICKET_TASK, config: { ...smallRun(5), cycles: 2 } },
      (events) => {
        if (renaming || !events.some((e) => e.type === 'phase-finished')) return;
        renaming = service
          .listRuns()
          .then(({ items }) => service.renameRun(items[0]!.id, 'Renamed mid-run'));
      },
    );
    expect(renaming).not.toBeNull();
    await renaming;
    const [run] = (await service.listRuns()).items;
    expect(run).toMatchObject({ name: 'Renamed mid-run', status: 'finished', checkpoints: 6 });
    const [program] = (await service.listPrograms()).items;
    expect(program?.id).toBe(outcome.programId);
    expect(program?.name).toMatch(/^Renamed mid-run · /);
  });
});
