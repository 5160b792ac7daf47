/* The start of a long text, cut to be shown (a preview, a folded table cell). */

/** Created once: a segmenter is costly to create, and cheap to reuse. */
let graphemes: Intl.Segmenter | null = null;

/** Line breaks as graphemes: CR LF is one grapheme, so it is one line break. */
const LINE_BREAKS = new Set(['\n', '\r\n', '\r']);

/**
 * A text's length in characters, counted as code points as Library names are (an emoji is
 * one, an emoji sequence a few): cheap even for 100,000 characters, where counting graphemes
 * takes seconds.
 */
export function characterCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * The longest start of `text` with at most `maxChars` characters (code points) and at most
 * `maxLines` lines, cut only between graphemes: never inside a surrogate pair, an emoji with
 * its skin tone or joiners, a flag, or a letter and its accents. Null when the whole text fits
 * (a short value is shown as it is).
 */
export function textStart(text: string, maxChars: number, maxLines = Infinity): string | null {
  // A text no longer than the limit in UTF-16 units has no more code points either: only its
  // lines need counting. Most values are short, and segmenting them all would slow a table.
  if (text.length <= maxChars && !hasMoreLines(text, maxLines)) return null;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let chars = 0;
  let lines = 1;
  // Stops at the cut: a 100,000-character value is segmented only as far as it is shown.
  for (const { segment, index } of graphemes.segment(text)) {
    const isBreak = LINE_BREAKS.has(segment);
    if (isBreak && lines === maxLines) return text.slice(0, index);
    chars += characterCount(segment);
    if (chars > maxChars) return text.slice(0, index);
    if (isBreak) lines++;
  }
  return null;
}

/**
 * Whether the text has more than `maxLines` lines (CR LF counts once). A plain loop that stops
 * at the first line too many: a results table asks this of every value it shows.
 */
function hasMoreLines(text: string, maxLines: number): boolean {
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (++lines > maxLines) return true;
  }
  return false;
}
