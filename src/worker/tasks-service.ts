import type {
  LabelFitRequest,
  LabelMismatch,
  TaskFields,
  TaskMetadata,
  TaskOverview,
  TaskOverviewRequest,
  TasksApi,
} from './api';
import type { DatasetLibrary } from './dataset-library';
import { requestedTask } from './requested-task';
import { taskFields, type TaskLookup } from './task-resolver';
import { taskLabelMismatches, taskOverview } from './task-overview';

/** The built-in tasks and what a task looks like on its own data or a stored dataset. */
export class TasksService implements TasksApi {
  readonly #tasks: TaskLookup;
  readonly #taskList: () => readonly TaskMetadata[];
  readonly #datasets: DatasetLibrary | null;

  constructor(
    tasks: TaskLookup,
    taskList: () => readonly TaskMetadata[],
    datasets: DatasetLibrary | null,
  ) {
    this.#tasks = tasks;
    this.#taskList = taskList;
    this.#datasets = datasets;
  }

  async listTasks(): Promise<TaskMetadata[]> {
    return [...this.#taskList()];
  }

  // A run on a stored dataset uses its splits (and the program adapted to it, if any), so
  // its sizes, cost, samples and checks are those shown.
  async taskOverview(request: TaskOverviewRequest): Promise<TaskOverview> {
    const ref = await requestedTask(request, this.#datasets);
    return taskOverview(ref, this.#tasks, request.config);
  }

  async labelMismatches(request: LabelFitRequest): Promise<LabelMismatch[]> {
    return taskLabelMismatches(await requestedTask(request, this.#datasets), this.#tasks);
  }

  async taskFields(taskId: string): Promise<TaskFields> {
    return taskFields(this.#tasks, taskId);
  }
}
