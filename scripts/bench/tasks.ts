import { BUILT_IN_TASKS } from '../../src/tasks';
import { loadClinc150 } from './clinc150';
import { loadGsm8k } from './gsm8k';
import { loadSst2, loadTrec, sharedDataAvailable } from './shared-datasets';
import type { BenchTask } from './types';

export const PUBLIC_TASKS = ['trec', 'sst2', 'clinc150', 'gsm8k'];
const LOADERS: Record<string, () => BenchTask> = {
  trec: loadTrec,
  sst2: loadSst2,
  clinc150: loadClinc150,
  gsm8k: loadGsm8k,
};

/** Every task id the bench knows: the public samples, then the built-in tasks. */
export const TASK_IDS = [...PUBLIC_TASKS, ...BUILT_IN_TASKS.map((t) => t.id)];

/** The tasks with these ids; public ones are skipped (with a note) without ../shared/data. */
export function loadTasks(ids: readonly string[]): BenchTask[] {
  const builtIn = new Map(BUILT_IN_TASKS.map((t) => [t.id, t]));
  const tasks: BenchTask[] = [];
  const publicIds = ids.filter((id) => PUBLIC_TASKS.includes(id));
  if (publicIds.length > 0 && !sharedDataAvailable())
    console.log(`../shared/data not found: ${publicIds.join(', ')} skipped.\n`);
  for (const id of ids) {
    const t = builtIn.get(id);
    if (t) tasks.push({ ...t, suite: 'built-in' });
    else if (sharedDataAvailable()) tasks.push((LOADERS[id] as () => BenchTask)());
  }
  return tasks;
}
