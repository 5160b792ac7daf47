import { CopaError } from '../../errors';

/** Signatures of file kinds people pick by mistake instead of a CSV or JSON export. */
const KNOWN_KINDS: { magic: readonly number[]; kind: string }[] = [
  {
    magic: [0x50, 0x4b, 0x03, 0x04],
    kind: 'a ZIP archive (an Excel .xlsx or an OpenDocument file is one)',
  },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], kind: 'an old Office document (.xls or .doc)' },
  { magic: [0x25, 0x50, 0x44, 0x46], kind: 'a PDF document' },
  { magic: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { magic: [0x1f, 0x8b], kind: 'a gzip-compressed file' },
  { magic: [0x50, 0x41, 0x52, 0x31], kind: 'a Parquet file' },
];
/** Bytes looked at: a text file has no NUL byte anywhere near its start. */
const SNIFF_BYTES = 8192;

/** What kind of binary file the bytes are, or null when they may be text. */
export function binaryKind(bytes: Uint8Array): string | null {
  for (const { magic, kind } of KNOWN_KINDS) if (magic.every((b, i) => bytes[i] === b)) return kind;
  // UTF-16 text has NUL bytes too, but starts with a byte-order mark.
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.subarray(0, SNIFF_BYTES).includes(0)) return 'a binary file';
  return null;
}

/** The file is not text at all (a spreadsheet, an archive, an image): no encoding would help. */
export class BinaryFileError extends CopaError {
  constructor(
    readonly fileName: string,
    readonly kind: string,
  ) {
    super(
      'BinaryFileError',
      `${fileName} is ${kind}, not a text file, so it cannot be imported (nothing was saved). Export the data as CSV (UTF-8), JSON Lines or JSON and import that file.`,
    );
  }
}
