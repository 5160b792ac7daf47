import { copaProgramText, exportCopaProgram } from '../core/interop/copa-format';
import { exportDspyProgram } from '../core/interop/dspy-export';
import { dspyLoaderPython } from '../core/interop/dspy-python';
import { importProgramFile } from '../core/interop/program-file';
import { importableExportText, programFileText } from '../core/interop/program-file-bytes';
import { exportPlainText, messagesExportText } from '../core/interop/prompt-export';
import { RecordNotFoundError } from '../storage/errors';
import {
  PROGRAM_SCHEMA_VERSION,
  type ProgramRecord,
  type ProgramScoring,
} from '../storage/programs';
import { METRICS } from '../core/metrics';
import { checkStoredProgram, readableRecords } from './schemas/stored-programs';
import { checkProgramState } from '../core/interop/program-schema';
import { ProgramStateError } from '../core/errors';
import { MAX_RECORD_NAME_CHARS, recordName } from '../core/record-name';
import type { ProgramState } from '../core/program';
import type { StorageDeps } from './storage-deps';
import type {
  DspyExportBundle,
  ExportedFile,
  Listing,
  ProgramExportFormat,
  ProgramSummary,
  StoredProblem,
} from './api';

/** Longer names are cut: a name is a line in the Library, not a description. */
const MAX_NAME_CHARS = MAX_RECORD_NAME_CHARS;

/** Saved programs: list, delete, export in four formats, import project or DSPy JSON. */
export class ProgramLibrary {
  constructor(private readonly deps: StorageDeps) {}

  async list(): Promise<Listing<ProgramSummary>> {
    const { records, problems } = readableRecords('program', await this.deps.programs.list());
    return {
      items: records.map(toSummary).sort((a, b) => b.savedAt.localeCompare(a.savedAt)),
      problems: problems.map(problemOf),
    };
  }

  async delete(id: string): Promise<void> {
    await this.deps.programs.delete(id);
  }

  /** A new name (checked first: a refused one writes nothing); nothing else of it changes. */
  async rename(id: string, name: string): Promise<ProgramSummary> {
    const checked = recordName(name);
    return toSummary(await this.deps.programs.update(id, (r) => ({ ...r, name: checked })));
  }

  async export(id: string, format: ProgramExportFormat): Promise<ExportedFile> {
    const stored = await this.deps.programs.get(id);
    if (!stored) throw new RecordNotFoundError('program', id);
    const record = checkStoredProgram('program', stored);
    const base = fileBase(record.name);
    switch (format) {
      case 'copa-json': {
        const file = exportCopaProgram(record.program, {
          name: record.name,
          ...(record.provenance ? { provenance: record.provenance } : {}),
          exportedAt: this.now(),
        });
        return {
          fileName: `${base}.copa.json`,
          mimeType: 'application/json',
          text: importableExportText(copaProgramText(file), record.name),
        };
      }
      case 'dspy-json':
        return {
          fileName: `${base}.dspy.json`,
          mimeType: 'application/json',
          text: exportDspyProgram(record.program).text,
        };
      case 'openai-messages':
        return {
          fileName: `${base}.messages.json`,
          mimeType: 'application/json',
          text: messagesExportText(record.program),
        };
      case 'plain-text':
        return {
          fileName: `${base}.prompt.txt`,
          mimeType: 'text/plain',
          text: exportPlainText(record.program),
        };
    }
  }

  /** The DSPy JSON, the Python that loads it (named after the JSON) and every warning of both. */
  async exportDspy(id: string): Promise<DspyExportBundle> {
    const record = await this.deps.programs.get(id);
    if (!record) throw new RecordNotFoundError('program', id);
    const base = fileBase(record.name);
    const exported = exportDspyProgram(record.program);
    const jsonFileName = `${base}.dspy.json`;
    const python = dspyLoaderPython(record.program, {
      jsonFileName,
      ...(record.scoring
        ? { metric: { metricId: record.scoring.metricId, field: record.scoring.targetField } }
        : {}),
    });
    return {
      json: { fileName: jsonFileName, mimeType: 'application/json', text: exported.text },
      python: { fileName: `${base}.dspy.py`, mimeType: 'text/x-python', text: python.code },
      warnings: [...exported.warnings, ...python.warnings],
      flat: exported.flat,
      kept: (record.program.kept ?? []).map((k) => ({ name: k.name, kind: k.kind })),
    };
  }

  /** Reads the whole file before writing; a bad file throws ProgramImportError and saves nothing. */
  async import(fileName: string, bytes: Uint8Array): Promise<ProgramSummary> {
    const imported = importProgramFile(programFileText(bytes, fileName));
    const record: ProgramRecord = {
      schemaVersion: PROGRAM_SCHEMA_VERSION,
      id: this.deps.newId(),
      name:
        imported.kind === 'copa' ? imported.file.name : fileName.replace(/(\.dspy)?\.json$/i, ''),
      savedAt: this.now().toISOString(),
      origin: imported.kind === 'copa' ? 'import-copa' : 'import-dspy',
      program: imported.program,
      ...(imported.kind === 'copa' && imported.file.provenance
        ? { provenance: imported.file.provenance }
        : {}),
      ...(imported.warnings.length > 0 ? { importWarnings: imported.warnings } : {}),
    };
    await this.deps.programs.put(record);
    return toSummary(record);
  }

  /**
   * Stores an edited program as it is (checked as an import is), under a name the user gave,
   * with the metric it is scored with when that is a built-in one on one of its outputs.
   */
  async save(
    name: string,
    program: ProgramState,
    scoring?: ProgramScoring,
  ): Promise<ProgramSummary> {
    const checked = checkProgramState(program);
    if (!checked.ok)
      throw new ProgramStateError(
        `The program was not saved: its ${checked.message}. Fix it on the Program screen and save again.`,
      );
    const record: ProgramRecord = {
      schemaVersion: PROGRAM_SCHEMA_VERSION,
      id: this.deps.newId(),
      name: name.trim().slice(0, MAX_NAME_CHARS) || 'Edited program',
      savedAt: this.now().toISOString(),
      origin: 'manual',
      program: checked.program,
      ...(scoring && isBuiltInScoring(scoring) ? { scoring: { ...scoring } } : {}),
    };
    await this.deps.programs.put(record);
    return toSummary(record);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}

function toSummary(r: ProgramRecord): ProgramSummary {
  return {
    id: r.id,
    name: r.name,
    savedAt: r.savedAt,
    origin: r.origin,
    program: r.program,
    ...(r.provenance ? { provenance: r.provenance } : {}),
    ...(r.runId ? { runId: r.runId } : {}),
    ...(r.importWarnings ? { importWarnings: r.importWarnings } : {}),
  };
}

/** A file name from a program name: letters, digits and dashes only. */
export function fileBase(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return base || 'program';
}

export function problemOf(p: { id: string; error: Error }): StoredProblem {
  return { id: p.id, name: p.error.name, message: p.error.message };
}

/** Scoring the page sent that names a built-in metric and a field (anything else is not kept). */
function isBuiltInScoring(scoring: ProgramScoring): boolean {
  return (
    METRICS.some((m) => m.id === scoring.metricId) &&
    typeof scoring.targetField === 'string' &&
    scoring.targetField !== ''
  );
}
