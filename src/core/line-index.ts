/**
 * Where the lines of a text (or of its bytes) start, so that many offsets can be turned into
 * 1-based lines and columns cheaply: error messages name the line a user can go to.
 */
export class LineIndex {
  private constructor(private readonly starts: readonly number[]) {}

  /** Lines of a string (offsets in UTF-16 code units). */
  static ofText(text: string): LineIndex {
    return LineIndex.from(text.length, (i) => text.charCodeAt(i));
  }

  /** Lines of raw file bytes (offsets in bytes), before they are decoded. */
  static ofBytes(bytes: Uint8Array): LineIndex {
    return LineIndex.from(bytes.length, (i) => bytes[i] ?? 0);
  }

  private static from(length: number, unitAt: (i: number) => number): LineIndex {
    const starts = [0];
    for (let i = 0; i < length; i++) if (unitAt(i) === 10) starts.push(i + 1);
    return new LineIndex(starts);
  }

  /** The 1-based line of an offset. */
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** The 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const line = this.line(offset);
    return { line, column: offset - (this.starts[line - 1] ?? 0) + 1 };
  }
}
