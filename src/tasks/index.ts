import { buildDateNormalization, DATE_NORMALIZATION_META } from './date-normalization';
import type { BuiltInTask } from './task';
import { DEFAULT_TASK_SEED } from './task';
import { buildTicketRouting, TICKET_ROUTING_META } from './ticket-routing';
import { buildWordProblems, WORD_PROBLEMS_META } from './word-problems';

export type { BuiltInTask, TaskMetadata, SplitSizes } from './task';
export { DEFAULT_TASK_SEED } from './task';

const BUILDERS: Readonly<Record<string, (seed: number) => BuiltInTask>> = {
  [TICKET_ROUTING_META.id]: buildTicketRouting,
  [DATE_NORMALIZATION_META.id]: buildDateNormalization,
  [WORD_PROBLEMS_META.id]: buildWordProblems,
};

const cache = new Map<string, BuiltInTask>();

/** Builds a built-in task's data for a seed, afresh. Throws RangeError for an unknown id. */
export function buildTask(id: string, seed: number = DEFAULT_TASK_SEED): BuiltInTask {
  const build = BUILDERS[id];
  if (!build)
    throw new RangeError(
      `There is no built-in task "${id}"; choose one of ${Object.keys(BUILDERS).join(', ')}.`,
    );
  return build(seed);
}

/** A built-in task's data for a seed, built once and remembered. */
export function getTask(id: string, seed: number = DEFAULT_TASK_SEED): BuiltInTask {
  const key = `${id}\u0000${seed}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const task = buildTask(id, seed);
  cache.set(key, task);
  return task;
}

/** Every built-in task with the default seed, in the order the UI lists them. */
export const BUILT_IN_TASKS: readonly BuiltInTask[] = Object.keys(BUILDERS).map((id) =>
  getTask(id),
);
