import { describe, expect, it } from 'vitest';
import type {
  DatasetSummary,
  TaskMetadata,
  TaskOverview,
  TaskOverviewRequest,
} from '../../../src/worker/api';
import type { CopaClient } from '../../../src/worker/client';
import { TaskState } from '../../../src/ui/task-state.svelte';

/** A client whose overviews answer only when the test says, in any order. */
function slowOverviews() {
  const pending: { request: TaskOverviewRequest; answer: (o: TaskOverview) => void }[] = [];
  const client = {
    taskOverview: (request: TaskOverviewRequest) =>
      new Promise<TaskOverview>((answer) => pending.push({ request, answer })),
    listDatasets: async () => ({ items: [], problems: [] }),
  } as unknown as CopaClient;
  return { client, pending };
}

function overview(lmCalls: number): TaskOverview {
  return {
    program: { version: 1, description: '', steps: [] },
    constraints: [],
    sizes: { train: 1, val: 1, test: 1 },
    estimate: { lmCalls } as TaskOverview['estimate'],
    sampleInputs: [],
    dataFields: [],
    labelMismatches: [],
  };
}

describe('TaskState.refresh', () => {
  it('keeps the newest overview when an older answer arrives after it', async () => {
    const { client, pending } = slowOverviews();
    const task = new TaskState(client);
    task.taskId = 'ticket-routing';
    const older = task.refresh({ cycles: 1 });
    const newer = task.refresh({ cycles: 3 });
    expect(pending.map((p) => p.request.config?.cycles)).toEqual([1, 3]);
    pending[1]!.answer(overview(300));
    await newer;
    pending[0]!.answer(overview(100));
    await older;
    expect(task.overview?.estimate.lmCalls).toBe(300);
  });

  it('uses an answer that is still the newest', async () => {
    const { client, pending } = slowOverviews();
    const task = new TaskState(client);
    task.taskId = 'ticket-routing';
    const only = task.refresh();
    pending[0]!.answer(overview(42));
    await only;
    expect(task.overview?.estimate.lmCalls).toBe(42);
  });
});

describe('TaskState.estimatesFor', () => {
  it('gives the estimate only for the settings it was made for', async () => {
    const { client, pending } = slowOverviews();
    const task = new TaskState(client);
    task.taskId = 'ticket-routing';
    const asked = task.refresh({ cycles: 3 });
    pending[0]!.answer(overview(1317));
    await asked;
    expect(task.estimatesFor({ cycles: 3 })?.estimate.lmCalls).toBe(1317);
    // A preset set 2 cycles: the 3-cycle figure is not theirs, whatever the overview holds.
    expect(task.estimatesFor({ cycles: 2 })).toBeNull();
    expect(task.overview?.estimate.lmCalls).toBe(1317);
  });

  it('estimates an overview asked for without settings for the settings last given', async () => {
    const { client, pending } = slowOverviews();
    const task = new TaskState(client);
    // Given before there is a task to ask about (the page is still starting): kept for later.
    await task.refresh({ cycles: 2 });
    expect(pending).toHaveLength(0);
    task.taskId = 'ticket-routing';
    const asked = task.refresh();
    expect(pending[0]!.request.config).toEqual({ cycles: 2 });
    pending[0]!.answer(overview(898));
    await asked;
    expect(task.estimatesFor({ cycles: 2 })?.estimate.lmCalls).toBe(898);
  });
});

describe('TaskState.refreshDatasets', () => {
  it('goes back to the built-in data, with its overview, when the chosen dataset was deleted', async () => {
    const requests: TaskOverviewRequest[] = [];
    const client = {
      taskOverview: async (request: TaskOverviewRequest) => {
        requests.push(request);
        return overview(request.datasetId ? 10 : 500);
      },
      listDatasets: async () => ({ items: [], problems: [] }),
    } as unknown as CopaClient;
    const task = new TaskState(client);
    task.taskId = 'ticket-routing';
    task.datasetId = 'deleted-in-the-library';
    task.overview = overview(10);
    await task.refreshDatasets({ cycles: 2 });
    expect(task.datasetId).toBeNull();
    // The sizes, estimate and program shown are the built-in data's, not the deleted data's.
    expect(requests.at(-1)?.datasetId).toBeUndefined();
    expect(requests.at(-1)?.config?.cycles).toBe(2);
    expect(task.overview?.estimate.lmCalls).toBe(500);
  });
});

describe('TaskState.name', () => {
  it("is the chosen dataset's name (the task it makes), else the built-in task's", () => {
    const task = new TaskState(slowOverviews().client);
    task.tasks = [{ id: 'ticket-routing', name: 'Support ticket routing' } as TaskMetadata];
    task.taskId = 'ticket-routing';
    task.datasets = [{ id: 'd1', name: 'clinc150' } as DatasetSummary];
    expect(task.name).toBe('Support ticket routing');
    // A program saved, opened or exported on imported data is named after the data.
    task.datasetId = 'd1';
    expect(task.name).toBe('clinc150');
  });
});

describe('TaskState.programRenamed', () => {
  it('renames the program open on the Program screen, and no other', () => {
    const task = new TaskState({} as CopaClient);
    const program = { version: 1 as const, description: '', steps: [] };
    task.openProgram('p1', 'Ticket router', program);
    task.programRenamed('p2', 'Someone else');
    expect(task.opened?.name).toBe('Ticket router');
    task.programRenamed('p1', 'Router v2');
    expect(task.opened?.name).toBe('Router v2');
    expect(task.opened?.program).toEqual(program);
  });
});
