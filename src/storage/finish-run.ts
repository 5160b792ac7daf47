import { PROGRAM_SCHEMA_VERSION, type ProgramRecord, type ProgramRepository } from './programs';
import type { RunRecord, RunRepository } from './runs';

/** The id of the program a run saves; fixed so that finishing twice overwrites, never duplicates. */
export function runProgramId(runId: string): string {
  return `run-${runId}`;
}

/**
 * Saves a run's final program, then marks the run finished (or cancelled, for a cancelled run
 * that found a better program). The two live in different
 * stores, so this is ordered rather than atomic: if the tab dies in between, the run stays
 * unfinished (and resumable) and finishing it again overwrites the same program record.
 */
export async function finishRun(
  runs: RunRepository,
  programs: ProgramRepository,
  runId: string,
  program: Omit<ProgramRecord, 'id' | 'runId' | 'schemaVersion' | 'origin'>,
  status: 'finished' | 'cancelled' = 'finished',
): Promise<RunRecord> {
  const id = runProgramId(runId);
  await programs.put({
    ...program,
    id,
    runId,
    origin: 'run',
    schemaVersion: PROGRAM_SCHEMA_VERSION,
  });
  return runs.setStatus(runId, status, { programId: id });
}
