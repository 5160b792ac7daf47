import type { UseStore } from 'idb-keyval';
import type { ProgramProvenance } from '../core/interop/copa-format';
import type { MetricId } from '../core/metrics';
import type { ProgramState } from '../core/program';
import { openCollection } from './idb';
import { type RecordSchema, requireArray, requireObject, requireString } from './record-schema';
import { Repository } from './repository';

export type ProgramOrigin = 'run' | 'import-dspy' | 'import-copa' | 'manual';

/** How a program was scored: its metric and the output field, for the Python of a DSPy export. */
export interface ProgramScoring {
  metricId: MetricId;
  targetField: string;
}

/** A saved program with where it came from. */
export interface ProgramRecord {
  schemaVersion: number;
  id: string;
  name: string;
  savedAt: string;
  origin: ProgramOrigin;
  program: ProgramState;
  /** Model, engine, seed, dataset and scores; set for programs made by a run. */
  provenance?: ProgramProvenance;
  runId?: string;
  /** The metric it was optimized (or edited) with; none for an imported program. */
  scoring?: ProgramScoring;
  /** What an import guessed or left out, kept to show next to the program. */
  importWarnings?: string[];
}

export const PROGRAM_SCHEMA_VERSION = 1;
const ORIGINS: readonly string[] = ['run', 'import-dspy', 'import-copa', 'manual'];

export const programSchema: RecordSchema<ProgramRecord> = {
  noun: 'program',
  version: PROGRAM_SCHEMA_VERSION,
  migrations: {},
  validate(record, fail) {
    requireString(record, 'name', fail);
    requireString(record, 'savedAt', fail);
    if (!ORIGINS.includes(String(record.origin))) fail(`unknown origin "${String(record.origin)}"`);
    const program = requireObject(record, 'program', fail);
    requireArray(program, 'steps', fail);
    if (record.scoring !== undefined) {
      const s = requireObject(record, 'scoring', fail);
      requireString(s, 'metricId', fail);
      requireString(s, 'targetField', fail);
    }
    if (record.provenance !== undefined) {
      const p = requireObject(record, 'provenance', fail);
      requireString(p, 'modelId', fail);
      requireObject(p, 'scores', fail);
    }
    return record as unknown as ProgramRecord;
  },
};

/** Stored programs. */
export class ProgramRepository extends Repository<ProgramRecord> {
  constructor(store: UseStore = openCollection('programs')) {
    super(store, programSchema);
  }
}
