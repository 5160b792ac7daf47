import type { ProgramState } from '../program';
import { type CopaProgramFile, importCopaProgram, isCopaProgramFile } from './copa-format';
import { type DspyImportOptions, type DspyImportResult, importDspyProgram } from './dspy-import';
import { ProgramImportError } from './errors';
import { parseJsonText } from './json-text';
import { programFileTooLargeMessage } from './program-file-bytes';
import { nestsDeeperThan, PROGRAM_LIMITS } from './program-limits';
import { checkProgramState } from './program-schema';
import { droppedOnImportNote, programWithoutSecrets } from './secrets';
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
    const read = importCopaProgram(json);
    // A project file another build wrote (or edited by hand) may carry credentials: not kept.
    const clean = programWithoutSecrets(read.program);
    const file = { ...read, program: clean.program };
    return {
      kind: 'copa',
      program: file.program,
      file,
      warnings: clean.dropped.map(droppedOnImportNote),
    };
  }
  const dspy = importDspyProgram(json, opts);
  const checked = checkProgramState(dspy.program);
  if (!checked.ok) throw new ProgramImportError(dspyProgramProblem(checked.message, dspy.program));
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

/**
 * A problem of the program read from a DSPy file, said with the predictor's name instead of the
 * playground's internal path ("steps.2.demos"), which names nothing in the user's file.
 */
function dspyProgramProblem(message: string, program: ProgramState): string {
  const tooLarge = /more than|longer than/.test(message)
    ? " A program this large would not fit a small model's prompt: save a smaller one from DSPy (fewer demos, shorter texts) to use it here."
    : '';
  return `The program in this file cannot be imported (nothing was saved): ${problemWords(message, program)}.${tooLarge}`;
}

function problemWords(message: string, program: ProgramState): string {
  if (message.startsWith('"steps" has more than'))
    return message
      .replace('"steps" has more than', 'it has more than')
      .replace(/steps$/, 'predictors');
  const m = /^"steps\.(\d+)(?:\.([^"]*))?" (.*)$/s.exec(message);
  const step = m ? program.steps[Number(m[1])] : undefined;
  if (!m || !step) return message;
  const [, , path = '', problem = ''] = m;
  const demo = /^demos\.(\d+)\.data\.(.+)$/.exec(path);
  const what =
    path === '' || path === 'demos'
      ? ''
      : path === 'signature.instruction'
        ? "'s instruction"
        : demo
          ? `, demo ${Number(demo[1]) + 1}, field "${demo[2] ?? ''}",`
          : `, ${path},`;
  return `predictor "${step.name}"${what} ${problem}`;
}
