import { withoutByteOrderMark } from '../../byte-order-mark';
import type { ImportIssue } from './errors';
import type { ParsedTable, TableRow } from './table';

/**
 * Files of one example per line, a label, a space and the text ("0 one long string of cliches
 * ." in SST-2's harvardnlp files, "DESC:manner How did serfdom develop ?" in TREC's,
 * "__label__positive great film" in fastText's) are common and are not CSV: read as CSV they
 * give one problem per line about the count of values. A file that looks like one is read as
 * such (`parseLabelLines`); this hint is for when the user asked for CSV.
 */
export const LABEL_LINES_HINT =
  'Each line looks like a label, a space and a text (as SST-2, TREC or fastText files are), which is not CSV. Leave the format, delimiter and column names to be detected and the file is read as a label and a text per line; or save the label and the text as two columns (a CSV with a header such as label,text, or JSONL).';

/** Enough text for 200 lines of a few hundred characters each. */
const HEAD_CHARS = 128 * 1024;

/** The longest first word read as a label. */
const MAX_LABEL_CHARS = 40;

/** fastText marks labels with this prefix; the label is what follows it. */
const FASTTEXT_PREFIX = '__label__';

/** A line's first word, when it is short enough for a label and text follows it. */
const LABEL_THEN_TEXT = new RegExp(`^(\\S{1,${MAX_LABEL_CHARS}})\\s+\\S`);
const LONE_LABEL = new RegExp(`^\\S{1,${MAX_LABEL_CHARS}}$`);

/** A label of a coarse and a fine class, as TREC's "DESC:manner". */
const COARSE_FINE = /^[^:]+:[^:]+$/;

/** Lines whose first words are few distinct short tokens, each followed by more text. */
export function looksLikeLabelLines(text: string): boolean {
  // The first 200 lines decide: a 20 MB file is not split whole for them (the cut line is left out).
  const cut = text.length > HEAD_CHARS ? text.lastIndexOf('\n', HEAD_CHARS) : text.length;
  const head = text.slice(0, cut > 0 ? cut : HEAD_CHARS);
  const lines = head
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(0, 200);
  const firsts: string[] = [];
  // A line that is a lone word (a label whose text was lost) is allowed now and then: the file is
  // still read as label lines, and that line is then reported by its number, instead of the whole
  // file being read as a one-column CSV whose first line is taken for a header. A lone first
  // word is such a header (a one-column CSV's "text"), so it still says the file is not this.
  let lone = 0;
  for (const [i, line] of lines.entries()) {
    const first = LABEL_THEN_TEXT.exec(line)?.[1];
    if (first !== undefined) firsts.push(first);
    else if (i > 0 && LONE_LABEL.test(line)) lone++;
    else return false;
  }
  if (firsts.length < 5 || lone > Math.max(1, Math.floor(lines.length / 20))) return false;
  // TREC's fine classes are many (50), its coarse ones few: "DESC:manner" counts as DESC.
  const coarse = firsts.every((f) => COARSE_FINE.test(f));
  const labels = new Set(coarse ? firsts.map((f) => f.split(':')[0]) : firsts);
  return labels.size <= Math.max(2, lines.length / 4);
}

/**
 * Reads "label text" lines into the columns `label` and `text`. TREC's labels are a coarse and
 * a fine class ("DESC:manner"): when every label has that shape, a column `coarse_label`
 * ("DESC") is added, since the 6 coarse classes are the usual task and the 50 fine ones are not.
 * fastText's `__label__` prefix is dropped. A line without a text is reported by its number.
 */
export function parseLabelLines(text: string): ParsedTable {
  const body = withoutByteOrderMark(text);
  const rows: TableRow[] = [];
  const issues: ImportIssue[] = [];
  body.split('\n').forEach((raw, i) => {
    const lineText = raw.trim();
    if (lineText === '') return;
    const line = i + 1;
    const match = /^(\S+)\s+(.+)$/s.exec(lineText);
    if (!match?.[1] || !match[2]) {
      issues.push({
        line,
        message:
          'the line has a label but no text after it; add the text after a space, or delete the line',
      });
      return;
    }
    const label = match[1].startsWith(FASTTEXT_PREFIX)
      ? match[1].slice(FASTTEXT_PREFIX.length)
      : match[1];
    if (label === '' || label.length > MAX_LABEL_CHARS) {
      issues.push({
        line,
        message: `the line does not start with a label (a word of 1 to ${MAX_LABEL_CHARS} characters, then a space)`,
      });
      return;
    }
    rows.push({ item: rows.length + 1, line, values: { label, text: match[2].trim() } });
  });
  if (rows.length === 0 && issues.length === 0) issues.push({ message: 'The file has no rows.' });
  const coarse = rows.length > 0 && rows.every((r) => COARSE_FINE.test(String(r.values.label)));
  if (coarse)
    for (const r of rows)
      r.values = { ...r.values, coarse_label: String(r.values.label).split(':')[0] ?? '' };
  return {
    format: 'label-text',
    columns: coarse ? ['label', 'coarse_label', 'text'] : ['label', 'text'],
    rows,
    issues,
  };
}
