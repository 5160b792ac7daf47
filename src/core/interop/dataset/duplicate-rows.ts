import type { Example } from '../../example';
import { canonicalJson } from '../../json';

/** A row left out because an earlier row has the same value for every field. */
export interface RepeatedRow {
  /** The example left out. */
  id: string;
  /** The earlier example it repeats, which is kept. */
  firstId: string;
}

/**
 * Keeps the first of rows whose every mapped field is the same (public data has them: TREC's
 * training file repeats 70 lines). Kept, a repeat can land in training and in test: COPA may then
 * show it as a demo and score the program on it, so its test score overstates what it learned.
 */
export function withoutRepeatedRows(
  examples: readonly Example[],
  fields: readonly string[],
): { examples: Example[]; repeated: RepeatedRow[] } {
  const first = new Map<string, string>();
  const kept: Example[] = [];
  const repeated: RepeatedRow[] = [];
  for (const e of examples) {
    const key = canonicalJson(fields.map((f) => e.data[f] ?? null));
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, e.id);
      kept.push(e);
    } else repeated.push({ id: e.id, firstId: earlier });
  }
  return { examples: kept, repeated };
}

/** The notice for rows left out as repeats, naming the first by where it is in the file. */
export function repeatedRowsNotice(
  fileName: string,
  repeated: readonly RepeatedRow[],
  where: (id: string) => string,
): string {
  const [one] = repeated;
  if (one === undefined) return '';
  const count = repeated.length;
  const rows = count === 1 ? '1 row repeats' : `${count.toLocaleString('en')} rows repeat`;
  return `${fileName}: ${rows} an earlier row field for field and ${count === 1 ? 'was' : 'were'} left out (the first: ${where(one.id)}, as ${where(one.firstId)}), so that no example can be both a demo and a test question. The file itself is unchanged.`;
}
