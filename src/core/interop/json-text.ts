import { ProgramImportError } from './errors';

/** Line and column (both 1-based) of a character offset in a text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Where JSON.parse stopped, from its message (V8 and SpiderMonkey/JSC wordings). */
export function jsonErrorLocation(
  text: string,
  err: unknown,
): { line: number; column: number } | undefined {
  const message = err instanceof Error ? err.message : String(err);
  const lineCol = /line (\d+) column (\d+)/i.exec(message);
  if (lineCol) return { line: Number(lineCol[1]), column: Number(lineCol[2]) };
  const position = /at position (\d+)/i.exec(message);
  if (position) return lineColumnAt(text, Number(position[1]));
  if (/unexpected end/i.test(message)) return lineColumnAt(text, text.length);
  return undefined;
}

/** JSON.parse that says where a syntax error is. `fileLabel` names the file in the message. */
export function parseJsonText(text: string, fileLabel = 'The file'): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body) as unknown;
  } catch (err) {
    const at = jsonErrorLocation(body, err);
    const where = at ? ` at line ${at.line}, column ${at.column}` : '';
    throw new ProgramImportError(`${fileLabel} is not valid JSON${where}.`);
  }
}
