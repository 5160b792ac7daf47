/**
 * `Name: value` sections, the layout of DSPy's older prompt template ("Reasoning: Let's think
 * step by step … Answer: 4"), which small models fall back to when they drop the field markers.
 */
import { bareRecord } from '../reserved-names';

// A line that opens a section: an optional markdown heading or bold around the name, the name
// (words joined by spaces or underscores), a colon, and the start of the value.
const HEADER_LINE =
  /^[^\S\n]*(?:#{1,6}[^\S\n]+)?\**[^\S\n]*([A-Za-z][A-Za-z0-9_ ]{0,60}?)[^\S\n]*\**[^\S\n]*:\**(.*)$/;

/** A field name as it is compared: any case, spaces and underscores alike. */
function comparable(name: string): string {
  return name.toLowerCase().replace(/[\s_]+/g, '_');
}

/**
 * Reads sections opened by a line that starts with one of `names` and a colon (any case, spaces
 * for underscores, in ** or after #s): each value runs to the next such line, trimmed. Lines
 * that start with another word and a colon ("Step 1: …") belong to the section they are in.
 * Text before the first is ignored; the first section of a name wins; keyed by the given
 * spelling.
 */
export function readPrefixedSections(
  text: string,
  names: readonly string[],
): Record<string, string> {
  return splitPrefixedSections(text, names).sections;
}

/** readPrefixedSections, with the text before the first section (trimmed). */
function splitPrefixedSections(
  text: string,
  names: readonly string[],
): { before: string; sections: Record<string, string> } {
  const byName = new Map(names.map((n) => [comparable(n), n]));
  // No prototype: a field named `constructor` is a plain entry, not a member.
  const sections = bareRecord<string>();
  const before: string[] = [];
  let open: { key: string; lines: string[] } | null = null;
  const close = (): void => {
    if (open && !(open.key in sections)) sections[open.key] = open.lines.join('\n').trim();
  };
  for (const line of text.split('\n')) {
    const header = HEADER_LINE.exec(line);
    const key = header ? byName.get(comparable(header[1] ?? '')) : undefined;
    if (key === undefined) {
      (open?.lines ?? before).push(line);
      continue;
    }
    close();
    open = { key, lines: [header?.[2] ?? ''] };
  }
  close();
  return { before: before.join('\n').trim(), sections };
}

/**
 * Marker sections with the outputs they lack read from `Name: value` lines inside them: a model
 * that opened with `[[ ## reasoning ## ]]` may end with "Answer: 4" instead of the answer's
 * marker. The section that held such lines ends where they begin.
 */
export function withPrefixedOutputs(
  sections: Record<string, string>,
  names: readonly string[],
): Record<string, string> {
  const missing = names.filter((n) => !(n in sections));
  if (missing.length === 0) return sections;
  const merged = bareRecord<string>();
  Object.assign(merged, sections);
  for (const [key, value] of Object.entries(sections)) {
    const wanted = missing.filter((n) => !(n in merged));
    if (wanted.length === 0) break;
    const split = splitPrefixedSections(value, wanted);
    if (Object.keys(split.sections).length === 0) continue;
    merged[key] = split.before;
    Object.assign(merged, split.sections);
  }
  return merged;
}

/**
 * A lone output's text without the `Name:` header its first line may open it with ("Proposed
 * instruction: Classify…", "**Summary:** The…"): the header is no part of the value. Text whose
 * first line is anything else is returned as it is.
 */
export function withoutLeadingHeader(text: string, name: string): string {
  const trimmed = text.trimStart();
  const header = HEADER_LINE.exec(trimmed.split('\n', 1)[0] ?? '');
  if (!header || comparable(header[1] ?? '') !== comparable(name)) return text;
  return readPrefixedSections(trimmed, [name])[name] ?? text;
}
