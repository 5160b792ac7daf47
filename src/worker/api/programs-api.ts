import type { ProgramProvenance } from '../../core/interop/copa-format';
import type { ProgramState } from '../../core/program';
import type { ProgramOrigin, ProgramRecord, ProgramScoring } from '../../storage/programs';
import type { Listing } from './listing';

export type { ProgramOrigin, ProgramProvenance, ProgramScoring };

/** A saved program as the page sees it: the stored record without its schema version. */
export type ProgramSummary = Omit<ProgramRecord, 'schemaVersion'>;

export type ProgramExportFormat = 'copa-json' | 'dspy-json' | 'openai-messages' | 'plain-text';

/** A file ready to download. */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  text: string;
}

/** A DSPy export: the program JSON, the Python that loads it, and what to know before using it. */
export interface DspyExportBundle {
  json: ExportedFile;
  /** DSPy code that builds the matching program and calls `program.load()` on `json`. */
  python: ExportedFile;
  /** Field types DSPy's JSON cannot hold, parameters kept but not run, names the code cannot build. */
  warnings: string[];
  /** One step, written flat: it loads into a bare `dspy.Predict` / `dspy.ChainOfThought`. */
  flat: boolean;
  /** DSPy parameters kept from an imported file (e.g. a Retrieve): written back, never run. */
  kept: { name: string; kind: string }[];
}

/** Saved programs: list, delete, export in four formats, import project or DSPy JSON. */
export interface ProgramsApi {
  listPrograms(): Promise<Listing<ProgramSummary>>;
  deleteProgram(id: string): Promise<void>;
  /**
   * Gives a saved program a new name (trimmed; RecordNameError when blank or too long); its id,
   * program and provenance stay as they were.
   */
  renameProgram(id: string, name: string): Promise<ProgramSummary>;
  exportProgram(id: string, format: ProgramExportFormat): Promise<ExportedFile>;
  /** The DSPy JSON together with the Python that loads it and the export's warnings. */
  exportDspy(id: string): Promise<DspyExportBundle>;
  /**
   * Imports the project's program JSON or DSPy program JSON (any generation), from the file's
   * bytes: the worker decodes them, so a file that is not UTF-8 is refused, not garbled.
   */
  importProgram(fileName: string, bytes: Uint8Array): Promise<ProgramSummary>;
  /**
   * Saves a program edited on the Program screen to the Library (origin `manual`), so it can be
   * exported or opened again without a run. Throws ProgramStateError when it is not a program.
   */
  /** `scoring`: the metric the Program screen scores it with (written into a DSPy export's Python). */
  saveProgram(
    name: string,
    program: ProgramState,
    scoring?: ProgramScoring,
  ): Promise<ProgramSummary>;
}
