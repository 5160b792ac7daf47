import { isJsonObject } from '../../core/json';
import type { DatasetRecord } from '../../storage/datasets';
import type { ProgramRecord } from '../../storage/programs';
import type { LibraryCollection } from '../api';
import type { BackedUpRun } from './backup-format';

/*
 * The forms in which a restore writes backup records: references follow the records that were
 * copied under new ids, and a copy carries its new id and a name marked as restored.
 */

/** Added to the name of a record restored as a copy. */
export const RESTORED_SUFFIX = ' (restored)';

/** Backup ids mapped to the ids their records get here (copies only; the rest keep theirs). */
export interface IdMaps {
  datasets: Map<string, string>;
  programs: Map<string, string>;
  runs: Map<string, string>;
}

/** A program with its run and dataset references following the copies. */
export function programForm(p: ProgramRecord, ids: IdMaps): ProgramRecord {
  const runId = p.runId === undefined ? undefined : ids.runs.get(p.runId);
  const datasetId =
    p.provenance?.datasetId === undefined ? undefined : ids.datasets.get(p.provenance.datasetId);
  return {
    ...p,
    ...(runId ? { runId } : {}),
    ...(datasetId && p.provenance ? { provenance: { ...p.provenance, datasetId } } : {}),
  };
}

/**
 * A run with its references following the copies. A run the backup has as running was cut off
 * by the backup (it goes on, if at all, in the Library it came from): it is restored as paused,
 * as a run that stopped between phases, which the Library offers to resume.
 */
export function runForm(r: BackedUpRun, ids: IdMaps): BackedUpRun {
  const record = r.record;
  const datasetId = record.datasetId === undefined ? undefined : ids.datasets.get(record.datasetId);
  const programId = record.programId === undefined ? undefined : ids.programs.get(record.programId);
  const request = record.config.request;
  const requestDataset =
    isJsonObject(request) && typeof request.datasetId === 'string'
      ? ids.datasets.get(request.datasetId)
      : undefined;
  return {
    events: r.events,
    record: {
      ...record,
      ...(datasetId ? { datasetId } : {}),
      ...(programId ? { programId } : {}),
      ...(record.status === 'running' ? { status: 'paused' as const } : {}),
      ...(requestDataset && isJsonObject(request)
        ? { config: { ...record.config, request: { ...request, datasetId: requestDataset } } }
        : {}),
    },
  };
}

/** The copy of a record: its new id, and its name marked as restored. */
export function copyNamed<T>(collection: LibraryCollection, form: T, id: string): T {
  if (collection === 'runs') {
    const run = form as BackedUpRun;
    const name = run.record.config.name;
    return {
      ...run,
      record: {
        ...run.record,
        id,
        config: {
          ...run.record.config,
          ...(typeof name === 'string' ? { name: `${name}${RESTORED_SUFFIX}` } : {}),
        },
      },
    } as T;
  }
  const record = form as DatasetRecord | ProgramRecord;
  return { ...record, id, name: `${record.name}${RESTORED_SUFFIX}` } as T;
}
