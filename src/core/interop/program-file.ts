import type { ProgramState } from '../program';
import { type CopaProgramFile, importCopaProgram, isCopaProgramFile } from './copa-format';
import { type DspyImportOptions, type DspyImportResult, importDspyProgram } from './dspy-import';
import { parseJsonText } from './json-text';

/** A program file read by `importProgramFile`: the project's own format or DSPy's. */
export type ImportedProgramFile =
  | { kind: 'copa'; program: ProgramState; file: CopaProgramFile; warnings: string[] }
  | { kind: 'dspy'; program: ProgramState; dspy: DspyImportResult; warnings: string[] };

/** Reads a program file of either format, telling them apart by the `format` key. */
export function importProgramFile(text: string, opts: DspyImportOptions = {}): ImportedProgramFile {
  const json = parseJsonText(text, 'The program file');
  if (isCopaProgramFile(json)) {
    const file = importCopaProgram(json);
    return { kind: 'copa', program: file.program, file, warnings: [] };
  }
  const dspy = importDspyProgram(json, opts);
  return { kind: 'dspy', program: dspy.program, dspy, warnings: dspy.warnings };
}
