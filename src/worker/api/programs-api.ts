import type { ProgramProvenance } from '../../core/interop/copa-format';
import type { ProgramOrigin, ProgramRecord } from '../../storage/programs';
import type { Listing } from './listing';

export type { ProgramOrigin, ProgramProvenance };

/** A saved program as the page sees it: the stored record without its schema version. */
export type ProgramSummary = Omit<ProgramRecord, 'schemaVersion'>;

export type ProgramExportFormat = 'copa-json' | 'dspy-json' | 'openai-messages' | 'plain-text';

/** A file ready to download. */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  text: string;
}

/** Saved programs: list, delete, export in four formats, import project or DSPy JSON. */
export interface ProgramsApi {
  listPrograms(): Promise<Listing<ProgramSummary>>;
  deleteProgram(id: string): Promise<void>;
  exportProgram(id: string, format: ProgramExportFormat): Promise<ExportedFile>;
  /** Imports the project's program JSON or DSPy program JSON (any generation). */
  importProgram(fileName: string, text: string): Promise<ProgramSummary>;
}
