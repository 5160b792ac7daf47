import type { RunSummary } from '../../worker/api';

type RunOnData = Pick<RunSummary, 'name' | 'datasetId'>;

const quoted = (runs: readonly RunOnData[]): string => runs.map((r) => `“${r.name}”`).join(', ');

/**
 * What deleting a dataset costs the runs made on it, said before the delete is confirmed: a
 * run's results are rebuilt from its data, and an unfinished run resumes on it, so neither can
 * be had again once it is gone (reports and programs stay). Empty when no run used it.
 */
export function datasetDeleteWarning(
  datasetId: string,
  runs: { past: readonly RunOnData[]; unfinished: readonly RunOnData[] },
): string {
  const past = runs.past.filter((r) => r.datasetId === datasetId);
  const unfinished = runs.unfinished.filter((r) => r.datasetId === datasetId);
  const count = past.length + unfinished.length;
  if (count === 0) return '';
  const one = count === 1;
  const lost = [
    past.length > 0 ? `the results of ${quoted(past)} cannot be opened again` : undefined,
    unfinished.length > 0 ? `${quoted(unfinished)}, not finished, cannot be resumed` : undefined,
  ].filter((part): part is string => part !== undefined);
  return `${one ? '1 run was' : `${count} runs were`} made on this data: once it is deleted, ${lost.join(', and ')}. ${one ? 'Its report and its program stay' : 'Their reports and programs stay'}.`;
}
