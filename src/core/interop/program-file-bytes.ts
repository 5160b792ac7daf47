import { LineIndex } from '../line-index';
import { binaryKind } from './dataset/binary-file';
import { firstInvalidUtf8Byte } from './dataset/decode';
import { ProgramImportError } from './errors';
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

/** A Python pickle (protocol 2 or newer), as `save(path, save_program=True)` writes. */
function isPickle(bytes: Uint8Array): boolean {
  const protocol = bytes[1] ?? 0;
  return bytes[0] === 0x80 && protocol >= 2 && protocol <= 5;
}

/**
 * The text of a program file from its bytes. UTF-8 is checked strictly: a file in another
 * encoding (Latin-1, Windows-1252) would otherwise import with its accented letters replaced
 * by U+FFFD, a silent change of the instruction and demos. UTF-16 with a byte-order mark (what
 * Windows PowerShell's `>` writes) is decoded. Binary files are refused by kind.
 */
export function programFileText(bytes: Uint8Array, fileName: string): string {
  if (bytes.length > PROGRAM_FILE_MAX_BYTES)
    throw new ProgramImportError(programFileTooLargeMessage(bytes.length));
  if (isPickle(bytes))
    throw new ProgramImportError(
      `${fileName} is a Python pickle (DSPy's save_program=True writes one), not JSON, so it cannot be imported (nothing was saved). ${SAVE_AGAIN}`,
    );
  const kind = binaryKind(bytes);
  if (kind !== null)
    throw new ProgramImportError(
      `${fileName} is ${kind}, not a JSON text file, so it cannot be imported (nothing was saved). ${SAVE_AGAIN}`,
    );
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : undefined;
  try {
    return new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (utf16)
      throw new ProgramImportError(
        `${fileName} starts as UTF-16 text but is not valid UTF-16, so it cannot be imported (nothing was saved). Save it as UTF-8 and import it again.`,
      );
    const at = Math.max(0, firstInvalidUtf8Byte(bytes));
    throw new ProgramImportError(
      `${fileName} is not UTF-8 text: the byte at offset ${at} (line ${LineIndex.ofBytes(bytes).line(at)}) is not valid UTF-8, and reading it anyway would change its letters (nothing was saved). DSPy writes UTF-8: save the file as UTF-8 and import it again.`,
    );
  }
}
