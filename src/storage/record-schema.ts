import type { JsonObject } from '../core/json';
import { CorruptRecordError, NewerRecordError } from './errors';

/** Every stored record carries the version of the schema it was written with. */
export interface VersionedRecord {
  schemaVersion: number;
  id: string;
}

/**
 * How one collection's records are read: `migrations[n]` turns a version-n record into
 * version n+1; `validate` checks a current-version record and returns it typed.
 */
export interface RecordSchema<T extends VersionedRecord> {
  /** Singular, for messages: "dataset", "program", "run". */
  readonly noun: string;
  readonly version: number;
  readonly migrations: Readonly<Record<number, (record: JsonObject) => JsonObject>>;
  validate(record: JsonObject, fail: (detail: string) => never): T;
}

/** Brings a stored value to the current schema version, refusing newer and damaged ones. */
export function upgradeRecord<T extends VersionedRecord>(
  schema: RecordSchema<T>,
  key: string,
  raw: unknown,
): T {
  const fail = (detail: string): never => {
    throw new CorruptRecordError(schema.noun, key, detail);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail('it is not an object');
  let record = raw as JsonObject;
  const found = record.schemaVersion;
  if (typeof found !== 'number' || !Number.isInteger(found) || found < 1)
    return fail('it has no schema version');
  if (found > schema.version) throw new NewerRecordError(schema.noun, key, found, schema.version);
  for (let v = found; v < schema.version; v++) {
    const migrate = schema.migrations[v];
    if (!migrate) return fail(`no migration from version ${v}`);
    record = { ...migrate(record), schemaVersion: v + 1 };
  }
  return schema.validate(record, fail);
}

/** Small checks shared by the schemas' validators. */
export function requireString(record: JsonObject, key: string, fail: (d: string) => never): string {
  const v = record[key];
  return typeof v === 'string' ? v : fail(`"${key}" is not text`);
}

export function requireArray(
  record: JsonObject,
  key: string,
  fail: (d: string) => never,
): unknown[] {
  const v = record[key];
  return Array.isArray(v) ? v : fail(`"${key}" is not a list`);
}

export function requireObject(
  record: JsonObject,
  key: string,
  fail: (d: string) => never,
): JsonObject {
  const v = record[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? v
    : fail(`"${key}" is not an object`);
}
