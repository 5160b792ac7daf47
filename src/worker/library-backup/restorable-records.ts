import { datasetSchema, type DatasetRecord } from '../../storage/datasets';
import { CorruptRecordError } from '../../storage/errors';
import { programSchema, type ProgramRecord } from '../../storage/programs';
import { upgradeRecord } from '../../storage/record-schema';
import { runSchema } from '../../storage/runs';
import { runConfigOf } from '../schemas/stored-run-config';
import { checkStoredProgram } from '../schemas/stored-programs';
import type { BackedUpRun } from './backup-format';

/*
 * What a backup may hold, said once for both directions: a backup leaves out the records these
 * refuse, and a restore refuses a file holding one. They are the checks a record passes when
 * the worker reads it from IndexedDB (older versions migrated, newer and damaged ones refused
 * with NewerRecordError or CorruptRecordError), so a restored record reads as it did before.
 */

export function restorableDataset(raw: unknown, id: string): DatasetRecord {
  return checkStoredProgram('dataset', upgradeRecord(datasetSchema, id, raw));
}

export function restorableProgram(raw: unknown, id: string): ProgramRecord {
  return checkStoredProgram('program', upgradeRecord(programSchema, id, raw));
}

/**
 * A run needs its settings to be shown, resumed or reported; its checkpoints and evaluation are
 * checked when they are used, as for a stored run (the record schema checks their shape). Its event log must be as long as the record
 * says: later events are stored after that count.
 */
export function restorableRun(raw: unknown, events: unknown, id: string): BackedUpRun {
  const record = upgradeRecord(runSchema, id, raw);
  runConfigOf(record);
  if (!Array.isArray(events)) throw new CorruptRecordError('run', id, 'its events are not a list');
  if (events.length !== record.eventCount)
    throw new CorruptRecordError(
      'run',
      id,
      `its record counts ${record.eventCount} events but ${events.length} are stored`,
    );
  return { record, events: events as BackedUpRun['events'] };
}
