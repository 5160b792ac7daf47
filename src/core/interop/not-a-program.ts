import { isJsonObject } from '../json';

/** What to import here instead of a file that is not a program (nothing of it is saved). */
export const IMPORT_A_PROGRAM =
  'Import a program here: the JSON file DSPy\'s program.save("program.json") writes, or a program exported from this Library (nothing was saved).';

/** The message for a dataset picked where a program is imported, the mistake this file is about. */
export function datasetPickedMessage(shape: string): string {
  return `This file is ${shape}, not a saved program: import it on the Data screen. ${IMPORT_A_PROGRAM}`;
}

function records(n: number): string {
  return `${n} record${n === 1 ? '' : 's'}`;
}

/** Records (objects) among a list's items, when most of them are. */
function recordCount(items: readonly unknown[]): number | undefined {
  const records = items.filter(isJsonObject).length;
  return records > 0 && records * 2 >= items.length ? records : undefined;
}

/**
 * How a parsed file with no predictor looks like a dataset: a list of records, or an object
 * holding one (`{"train": [...]}`, `{"rows": [...]}`). Undefined when it does not.
 */
export function datasetShape(json: unknown): string | undefined {
  if (Array.isArray(json)) {
    const n = recordCount(json);
    return n === undefined ? undefined : `a list of ${records(n)} (a dataset)`;
  }
  if (!isJsonObject(json)) return undefined;
  for (const [key, value] of Object.entries(json)) {
    if (!Array.isArray(value)) continue;
    const n = recordCount(value);
    if (n !== undefined) return `an object whose "${key}" is a list of ${records(n)} (a dataset)`;
  }
  return undefined;
}

/** JSON Lines records, said (`JSON Lines with 3 records`), or undefined when the text is not JSON Lines. */
export function jsonLinesShape(text: string): string | undefined {
  const n = jsonLinesRecordCount(text);
  return n === undefined ? undefined : `JSON Lines with ${records(n)} (a dataset)`;
}

/** Records in a JSON Lines text (one JSON object a line), or undefined when it is not one. */
function jsonLinesRecordCount(text: string): number | undefined {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) return undefined;
  for (const line of lines.slice(0, 20)) {
    try {
      if (!isJsonObject(JSON.parse(line))) return undefined;
    } catch {
      return undefined;
    }
  }
  return lines.length;
}
