import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../../src/core/line-index';

describe('LineIndex', () => {
  const text = 'ab\ncd\r\n\nxyz';

  it('gives 1-based lines and columns, a newline belonging to the line it ends', () => {
    const lines = LineIndex.ofText(text);
    expect(lines.position(0)).toEqual({ line: 1, column: 1 });
    expect(lines.position(2)).toEqual({ line: 1, column: 3 });
    expect(lines.position(3)).toEqual({ line: 2, column: 1 });
    expect(lines.position(5)).toEqual({ line: 2, column: 3 });
    expect(lines.position(7)).toEqual({ line: 3, column: 1 });
    expect(lines.position(8)).toEqual({ line: 4, column: 1 });
    expect(lines.position(10)).toEqual({ line: 4, column: 3 });
  });

  it('counts lines of bytes the same way, offsets in bytes', () => {
    const bytes = new TextEncoder().encode('é\nx\ny');
    const lines = LineIndex.ofBytes(bytes);
    // "é" is two bytes: the newline is byte 2, "x" byte 3.
    expect(lines.line(1)).toBe(1);
    expect(lines.line(3)).toBe(2);
    expect(lines.line(5)).toBe(3);
    expect(LineIndex.ofText('é\nx\ny').line(2)).toBe(2);
  });

  it('puts offsets past the end on the last line', () => {
    expect(LineIndex.ofText('a\nb').line(99)).toBe(2);
    expect(LineIndex.ofText('').position(0)).toEqual({ line: 1, column: 1 });
  });
});
