import { checkProgramState } from '../../core/interop/program-schema';
import type { ProgramState } from '../../core/program';
import { CorruptRecordError } from '../../storage/errors';

/*
 * Stored programs (and datasets that carry an adapted program) are read back with the schema
 * that checks imports: a damaged one (say `steps: [null]`) is listed as unreadable and never
 * reaches a screen. Storage checks only the envelope (it may not run core code); this is done
 * where the records enter the worker's service.
 */

/** The record with its program checked, or CorruptRecordError naming the first problem. */
export function checkStoredProgram<T extends { id: string; program?: ProgramState }>(
  noun: 'program' | 'dataset',
  record: T,
): T {
  if (record.program === undefined) return record;
  const checked = checkProgramState(record.program);
  if (!checked.ok)
    throw new CorruptRecordError(noun, record.id, `its program's ${checked.message}`);
  return record;
}

/** A listing's records split into the readable ones and problems for the damaged ones. */
export function readableRecords<T extends { id: string; program?: ProgramState }>(
  noun: 'program' | 'dataset',
  listed: { records: T[]; problems: { id: string; error: Error }[] },
): { records: T[]; problems: { id: string; error: Error }[] } {
  const records: T[] = [];
  const problems = [...listed.problems];
  for (const r of listed.records) {
    try {
      records.push(checkStoredProgram(noun, r));
    } catch (err) {
      problems.push({ id: r.id, error: err as Error });
    }
  }
  return { records, problems };
}
