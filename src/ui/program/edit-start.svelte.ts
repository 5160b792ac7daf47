import { snapshot } from '../lib/snapshot.svelte';
import type { TaskState } from '../task-state.svelte';
import { editBasis, type EditSource, type ProgramAndRules, type UnsavedEdit } from './unsaved-edit';

/**
 * Where the Program screen's editor starts from now: the opened or the task's program, and the
 * task's rules (plain copies). Null until the task and its overview are read.
 */
export function editStart(task: TaskState): { source: EditSource; start: ProgramAndRules } | null {
  const program = task.opened?.program ?? task.program;
  const { metricId, targetField } = task;
  if (!program || !metricId || !targetField || !task.overview) return null;
  return {
    source: { taskId: task.taskId, datasetId: task.datasetId, openedId: task.opened?.id ?? null },
    start: snapshot({ program, rules: { metricId, targetField, constraints: task.constraints } }),
  };
}

/**
 * Whether edits kept from the Program screen would come back there now (they were made on what
 * its editor starts from): what a run uses is then not what the user last saw on that screen.
 */
export function keptEditFits(
  task: TaskState,
  kept: UnsavedEdit | null = task.unsavedEdit,
): boolean {
  const now = kept ? editStart(task) : null;
  return kept !== null && now !== null && kept.basis === editBasis(now.source, now.start);
}
