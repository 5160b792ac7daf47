import type { ProgramState } from '../program';
import { type CopaProgramFile, importCopaProgram, isCopaProgramFile } from './copa-format';
import { type DspyImportOptions, type DspyImportResult, importDspyProgram } from './dspy-import';
import { ProgramImportError } from './errors';
import { parseJsonText } from './json-text';
import { programFileTooLargeMessage } from './program-file-bytes';
import { nestsDeeperThan, PROGRAM_LIMITS } from './program-limits';
import { checkProgramState } from './program-schema';
import { datasetPickedMessage, jsonLinesShape } from './not-a-program';

/** A program file read by `importProgramFile`: the project's own format or DSPy's. */
export type ImportedProgramFile =
  | { kind: 'copa'; program: ProgramState; file: CopaProgramFile; warnings: string[] }
  | { kind: 'dspy'; program: ProgramState; dspy: DspyImportResult; warnings: string[] };

/**
 * Reads a program file of either format, telling them apart by the `format` key. The file is
 * refused before it is parsed when it is too large, and before it is read further when it nests
 * too deeply; the program it gives is checked whole (PROGRAM_LIMITS), so nothing half-read is
 * ever saved.
 */
export function importProgramFile(text: string, opts: DspyImportOptions = {}): ImportedProgramFile {
  if (text.length > PROGRAM_LIMITS.fileChars)
    throw new ProgramImportError(programFileTooLargeMessage(text.length));
  const json = parseProgramJson(text);
  if (nestsDeeperThan(json, PROGRAM_LIMITS.jsonDepth))
    throw new ProgramImportError(
      `The program file nests objects and lists more than ${PROGRAM_LIMITS.jsonDepth} levels deep; no program does.`,
    );
  if (isCopaProgramFile(json)) {
    const file = importCopaProgram(json);
    return { kind: 'copa', program: file.program, file, warnings: [] };
  }
  const dspy = importDspyProgram(json, opts);
  const checked = checkProgramState(dspy.program);
  if (!checked.ok) throw new ProgramImportError(checked.message, 'the program read from DSPy');
  return { kind: 'dspy', program: checked.program, dspy, warnings: dspy.warnings };
}

/** The file's JSON; JSON Lines (a dataset's format, never a program's) is named as such. */
function parseProgramJson(text: string): unknown {
  try {
    return parseJsonText(text, 'The program file');
  } catch (err) {
    const shape = jsonLinesShape(text);
    if (shape === undefined) throw err;
    throw new ProgramImportError(datasetPickedMessage(shape));
  }
}
