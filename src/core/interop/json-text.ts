import { withoutByteOrderMark } from '../byte-order-mark';
import { LineIndex } from '../line-index';
import { ProgramImportError } from './errors';
import { jsonErrorOffset } from './json-locate';

/** Line and column (both 1-based) of a character offset in a text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  return LineIndex.ofText(text).position(Math.min(offset, text.length));
}

/** Line and column of the first JSON syntax error in `text`, or undefined when it is valid. */
export function jsonErrorLocation(text: string): { line: number; column: number } | undefined {
  const offset = jsonErrorOffset(text);
  return offset === undefined ? undefined : lineColumnAt(text, offset);
}

/** How an importer words a file that is not JSON: what to do with a whole file, and its error. */
export interface JsonTextWords {
  /** Ends "Get the whole file again and …": "import that (nothing was saved)". */
  again: string;
  refuse: (message: string) => Error;
}

const PROGRAM_IMPORT_WORDS: JsonTextWords = {
  again: 'import that (nothing was saved)',
  refuse: (message) => new ProgramImportError(message),
};

/** JSON.parse that says where a syntax error is. `fileLabel` names the file in the message. */
export function parseJsonText(
  text: string,
  fileLabel = 'The file',
  words: JsonTextWords = PROGRAM_IMPORT_WORDS,
): unknown {
  const body = withoutByteOrderMark(text);
  // "Not valid JSON at line 1, column 1" would send the user looking for a typo.
  if (body.trim() === '') throw words.refuse(`${fileLabel} is empty.`);
  try {
    return JSON.parse(body) as unknown;
  } catch {
    const offset = jsonErrorOffset(body);
    const at = offset === undefined ? undefined : lineColumnAt(body, offset);
    const where = at ? ` at line ${at.line}, column ${at.column}` : '';
    // A file that stops inside an object or a string was cut off; pointing at its last
    // character would send the user looking for a typo there.
    if (offset !== undefined && offset >= body.trimEnd().length)
      throw words.refuse(
        `${fileLabel} ends before its JSON is complete (it stops${where}): it was cut off, for example by a download or a copy that did not finish. Get the whole file again and ${words.again}.`,
      );
    throw words.refuse(`${fileLabel} is not valid JSON${where}.`);
  }
}
