import { ProgramExportTooLargeError, ProgramImportError } from './errors';
import { jsonFileText, type JsonFileWords } from './json-file-bytes';
import { megabytes, PROGRAM_LIMITS } from './program-limits';

/**
 * Bytes of a program file read before it is decoded: UTF-8 takes up to 4 bytes a character,
 * so a file over this cannot hold a program within PROGRAM_LIMITS.fileChars.
 */
export const PROGRAM_FILE_MAX_BYTES = PROGRAM_LIMITS.fileChars * 4;

const SAVE_AGAIN =
  'In DSPy, save the program with program.save("program.json") and import that file.';

/** The message for a file too large to read; the same whether the size is known from bytes or from text. */
export function programFileTooLargeMessage(size: number): string {
  return `The program file is ${megabytes(size)}; the playground imports program files up to ${megabytes(PROGRAM_LIMITS.fileChars)}. A program with that much text would not fit a small model's prompt.`;
}

/**
 * A project export's text, refused when the playground's own import would refuse it (larger
 * than PROGRAM_LIMITS.fileChars): the user must not keep a file they cannot bring back here.
 */
export function importableExportText(text: string, programName: string): string {
  if (text.length <= PROGRAM_LIMITS.fileChars) return text;
  throw new ProgramExportTooLargeError(
    `The project JSON of “${programName}” would be ${megabytes(text.length)}, more than the ${megabytes(PROGRAM_LIMITS.fileChars)} a program import reads, so it could not be imported back (no file was saved). Download a backup in the Library instead: it keeps this program whole and restores it in any browser. Its DSPy JSON, OpenAI messages and plain text still export, to use elsewhere.`,
  );
}

/** A Python pickle (protocol 2 or newer), as `save(path, save_program=True)` writes. */
function isPickle(bytes: Uint8Array): boolean {
  const protocol = bytes[1] ?? 0;
  return bytes[0] === 0x80 && protocol >= 2 && protocol <= 5;
}

/** How a program import words a refused file (see jsonFileText). */
const PROGRAM_FILE_WORDS: JsonFileWords = {
  cannot: 'cannot be imported',
  nothingDone: 'nothing was saved',
  binaryAdvice: SAVE_AGAIN,
  notUtf8Advice: 'DSPy writes UTF-8: save the file as UTF-8 and import it again.',
  notUtf16Advice: 'Save it as UTF-8 and import it again.',
  refuse: (message) => new ProgramImportError(message),
};

/**
 * The text of a program file from its bytes, decoded strictly (see jsonFileText): a file in
 * another encoding is refused, not imported with its letters changed. A Python pickle (what
 * DSPy's `save_program=True` writes) is named as such.
 */
export function programFileText(bytes: Uint8Array, fileName: string): string {
  if (bytes.length > PROGRAM_FILE_MAX_BYTES)
    throw new ProgramImportError(programFileTooLargeMessage(bytes.length));
  if (isPickle(bytes))
    throw new ProgramImportError(
      `${fileName} is a Python pickle (DSPy's save_program=True writes one), not JSON, so it cannot be imported (nothing was saved). ${SAVE_AGAIN}`,
    );
  return jsonFileText(bytes, fileName, PROGRAM_FILE_WORDS);
}
