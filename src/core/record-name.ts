import { CopaError } from './errors';

/** Longest name a saved dataset, program or run takes: a name is a line in the Library. */
export const MAX_RECORD_NAME_CHARS = 120;

/** A new name for a saved record was refused (blank or too long); the message says why. */
export class RecordNameError extends CopaError {
  constructor(message: string) {
    super('RecordNameError', message);
  }
}

/**
 * A name as it is saved (trimmed), or why it cannot be: the page checks as the user types and
 * the worker checks again before writing, with the same words.
 */
export function checkRecordName(
  text: string,
): { ok: true; name: string } | { ok: false; message: string } {
  const name = text.trim();
  if (name === '')
    return { ok: false, message: 'Write a name: it cannot be empty or only spaces.' };
  // Counted as the user sees characters (an emoji is one), not UTF-16 units.
  const chars = [...name].length;
  if (chars > MAX_RECORD_NAME_CHARS)
    return {
      ok: false,
      message: `The name is ${chars} characters long; shorten it to at most ${MAX_RECORD_NAME_CHARS}.`,
    };
  return { ok: true, name };
}

/** The trimmed name, or a RecordNameError saying what is wrong with it. */
export function recordName(text: string): string {
  const checked = checkRecordName(text);
  if (!checked.ok) throw new RecordNameError(checked.message);
  return checked.name;
}

/**
 * `name`, or `name (2)`, `name (3)`, … when a record of that name is already saved (the same
 * file imported twice gave two datasets called "tickets", alike on Optimize and in the Library,
 * and their runs and programs alike too); cut to fit MAX_RECORD_NAME_CHARS.
 */
export function distinctName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const base = [...name]
      .slice(0, MAX_RECORD_NAME_CHARS - suffix.length)
      .join('')
      .trimEnd();
    const candidate = `${base}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
