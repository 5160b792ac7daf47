/**
 * Files of one example per line, a label, a space and the text ("0 one long string of cliches
 * ." in SST-2's harvardnlp files, "DESC:manner How did serfdom develop ?" in TREC's,
 * "__label__positive great film" in fastText's) are common and are not CSV: read as CSV they
 * give one problem per line about the count of values, which does not say what to do.
 */
export const LABEL_LINES_HINT =
  'Each line looks like a label, a space and a text (as SST-2, TREC or fastText files are), which is not CSV. Save the label and the text as two columns (a CSV with a header such as label,text, or JSONL) and import that.';

/** Enough text for 200 lines of a few hundred characters each. */
const HEAD_CHARS = 128 * 1024;

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
  if (lines.length < 5) return false;
  const firsts: string[] = [];
  for (const line of lines) {
    const first = /^(\S{1,40})\s+\S/.exec(line)?.[1];
    if (first === undefined) return false;
    firsts.push(first);
  }
  return new Set(firsts).size <= Math.max(2, lines.length / 4);
}
