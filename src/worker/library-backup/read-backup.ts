import * as v from 'valibot';
import { isCopaProgramFile } from '../../core/interop/copa-format';
import { importDspyProgram } from '../../core/interop/dspy-import';
import { jsonFileText, type JsonFileWords } from '../../core/interop/json-file-bytes';
import { parseJsonText, type JsonTextWords } from '../../core/interop/json-text';
import { datasetShape, jsonLinesShape } from '../../core/interop/not-a-program';
import { megabytes, nestsDeeperThan } from '../../core/interop/program-limits';
import { isJsonObject } from '../../core/json';
import { CorruptRecordError, NewerRecordError } from '../../storage/errors';
import { issueText } from '../schemas/plain-data';
import { LibraryBackupError } from './backup-error';
import {
  LIBRARY_BACKUP_FORMAT,
  LIBRARY_BACKUP_MAX_BYTES,
  LIBRARY_BACKUP_MAX_DEPTH,
  LIBRARY_BACKUP_VERSION,
  type LibraryBackup,
} from './backup-format';
import { restorableDataset, restorableProgram, restorableRun } from './restorable-records';

const NOTHING = 'Nothing was restored.';
const WHAT_A_BACKUP_IS = `A backup is the copa-library-….json file that “Download a backup” saves in the Library. ${NOTHING}`;

const FILE_WORDS: JsonFileWords = {
  cannot: 'cannot be restored',
  nothingDone: 'nothing was restored',
  binaryAdvice: 'A backup is the copa-library-….json file that “Download a backup” saves.',
  notUtf8Advice:
    'The app writes backups as UTF-8: restore the file as it was downloaded, not a copy saved by another program.',
  notUtf16Advice: 'Restore the file as it was downloaded.',
  refuse: (message) => new LibraryBackupError(message),
};

const TEXT_WORDS: JsonTextWords = {
  again: 'restore from it',
  refuse: (message) => new LibraryBackupError(`${message} ${WHAT_A_BACKUP_IS}`),
};

/** The message for a file too large to restore, whether known from the file or its bytes. */
export function backupTooLargeMessage(fileName: string, bytes: number): string {
  return `${fileName} is ${megabytes(bytes)}; a restore reads backups up to ${megabytes(LIBRARY_BACKUP_MAX_BYTES)}, so that the tab is not stalled reading it. ${NOTHING}`;
}

// The envelope only: each record is then checked as IndexedDB's records are (restorable-records.ts).
const envelope = v.looseObject({
  format: v.literal(LIBRARY_BACKUP_FORMAT),
  version: v.literal(LIBRARY_BACKUP_VERSION),
  exportedAt: v.string(),
  app: v.optional(v.string()),
  datasets: v.array(v.looseObject({ id: v.pipe(v.string(), v.nonEmpty()) })),
  programs: v.array(v.looseObject({ id: v.pipe(v.string(), v.nonEmpty()) })),
  runs: v.array(
    v.looseObject({
      record: v.looseObject({ id: v.pipe(v.string(), v.nonEmpty()) }),
      events: v.array(v.unknown()),
    }),
  ),
});

/**
 * A backup file read and checked whole before anything is written: a file that is not a backup
 * (a program, a dataset, a cut-off download), one from a newer version, or one holding a record
 * the app could not read is refused with LibraryBackupError saying what it is and where.
 */
export function readLibraryBackup(bytes: Uint8Array, fileName: string): LibraryBackup {
  if (bytes.length > LIBRARY_BACKUP_MAX_BYTES)
    throw new LibraryBackupError(backupTooLargeMessage(fileName, bytes.length));
  const text = jsonFileText(bytes, fileName, FILE_WORDS);
  const json = parseBackupJson(text, fileName);
  if (nestsDeeperThan(json, LIBRARY_BACKUP_MAX_DEPTH))
    throw new LibraryBackupError(
      `${fileName} nests objects and lists more than ${LIBRARY_BACKUP_MAX_DEPTH} levels deep, which no backup does. ${WHAT_A_BACKUP_IS}`,
    );
  checkFormat(json, fileName);
  const parsed = v.safeParse(envelope, json);
  if (!parsed.success)
    throw new LibraryBackupError(
      `${fileName} is not a whole backup: its ${issueText(parsed.issues)}. ${NOTHING}`,
    );
  const file = parsed.output;
  const backup: LibraryBackup = {
    format: LIBRARY_BACKUP_FORMAT,
    version: file.version,
    exportedAt: file.exportedAt,
    app: file.app ?? 'unknown',
    datasets: file.datasets.map((r, i) =>
      checked(fileName, 'datasets', i, () => restorableDataset(r, r.id)),
    ),
    programs: file.programs.map((r, i) =>
      checked(fileName, 'programs', i, () => restorableProgram(r, r.id)),
    ),
    runs: file.runs.map((r, i) =>
      checked(fileName, 'runs', i, () => restorableRun(r.record, r.events, r.record.id)),
    ),
  };
  uniqueIds(fileName, 'datasets', backup.datasets);
  uniqueIds(fileName, 'programs', backup.programs);
  uniqueIds(
    fileName,
    'runs',
    backup.runs.map((r) => r.record),
  );
  return backup;
}

/** The file's JSON; a dataset's JSON Lines is named as such rather than as a syntax error. */
function parseBackupJson(text: string, fileName: string): unknown {
  try {
    return parseJsonText(text, fileName, TEXT_WORDS);
  } catch (err) {
    const shape = jsonLinesShape(text);
    if (shape === undefined) throw err;
    throw new LibraryBackupError(notABackup(fileName, shape, 'import it on the Data screen'));
  }
}

/** Says what a JSON file that is not a backup (this version can read) is instead. */
function checkFormat(json: unknown, fileName: string): void {
  if (isJsonObject(json) && json.format === LIBRARY_BACKUP_FORMAT) {
    const version = json.version;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
      throw new LibraryBackupError(
        `${fileName} is not a whole backup: its "version" is not a positive whole number. ${NOTHING}`,
      );
    if (version > LIBRARY_BACKUP_VERSION)
      throw new LibraryBackupError(
        `${fileName} was saved by a newer version of COPA Playground (backup version ${version}; this version reads up to ${LIBRARY_BACKUP_VERSION}). Reload the page to get the newest app, then restore it. ${NOTHING}`,
      );
    return;
  }
  const toPrograms = 'import it with “Import a program file” under Programs';
  if (isCopaProgramFile(json))
    throw new LibraryBackupError(
      notABackup(fileName, 'a program exported from the Library', toPrograms),
    );
  // A DSPy program holds lists of records too (its demos): it is told apart first.
  if (isDspyProgram(json))
    throw new LibraryBackupError(notABackup(fileName, 'a DSPy program file', toPrograms));
  const dataset = datasetShape(json);
  if (dataset)
    throw new LibraryBackupError(notABackup(fileName, dataset, 'import it on the Data screen'));
  throw new LibraryBackupError(
    `${fileName} is not a library backup (it has no "format": "${LIBRARY_BACKUP_FORMAT}"). ${WHAT_A_BACKUP_IS}`,
  );
}

function notABackup(fileName: string, what: string, instead: string): string {
  return `${fileName} is ${what}, not a library backup: ${instead}. ${WHAT_A_BACKUP_IS}`;
}

/** True when the DSPy importer reads a program from the file (it refuses anything else). */
function isDspyProgram(json: unknown): boolean {
  try {
    return importDspyProgram(json).program.steps.length > 0;
  } catch {
    return false;
  }
}

/** A record checked as it would be read from storage; a refusal names where it is in the file. */
function checked<T>(fileName: string, collection: string, index: number, check: () => T): T {
  try {
    return check();
  } catch (err) {
    const where = `${fileName}, ${collection} item ${index + 1}`;
    if (err instanceof NewerRecordError)
      throw new LibraryBackupError(
        `${where}: the ${err.collection} "${err.id}" was saved by a newer version of COPA Playground (record version ${err.foundVersion}; this version reads up to ${err.supportedVersion}). Reload the page to get the newest app, then restore again. ${NOTHING}`,
      );
    if (err instanceof CorruptRecordError)
      throw new LibraryBackupError(
        `${where}: the ${err.collection} "${err.id}" is damaged (${err.detail}). A backup is restored whole or not at all; download a new backup from the Library it came from. ${NOTHING}`,
      );
    throw err;
  }
}

function uniqueIds(fileName: string, collection: string, records: readonly { id: string }[]): void {
  const seen = new Set<string>();
  for (const { id } of records) {
    if (seen.has(id))
      throw new LibraryBackupError(
        `${fileName} is damaged: its ${collection} hold "${id}" twice, and a restore cannot tell which to keep. ${NOTHING}`,
      );
    seen.add(id);
  }
}
