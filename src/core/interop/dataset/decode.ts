import { NotUtf16Error, NotUtf8Error } from './errors';
import { LineIndex } from '../../line-index';

export type TextEncodingName = 'utf-8' | 'latin1';

/** Offset of the first byte that breaks UTF-8, or -1 when all bytes are valid UTF-8. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** The UTF-16 variant a byte-order mark announces, if the bytes start with one. */
export function utf16ByteOrder(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Decodes file bytes. UTF-8 is checked strictly (TextDecoder `fatal`), and a failure names
 * the first bad byte and its line; a UTF-8 byte-order mark is removed. A file that starts with
 * a UTF-16 byte-order mark (Excel's "Unicode Text", Windows PowerShell's `>`) is read as UTF-16,
 * as program files are: refused as "not UTF-8", it was sent to Latin-1, which reads it as
 * letters and NUL bytes. Latin-1 never fails.
 */
export function decodeText(
  bytes: Uint8Array,
  fileName: string,
  encoding: TextEncodingName = 'utf-8',
): string {
  if (encoding === 'latin1') return new TextDecoder('latin1').decode(bytes);
  const utf16 = utf16ByteOrder(bytes);
  if (utf16 !== undefined) {
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(bytes);
    } catch {
      throw new NotUtf16Error(fileName);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = Math.max(0, firstInvalidUtf8Byte(bytes));
    throw new NotUtf8Error(fileName, at, LineIndex.ofBytes(bytes).line(at));
  }
}
