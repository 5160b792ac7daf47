import type { TaskRef } from './api';
import type { DatasetLibrary } from './dataset-library';
import { requireStorage } from './storage-required';

/** The task a request means: its own reference, or a built-in task's moved onto a stored dataset. */
export async function requestedTask(
  request: { task: TaskRef; datasetId?: string },
  datasets: DatasetLibrary | null,
): Promise<TaskRef> {
  if (!request.datasetId) return request.task;
  return (await requireStorage(datasets).taskOn(request.task, request.datasetId)).ref;
}
