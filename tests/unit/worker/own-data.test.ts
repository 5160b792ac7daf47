import { describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../../src/worker/service';
import { createCopaService } from '../../../src/worker/service';
import type { CopaWorkerApi } from '../../../src/worker/api';
import { adapterEnv, deps } from './fakes';
import { DatasetRepository } from '../../../src/storage/datasets';
import {
  bytes,
  freshProfile,
  type Profile,
  sharedLocks,
  tabStorage,
  TICKET_TASK,
  smallRun,
} from './storage-fixtures';

const task = TICKET_TASK;
const small = smallRun(7);

function tab(profile: Profile, extra: Partial<ServiceDeps> = {}): CopaWorkerApi {
  return createCopaService({
    ...deps(adapterEnv(null)),
    storage: tabStorage(profile, sharedLocks()),
    ...extra,
  });
}

/** A headerless news file: class index, title, description (as AG News ships). */
function headerlessNews(rows: number): string {
  return Array.from(
    { length: rows },
    (_, i) =>
      `${(i % 4) + 1},"Headline number ${i} about topic ${i % 4}","A longer description of story ${i}, about topic ${i % 4}."`,
  ).join('\n');
}

/** 77 intents, each 4 times, with a header. */
function intents(): string {
  const lines = ['utterance,intent'];
  for (let k = 0; k < 4; k++)
    for (let i = 0; i < 77; i++) lines.push(`please help with thing ${i} (${k}),intent_${i}`);
  return lines.join('\n');
}

describe('Own data: imports that make a task of their own', () => {
  it('in a small file whose every value is distinct, the label goes to the column of short values', async () => {
    const service = tab(freshProfile());
    // Either column order: the guess must not depend on which column comes first.
    for (const header of ['text,category', 'category,text']) {
      const rows = [
        ['My invoice shows a charge I do not recognise, please check it', 'billing'],
        ['The app crashes every time I open the settings page', 'technical'],
        ['I cannot log in since I changed my email address', 'account'],
        ['My parcel has not arrived after two weeks of waiting', 'shipping'],
        ['I would like to send back the shoes, they are too small', 'returns'],
      ].map(([text, label]) =>
        header.startsWith('text') ? `"${text}",${label}` : `${label},"${text}"`,
      );
      const file = { fileName: 'five.csv', bytes: bytes([header, ...rows].join('\n')) };
      const preview = await service.previewDataset(file, 'ticket-routing', 5);
      expect(preview.columnValues.text?.distinct).toBe(preview.columnValues.category?.distinct);
      expect(preview.suggestedMapping).toMatchObject({ department: 'category', ticket: 'text' });
    }
  });

  it("a JSON object of splits has its pairs' columns guessed, never the split's", async () => {
    const service = tab(freshProfile());
    const pairs = (n: number, part: string) =>
      Array.from({ length: n }, (_, i) => [
        `please help me with request ${i} of ${part}`,
        `intent_${i % 9}`,
      ]);
    const json = JSON.stringify({
      train: pairs(30, 'train'),
      val: pairs(10, 'val'),
      test: pairs(10, 'test'),
    });
    const preview = await service.previewDataset(
      { fileName: 'data_full.json', bytes: bytes(json) },
      'ticket-routing',
      3,
    );
    expect(preview.columns).toEqual(['col_1', 'col_2', 'split']);
    expect(preview.columnValues.split?.distinct).toBe(3);
    expect(preview.suggestedMapping).toEqual({ department: 'col_2', ticket: 'col_1' });
    // The lists' columns are offered for naming, as a headerless CSV's are.
    expect(preview.positionalColumns).toEqual(['col_1', 'col_2']);
  });

  it('JSON rows that are lists of values take the names the user gives, in the program too', async () => {
    const service = tab(freshProfile());
    const pairs = Array.from({ length: 40 }, (_, i) => [
      `please help me with request ${i}`,
      `intent_${i % 4}`,
    ]);
    const file = {
      fileName: 'data_full.json',
      bytes: bytes(JSON.stringify({ train: pairs.slice(0, 30), val: pairs.slice(30) })),
      columnNames: ['text', 'intent'],
    };
    const preview = await service.previewDataset(file, 'ticket-routing', 3);
    expect(preview.issues).toEqual([]);
    expect(preview.columns).toEqual(['text', 'intent', 'split']);
    expect(preview.positionalColumns).toEqual(['text', 'intent']);
    expect(preview.suggestedMapping).toEqual({ department: 'intent', ticket: 'text' });

    const { dataset } = await service.importDataset({
      ...file,
      taskId: 'ticket-routing',
      mapping: preview.suggestedMapping,
      useColumnNames: true,
      seed: 1,
    });
    expect(dataset.inputFields).toEqual(['text']);
    expect(dataset.outputFields).toEqual(['intent']);
    const signature = dataset.program?.steps[0]?.signature;
    expect(signature?.inputs.map((f) => f.name)).toEqual(['text']);
    expect(signature?.outputs.map((f) => f.name)).toEqual(['intent']);
    expect(JSON.stringify(dataset.program)).not.toMatch(/col_\d/);

    const refused = await service.previewDataset(
      { ...file, columnNames: ['text', '__proto__'] },
      'ticket-routing',
      3,
    );
    expect(refused.issues).toEqual([
      { column: 'col_2', message: expect.stringMatching(/“__proto__”, is reserved/) },
    ]);
  });

  it.each([
    [{ seed: Infinity }, 'Split seed must be a whole number'],
    [{ seed: 1.5 }, 'Split seed must be a whole number'],
    [{ maxRows: -1 }, 'Rows to keep must be a whole number from 1 to 5,000'],
    [{ maxRows: 1e12 }, 'Rows to keep must be a whole number from 1 to 5,000'],
    [
      { ratios: { train: NaN, val: 30, test: 20 } },
      'Each split share must be a number of 0 or more',
    ],
    [{ ratios: { train: 0, val: 0, test: 0 } }, 'The training share must be above 0'],
    [
      { ratios: { train: 60, val: 0, test: 40 } },
      'The validation share must be above 0: COPA scores every candidate on the validation examples',
    ],
    [
      { ratios: { train: 0, val: 50, test: 50 } },
      'The training share must be above 0: COPA picks its demos from the training examples',
    ],
  ])(
    'an import asked with %o is refused with what is allowed, and saves nothing',
    async (options, words) => {
      const profile = freshProfile();
      const service = tab(profile);
      const lines = Array.from({ length: 30 }, (_, i) => `${i % 2} a film review number ${i}`);
      const asked = service.importDataset({
        fileName: 'reviews.txt',
        bytes: bytes(lines.join('\n')),
        taskId: 'ticket-routing',
        mapping: { ticket: 'text', department: 'label' },
        seed: 1,
        ...options,
      });
      await expect(asked).rejects.toMatchObject({ name: 'DatasetImportError' });
      await expect(asked).rejects.toThrow(words);
      expect((await new DatasetRepository(profile.datasets).list()).records).toEqual([]);
    },
  );

  it('label codes renamed at import become the labels of the program made from the data', async () => {
    const profile = freshProfile();
    const service = tab(profile);
    const lines = Array.from({ length: 30 }, (_, i) => `${i % 2} a film review number ${i}`);
    const { dataset } = await service.importDataset({
      fileName: 'stsa.binary.dev',
      bytes: bytes(lines.join('\n')),
      taskId: 'ticket-routing',
      mapping: { ticket: 'text', department: 'label' },
      valueNames: { department: { '0': 'negative', '1': 'positive' } },
      useColumnNames: true,
      seed: 1,
    });
    const output = dataset.program?.steps[0]?.signature.outputs[0];
    expect(output).toMatchObject({ name: 'label', type: 'label' });
    expect([...(output?.labels ?? [])].sort()).toEqual(['negative', 'positive']);
    const stored = await new DatasetRepository(profile.datasets).get(dataset.id);
    if (!stored) throw new Error('the dataset was not stored');
    expect(stored.valueNames).toEqual({ label: { '0': 'negative', '1': 'positive' } });
    expect(new Set(stored.splits.train.map((e) => e.data.label))).toEqual(
      new Set(['negative', 'positive']),
    );
  });

  it('a headerless file is detected, its columns guessed, and the task named after it', async () => {
    const service = tab(freshProfile());
    const file = { fileName: 'ag_news.csv', bytes: bytes(headerlessNews(60)) };
    const preview = await service.previewDataset(file, 'ticket-routing', 3);
    expect(preview.header).toMatchObject({ present: false });
    expect(preview.columns).toEqual(['col_1', 'col_2', 'col_3']);
    expect(preview.totalRows).toBe(60);
    expect(preview.columnValues.col_1?.top.map((v) => v.value).sort()).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
    // The class column has the fewest values, the text the most.
    expect(preview.suggestedMapping.department).toBe('col_1');
    expect(['col_2', 'col_3']).toContain(preview.suggestedMapping.ticket);

    const { dataset } = await service.importDataset({
      ...file,
      taskId: 'ticket-routing',
      mapping: preview.suggestedMapping,
      useColumnNames: true,
      seed: 1,
    });
    expect(dataset.name).toBe('ag news');
    expect(dataset.description).toMatch(
      /answers “col_1”, one of 4 labels\. Made from ag_news\.csv/,
    );
    const total = dataset.sizes.train + dataset.sizes.val + dataset.sizes.test;
    expect(total).toBe(60);
    const output = dataset.program?.steps[0]?.signature.outputs[0];
    expect(output).toMatchObject({ name: 'col_1', type: 'label' });
    expect(dataset.program?.description).toBe(dataset.description);
    expect(JSON.stringify(dataset.program)).not.toMatch(/department|ticket/i);
  });

  it('77 labels stay labels, sampling keeps all of them in training, and the run is named after the data', async () => {
    const service = tab(freshProfile());
    await service.useStandIn(0);
    const { dataset, notices } = await service.importDataset({
      fileName: 'train.csv',
      bytes: bytes(intents()),
      taskId: 'ticket-routing',
      mapping: { ticket: 'utterance', department: 'intent' },
      useColumnNames: true,
      seed: 4,
      maxRows: 120,
    });
    expect(dataset.name).toBe('Intent from utterance (train.csv)');
    // The column the user chose, not the task's field name it no longer has.
    expect(notices.join(' ')).toMatch(/sample of 120 .*keeping every value of intent\)/);
    const labels = dataset.program?.steps[0]?.signature.outputs[0]?.labels ?? [];
    expect(labels).toHaveLength(77);
    expect(dataset.rules?.constraints.find((c) => c.kind === 'one-of')).toMatchObject({
      field: 'intent',
    });

    const overview = await service.taskOverview({ task, datasetId: dataset.id });
    expect(overview.labelMismatches).toEqual([]);

    const outcome = await service.startRun(
      { task, datasetId: dataset.id, config: small },
      () => {},
    );
    const runs = (await service.listRuns()).items;
    expect(runs[0]?.name).toBe('Intent from utterance (train.csv)');
    const exported = await service.exportProgram(outcome.programId ?? '', 'dspy-json');
    expect(exported.fileName).toMatch(/^intent-from-utterance-train-csv-.*\.dspy\.json$/);
    expect(exported.fileName).not.toMatch(/support|ticket/);
    const layout = JSON.parse(exported.text).metadata.copa_playground;
    expect(JSON.stringify(layout)).toContain('intent_76');
  });
});

describe('Own data: results that last', () => {
  it('the latest finished run and its kept evaluation come back in a new tab', async () => {
    const profile = freshProfile();
    const first = tab(profile);
    await first.useStandIn(0);
    expect(await first.storedRunResults()).toBeNull();
    const outcome = await first.startRun({ task, config: small }, () => {});
    const runId = outcome.runId ?? '';
    const baseline = await first.evaluateProgram({ task, split: 'test', limit: 5 });
    const optimized = await first.evaluateProgram({
      task,
      split: 'test',
      limit: 5,
      program: outcome.result.program,
    });
    await first.saveRunEvaluation(runId, { baseline, optimized });

    const second = tab(profile);
    const shown = await second.storedRunResults();
    expect(shown).toMatchObject({ runId, taskId: 'ticket-routing', status: 'finished' });
    expect(shown?.bestProgram).toEqual(outcome.result.program);
    expect(shown?.startProgram.steps[0]?.signature.instruction).toBeTruthy();
    expect(shown?.evaluation?.baseline.score).toBe(baseline.score);
    expect(shown?.evaluation?.optimized?.results).toHaveLength(optimized.results.length);
    expect(shown?.programId).toBe(outcome.programId);
    await expect(second.storedRunResults('no-such-run')).rejects.toMatchObject({
      name: 'RecordNotFoundError',
    });
  });

  it('a run whose program was deleted from the Library offers no program to export', async () => {
    const profile = freshProfile();
    const first = tab(profile);
    await first.useStandIn(0);
    const outcome = await first.startRun({ task, config: small }, () => {});
    await first.deleteProgram(outcome.programId ?? '');
    const shown = await tab(profile).storedRunResults(outcome.runId);
    expect(shown?.status).toBe('finished');
    expect(shown?.programId).toBeUndefined();
  });
});
