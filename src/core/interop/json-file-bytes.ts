import { LineIndex } from '../line-index';
import { binaryKind } from './dataset/binary-file';
import { firstInvalidUtf8Byte } from './dataset/decode';

/** How a refusal of a JSON file is worded by the importer that reads it. */
export interface JsonFileWords {
  /** What cannot be done with the file: "cannot be imported". */
  cannot: string;
  /** What that leaves: "nothing was saved". */
  nothingDone: string;
  /** What to do about a binary file (say how to get the JSON one). */
  binaryAdvice: string;
  /** What to do about a file in another encoding (say who writes UTF-8). */
  notUtf8Advice: string;
  /** What to do about a file that starts as UTF-16 but is not. */
  notUtf16Advice: string;
  /** The importer's named error. */
  refuse: (message: string) => Error;
}

/**
 * The text of a JSON file from its bytes. UTF-8 is checked strictly: a file in another encoding
 * (Latin-1, Windows-1252) would otherwise be read with its accented letters replaced by U+FFFD, a
 * silent change of the data. UTF-16 with a byte-order mark (what Windows PowerShell's `>` writes)
 * is decoded. Binary files are refused by kind. The caller checks the size first.
 */
export function jsonFileText(bytes: Uint8Array, fileName: string, words: JsonFileWords): string {
  const kind = binaryKind(bytes);
  if (kind !== null)
    throw words.refuse(
      `${fileName} is ${kind}, not a JSON text file, so it ${words.cannot} (${words.nothingDone}). ${words.binaryAdvice}`,
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
      throw words.refuse(
        `${fileName} starts as UTF-16 text but is not valid UTF-16, so it ${words.cannot} (${words.nothingDone}). ${words.notUtf16Advice}`,
      );
    const at = Math.max(0, firstInvalidUtf8Byte(bytes));
    throw words.refuse(
      `${fileName} is not UTF-8 text: the byte at offset ${at} (line ${LineIndex.ofBytes(bytes).line(at)}) is not valid UTF-8, and reading it anyway would change its letters (${words.nothingDone}). ${words.notUtf8Advice}`,
    );
  }
}
