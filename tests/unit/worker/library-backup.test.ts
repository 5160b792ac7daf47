import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_BUILD } from '../../../src/core/app-build';
import { getTask } from '../../../src/tasks/index';
import { ProgramRepository } from '../../../src/storage/programs';
import { RunRepository } from '../../../src/storage/runs';
import type { CopaWorkerApi, LibraryBackupFile } from '../../../src/worker/api';
import {
  LIBRARY_BACKUP_FORMAT,
  LIBRARY_BACKUP_MAX_BYTES,
} from '../../../src/worker/library-backup/backup-format';
import { createCopaService } from '../../../src/worker/service';
import { freshStore, putRaw, storeThatFills } from '../storage/test-stores';
import { adapterEnv, deps } from './fakes';
import {
  bytes,
  freshProfile,
  type Profile,
  smallRun,
  tabStorage,
  ticketCsv,
  TICKET_TASK,
} from './storage-fixtures';

function tab(profile: Profile): CopaWorkerApi {
  return createCopaService({ ...deps(adapterEnv(null)), storage: tabStorage(profile) });
}

/** Restores a backup's text (or bytes) as if the user picked a file of that name. */
function restore(
  service: CopaWorkerApi,
  content: string | Uint8Array<ArrayBuffer>,
  name = 'backup.json',
) {
  return service.restoreLibrary(name, new Blob([content]));
}

/** What the Library lists, by id and name: the same after a restore as before the backup. */
async function listed(service: CopaWorkerApi) {
  const [datasets, programs, runs] = await Promise.all([
    service.listDatasets(),
    service.listPrograms(),
    service.listRuns(),
  ]);
  const byId = (items: { id: string; name: string }[]) =>
    items.map((i) => [i.id, i.name]).sort((a, b) => a[0]!.localeCompare(b[0]!));
  return {
    datasets: byId(datasets.items),
    programs: byId(programs.items),
    runs: byId(runs.items),
    problems: [...datasets.problems, ...programs.problems, ...runs.problems],
  };
}

const none = { datasets: 0, programs: 0, runs: 0 };

/** A library with an imported dataset, a finished run on it (and its program), and an edited program. */
let source: {
  profile: Profile;
  service: CopaWorkerApi;
  backup: LibraryBackupFile;
  datasetId: string;
  runId: string;
  runProgramId: string;
};

beforeAll(async () => {
  const profile = freshProfile();
  const service = tab(profile);
  await service.useStandIn(0);
  const { dataset } = await service.importDataset({
    fileName: 'tickets.csv',
    bytes: bytes(ticketCsv(40)),
    taskId: 'ticket-routing',
    mapping: { ticket: 'text', department: 'label' },
    seed: 3,
    name: 'My tickets',
  });
  const outcome = await service.startRun(
    { task: TICKET_TASK, datasetId: dataset.id, config: smallRun(5) },
    () => undefined,
  );
  await service.saveProgram('My wording', getTask('ticket-routing').program.toState());
  source = {
    profile,
    service,
    backup: await service.backupLibrary(),
    datasetId: dataset.id,
    runId: outcome.runId!,
    runProgramId: outcome.programId!,
  };
}, 60_000);

describe('a library backup', () => {
  it('is one JSON file of every dataset, program and run with its events, named by date', () => {
    const { backup } = source;
    expect(backup.fileName).toMatch(/^copa-library-\d{4}-\d{2}-\d{2}\.json$/);
    expect(backup.bytes).toBe(new TextEncoder().encode(backup.text).length);
    expect(backup.included).toEqual({ datasets: 1, programs: 2, runs: 1 });
    expect(backup.leftOut).toEqual(none);
    const file = JSON.parse(backup.text) as Record<string, unknown> & {
      runs: { record: { id: string; eventCount: number }; events: unknown[] }[];
    };
    expect(file).toMatchObject({ format: LIBRARY_BACKUP_FORMAT, version: 1, app: APP_BUILD });
    expect(Object.keys(file)).not.toContain('lmCache');
    const [run] = file.runs;
    expect(run!.record.id).toBe(source.runId);
    // The app keeps a run's story in its checkpoints; an event log, where there is one, comes along.
    expect(run!.events.length).toBe(run!.record.eventCount);
  });

  it('restores into an empty library as it was: records, events, evaluation and results', async () => {
    const target = tab(freshProfile());
    const report = await restore(target, source.backup.text);
    expect(report).toMatchObject({
      added: { datasets: 1, programs: 2, runs: 1 },
      alreadyHere: none,
      copied: none,
      pausedRuns: 0,
    });
    expect(report.failure).toBeUndefined();
    expect(await listed(target)).toEqual(await listed(source.service));
    // The run's story and results come back from its events and checkpoints, on its dataset.
    expect(await target.storedRunHistory(source.runId)).toEqual(
      await source.service.storedRunHistory(source.runId),
    );
    const results = await target.storedRunResults(source.runId);
    expect(results).toMatchObject({ datasetId: source.datasetId, programId: source.runProgramId });
  });

  it('restored twice, or into the library it came from, adds nothing', async () => {
    const target = tab(freshProfile());
    await restore(target, source.backup.text);
    const before = await listed(target);
    const again = await restore(target, source.backup.text);
    expect(again).toMatchObject({
      added: none,
      copied: none,
      alreadyHere: { datasets: 1, programs: 2, runs: 1 },
    });
    expect(await listed(target)).toEqual(before);
    const home = await restore(source.service, source.backup.text);
    expect(home).toMatchObject({ added: none, copied: none });
  });

  it('leaves out records that cannot be read, and counts them', async () => {
    const profile = freshProfile();
    const service = tab(profile);
    await restore(service, source.backup.text);
    await putRaw(profile.programs, 'from-the-future', { schemaVersion: 99, id: 'from-the-future' });
    await putRaw(profile.datasets, 'broken', { schemaVersion: 1, id: 'broken', name: 3 });
    const backup = await service.backupLibrary();
    expect(backup.included).toEqual({ datasets: 1, programs: 2, runs: 1 });
    expect(backup.leftOut).toEqual({ datasets: 1, programs: 1, runs: 0 });
    expect(backup.text).not.toContain('from-the-future');
  });
});

describe('restoring never overwrites what is saved', () => {
  it('a record whose id holds different content is added as a copy, and references follow it', async () => {
    const profile = freshProfile();
    const target = tab(profile);
    // A different dataset under the backup dataset's id; the run and its program are not here.
    await putRaw(profile.datasets, source.datasetId, {
      ...(JSON.parse(source.backup.text) as { datasets: object[] }).datasets[0],
      name: 'Someone else’s tickets',
    });
    const report = await restore(target, source.backup.text);
    expect(report).toMatchObject({
      added: { datasets: 0, programs: 2, runs: 1 },
      copied: { datasets: 1, programs: 0, runs: 0 },
    });
    const datasets = (await target.listDatasets()).items;
    const kept = datasets.find((d) => d.id === source.datasetId);
    const copy = datasets.find((d) => d.id !== source.datasetId);
    expect(kept?.name).toBe('Someone else’s tickets');
    expect(copy?.name).toBe('My tickets (restored)');
    // The run and its program point at the copy, the data they were made on.
    const run = await new RunRepository(profile.runs).get(source.runId);
    expect(run?.datasetId).toBe(copy?.id);
    expect((run?.config.request as { datasetId?: string }).datasetId).toBe(copy?.id);
    const program = await new ProgramRepository(profile.programs).get(source.runProgramId);
    expect(program?.provenance?.datasetId).toBe(copy?.id);
    expect(await target.storedRunResults(source.runId)).toMatchObject({ datasetId: copy?.id });
    // The copy is found again: a second restore adds nothing.
    const again = await restore(target, source.backup.text);
    expect(again).toMatchObject({ added: none, copied: none });
    expect((await target.listDatasets()).items).toHaveLength(2);
  });

  it('a run that changed since the backup stays, and the backup’s is added beside it', async () => {
    const profile = freshProfile();
    const target = tab(profile);
    await restore(target, source.backup.text);
    const runs = new RunRepository(profile.runs);
    await runs.setStatus(source.runId, 'failed', { error: { name: 'X', message: 'changed here' } });
    const changed = await runs.get(source.runId);
    const report = await restore(target, source.backup.text);
    expect(report).toMatchObject({
      added: none,
      alreadyHere: { datasets: 1, programs: 2, runs: 0 },
      copied: { datasets: 0, programs: 0, runs: 1 },
    });
    expect(await runs.get(source.runId)).toEqual(changed);
    const listedRuns = (await target.listRuns()).items;
    const copy = listedRuns.find((r) => r.id !== source.runId)!;
    expect(copy.name).toMatch(/ \(restored\)$/);
    expect(copy.status).toBe('finished');
    // Its program is the same as the one here: the copy points at it, not at a duplicate.
    expect(copy.programId).toBe(source.runProgramId);
    expect((await target.listPrograms()).items).toHaveLength(2);
    expect(await target.storedRunHistory(copy.id)).toEqual(
      await source.service.storedRunHistory(source.runId),
    );
    expect(await restore(target, source.backup.text)).toMatchObject({
      added: none,
      copied: none,
    });
  });

  it('a stored record that cannot be read keeps its id; the backup’s is added as a copy', async () => {
    const profile = freshProfile();
    await putRaw(profile.programs, source.runProgramId, { schemaVersion: 99 });
    const target = tab(profile);
    const report = await restore(target, source.backup.text);
    expect(report.copied.programs).toBe(1);
    expect((await target.listPrograms()).problems.map((p) => p.id)).toEqual([source.runProgramId]);
  });

  it('a run the backup has as running is restored as paused, with its event log', async () => {
    const file = JSON.parse(source.backup.text) as {
      runs: { record: { status: string; eventCount: number }; events: unknown[] }[];
    };
    const events = [
      { type: 'phase-start', phase: 0 },
      { type: 'note', text: 'ünïcode' },
    ];
    Object.assign(file.runs[0]!, { events });
    Object.assign(file.runs[0]!.record, { status: 'running', eventCount: events.length });
    const profile = freshProfile();
    const target = tab(profile);
    const report = await restore(target, JSON.stringify(file));
    expect(report.pausedRuns).toBe(1);
    expect((await target.listRuns()).items.map((r) => r.status)).toEqual(['paused']);
    expect(await new RunRepository(profile.runs).events(source.runId)).toEqual(events);
    // The paused form is what is here now: the same file again adds nothing.
    expect(await restore(target, JSON.stringify(file))).toMatchObject({
      added: none,
      copied: none,
    });
  });

  it('storage full mid-restore keeps what was written whole, says what was not, and a retry finishes', async () => {
    const { store, full } = storeThatFills(freshStore('runs'));
    const profile: Profile = { ...freshProfile(), runs: store };
    const target = tab(profile);
    full.on = true;
    const report = await restore(target, source.backup.text);
    expect(report.failure).toMatchObject({ notRestored: ['runs'], name: 'StorageQuotaError' });
    expect(report.added).toEqual({ datasets: 1, programs: 2, runs: 0 });
    expect((await target.listRuns()).items).toEqual([]);
    full.on = false;
    const retry = await restore(target, source.backup.text);
    expect(retry).toMatchObject({
      added: { datasets: 0, programs: 0, runs: 1 },
      alreadyHere: { datasets: 1, programs: 2, runs: 0 },
    });
    expect(await listed(target)).toEqual(await listed(source.service));
  });
});

describe('restoring refuses a file that is not a backup, and changes nothing', () => {
  const fixture = (name: string): string =>
    readFileSync(resolve(__dirname, '../../fixtures/dspy', name), 'utf8');

  /** A library with one dataset, to check that a refusal leaves it as it was. */
  async function withOneDataset(): Promise<{ service: CopaWorkerApi; profile: Profile }> {
    const profile = freshProfile();
    const service = tab(profile);
    await service.importDataset({
      fileName: 'tickets.csv',
      bytes: bytes(ticketCsv(20)),
      taskId: 'ticket-routing',
      mapping: { ticket: 'text', department: 'label' },
      seed: 1,
    });
    return { service, profile };
  }

  const withFile = (change: (file: Record<string, unknown>) => void): string => {
    const file = JSON.parse(source.backup.text) as Record<string, unknown>;
    change(file);
    return JSON.stringify(file);
  };

  // Contents are made when a test runs: the source library is saved before the tests, not before this list.
  const cases: [string, () => string | Uint8Array<ArrayBuffer>, RegExp][] = [
    [
      'DSPy program',
      () => fixture('bare-predict-3.0.json'),
      /is a DSPy program file, not a library backup: import it with “Import a program file”/,
    ],
    [
      'dataset CSV',
      () => ticketCsv(5),
      /is not valid JSON at line 1, column \d+\. A backup is the copa-library-….json file/,
    ],
    [
      'dataset JSON Lines',
      () => '{"a":1}\n{"a":2}\n',
      /is JSON Lines with 2 records \(a dataset\), not a library backup: import it on the Data screen/,
    ],
    [
      'dataset JSON',
      () => '[{"text":"a","label":"b"}]',
      /is a list of 1 record \(a dataset\), not a library backup/,
    ],
    [
      'cut-off download',
      () => source.backup.text.slice(0, 5000),
      /ends before its JSON is complete .* Get the whole file again and restore from it/,
    ],
    ['empty file', () => '', /is empty\./],
    [
      'newer backup',
      () => withFile((f) => (f.version = 2)),
      /newer version of COPA Playground \(backup version 2; this version reads up to 1\)/,
    ],
    [
      'newer record',
      () => withFile((f) => ((f.programs as { schemaVersion: number }[])[0]!.schemaVersion = 7)),
      /programs item 1: the program ".*" was saved by a newer version/,
    ],
    [
      'damaged record',
      () => withFile((f) => ((f.datasets as { splits: unknown }[])[0]!.splits = 'gone')),
      /datasets item 1: the dataset ".*" is damaged \("splits" is not an object\)/,
    ],
    [
      'damaged event log',
      () => withFile((f) => (f.runs as { events: unknown[] }[])[0]!.events.push({ kind: 'extra' })),
      /runs item 1: the run ".*" is damaged \(its record counts \d+ events but \d+ are stored\)/,
    ],
    [
      'repeated id',
      () =>
        withFile(
          (f) => (f.programs = [...(f.programs as unknown[]), (f.programs as unknown[])[0]]),
        ),
      /its programs hold ".*" twice/,
    ],
    [
      'missing collection',
      () => withFile((f) => delete f.runs),
      /is not a whole backup: its "runs"/,
    ],
    [
      'Latin-1 text',
      () => Uint8Array.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]),
      /is not UTF-8 text: the byte at offset 2 \(line 1\)/,
    ],
    [
      'spreadsheet',
      () => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]),
      /is a ZIP archive .*, not a JSON text file, so it cannot be restored \(nothing was restored\)/,
    ],
  ];

  it.each(cases)('a %s', async (_what, content, message) => {
    const { service } = await withOneDataset();
    const before = await listed(service);
    const err = await restore(service, content(), 'picked.json').catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'LibraryBackupError' });
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toMatch(/^picked\.json|[Nn]othing was restored/);
    expect(await listed(service)).toEqual(before);
  });

  it('a program exported from the Library', async () => {
    const { service } = await withOneDataset();
    const exported = await source.service.exportProgram(source.runProgramId, 'copa-json');
    await expect(restore(service, exported.text, exported.fileName)).rejects.toMatchObject({
      name: 'LibraryBackupError',
      message: expect.stringContaining(
        'is a program exported from the Library, not a library backup',
      ),
    });
  });

  it('a file over the size limit, without reading it', async () => {
    const { service } = await withOneDataset();
    const before = await listed(service);
    const huge = {
      size: LIBRARY_BACKUP_MAX_BYTES + 1,
      arrayBuffer: () => Promise.reject(new Error('read')),
    } as unknown as Blob;
    await expect(service.restoreLibrary('huge.json', huge)).rejects.toMatchObject({
      name: 'LibraryBackupError',
      message: expect.stringMatching(
        /^huge\.json is 200\.0 MB; a restore reads backups up to 200\.0 MB/,
      ),
    });
    expect(await listed(service)).toEqual(before);
  });
});
