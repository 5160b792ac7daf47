import { describe, expect, it } from 'vitest';
import { createCopaService } from '../../../src/worker/service';
import type { CopaWorkerApi } from '../../../src/worker/api';
import { MAX_VALUE_CHARS } from '../../../src/core/interop/dataset/mapping';
import { checkProgramState } from '../../../src/core/interop/program-schema';
import type { ProgramState } from '../../../src/core/program';
import { adapterEnv, deps } from './fakes';
import { bytes, freshProfile, sharedLocks, tabStorage } from './storage-fixtures';

function tab(): CopaWorkerApi {
  return createCopaService({
    ...deps(adapterEnv(null)),
    storage: tabStorage(freshProfile(), sharedLocks()),
  });
}

/** `labels` intents, `each` rows apiece, with a header. */
function intents(labels: number, each: number, label = (i: number) => `intent_${i}`): string {
  const lines = ['text,intent'];
  for (let k = 0; k < each; k++)
    for (let i = 0; i < labels; i++) lines.push(`please help with thing ${i} (${k}),${label(i)}`);
  return lines.join('\n');
}

async function importAndList(service: CopaWorkerApi, text: string) {
  const imported = await service.importDataset({
    fileName: 'many.csv',
    bytes: bytes(text),
    taskId: 'ticket-routing',
    mapping: { ticket: 'text', department: 'intent' },
    useColumnNames: true,
    seed: 1,
    maxRows: 5000,
  });
  return { ...imported, listed: await service.listDatasets() };
}

// A dataset keeps the program adapted to it, and a stored program is read back with the limits
// of a program file: what an import saves must be within them, or it is listed as damaged
// (600 labels were saved as labels, then read back as "damaged and cannot be read").
describe('Own data: what an import saves, the Library can read back', () => {
  it('a column of more labels than a program may hold becomes a text field, and is said to', async () => {
    const { dataset, notices, listed } = await importAndList(tab(), intents(600, 3));
    expect(listed.problems).toEqual([]);
    expect(listed.items.map((d) => d.id)).toEqual([dataset.id]);
    const intent = dataset.program?.steps[0]?.signature.outputs[0];
    expect(intent?.type).toBe('text');
    expect(notices.join(' ')).toMatch(/“intent” has 600 different values in 1,800 rows/);
  });

  it('as many labels as a program may hold stay labels', async () => {
    const { dataset, listed } = await importAndList(tab(), intents(500, 3));
    expect(listed.problems).toEqual([]);
    expect(dataset.program?.steps[0]?.signature.outputs[0]?.labels).toHaveLength(500);
  });

  it('a repeated value too long to be a label becomes a text field, and is said to', async () => {
    const long = (i: number) => `answer ${i}: ${'a template answer '.repeat(15)}`;
    const { dataset, notices, listed } = await importAndList(tab(), intents(3, 10, long));
    expect(listed.problems).toEqual([]);
    expect(dataset.program?.steps[0]?.signature.outputs[0]?.type).toBe('text');
    expect(notices.join(' ')).toMatch(/longer than a label may be \(200\)/);
  });

  it('a program whose demo holds a value as long as a dataset may is readable', () => {
    const program: ProgramState = {
      version: 1,
      description: '',
      steps: [
        {
          name: 'route',
          chainOfThought: false,
          signature: {
            instruction: 'Route it.',
            inputs: [{ name: 'ticket', description: '', type: 'text' }],
            outputs: [{ name: 'department', description: '', type: 'text' }],
          },
          demos: [
            {
              data: { ticket: 'x'.repeat(MAX_VALUE_CHARS), department: 'billing' },
              augmented: false,
            },
          ],
        },
      ],
    };
    expect(checkProgramState(program).ok).toBe(true);
  });
});

describe('Own data: a long column name', () => {
  it('names a field no longer than a program allows, and the dataset reads back', async () => {
    const column = `the_customer_message_as_it_was_written_in_the_support_portal_${'x'.repeat(40)}`;
    const csv = intents(4, 3).replace('text,intent', `${column},intent`);
    const service = tab();
    const { dataset } = await service.importDataset({
      fileName: 'long-names.csv',
      bytes: bytes(csv),
      // Read as a header although its first cell is long (the user unticks First row is data).
      header: true,
      taskId: 'ticket-routing',
      mapping: { ticket: column, department: 'intent' },
      useColumnNames: true,
      seed: 1,
    });
    const listed = await service.listDatasets();
    expect(listed.problems).toEqual([]);
    expect(dataset.inputFields[0]?.length).toBeLessThanOrEqual(64);
  });
});

describe('Own data: the same file imported twice', () => {
  it('gives the second dataset a name of its own, and says so', async () => {
    const service = tab();
    const file = {
      fileName: 'tickets.csv',
      bytes: bytes(intents(4, 3)),
      taskId: 'ticket-routing',
      mapping: { ticket: 'text', department: 'intent' },
      useColumnNames: true,
      seed: 1,
    };
    const first = await service.importDataset(file);
    const second = await service.importDataset(file);
    const typed = await service.importDataset({ ...file, name: first.dataset.name });
    expect([first, second, typed].map((r) => r.dataset.name)).toEqual([
      'tickets',
      'tickets (2)',
      'tickets (3)',
    ]);
    expect(second.notices[0]).toBe(
      'A dataset named “tickets” is already saved, so this one is named “tickets (2)”; rename either in the Library.',
    );
    expect(first.notices.join(' ')).not.toContain('already saved');
  });
});
