/**
 * Text without a leading byte-order mark (U+FEFF). `decodeText` removes it from UTF-8 files,
 * but text also arrives decoded elsewhere (a Latin-1 file, `File.text()`, a test), and a BOM left
 * in front of a file's first character makes it part of the first column name or JSON token.
 */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
