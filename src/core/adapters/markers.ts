/**
 * Field markers (`[[ ## name ## ]]`), the section layout of the chat format, shared by the
 * adapters and by anything that reads prompts back (the stand-in model).
 */
import { bareRecord } from '../reserved-names';

/** The header that opens a field's section. */
export function marker(name: string): string {
  return `[[ ## ${name} ## ]]`;
}

/** The marker that ends an answer in the chat format. */
export const COMPLETED_MARKER = marker('completed');

// Lenient on spacing and case: `[[## Answer ##]]`, `[[ ## answer ##]]`, `[[ ##answer## ]]`.
const MARKER_PATTERN = /\[\[\s*##\s*([A-Za-z_][A-Za-z0-9_]*)\s*##\s*\]\]/g;

/** Sections `name -> value` laid out one after another, with blank lines between. */
export function formatSections(sections: readonly (readonly [string, string])[]): string {
  return sections.map(([name, value]) => `${marker(name)}\n${value}`).join('\n\n');
}

/** True when the text contains at least one field marker. */
export function hasMarkers(text: string): boolean {
  return new RegExp(MARKER_PATTERN.source).test(text);
}

/**
 * Reads `[[ ## name ## ]]` sections: each value is the trimmed text up to the next marker.
 * Text before the first marker is ignored; the first section of a name wins. When `names` is
 * given, headers are matched to them case-insensitively and keyed by the given spelling
 * (other headers still end the previous section but are not returned).
 */
export function readMarkerSections(
  text: string,
  names?: readonly string[],
): Record<string, string> {
  const byLowerName = new Map((names ?? []).map((n) => [n.toLowerCase(), n]));
  const found = [...text.matchAll(MARKER_PATTERN)];
  // No prototype: a header such as [[ ## constructor ## ]] is a plain entry, not a member.
  const sections = bareRecord<string>();
  found.forEach((match, i) => {
    const header = match[1] ?? '';
    const key = names ? byLowerName.get(header.toLowerCase()) : header;
    if (key === undefined || key in sections) return;
    const start = match.index + match[0].length;
    const end = found[i + 1]?.index ?? text.length;
    sections[key] = cleanSectionValue(text.slice(start, end));
  });
  return sections;
}

/** Removes a markdown code fence wrapping the whole text (```lang ... ```), if there is one. */
export function stripFences(text: string): string {
  const trimmed = text.trim();
  const match = /^```[\w-]*[^\S\n]*\n?([\s\S]*?)\n?```$/.exec(trimmed);
  return match ? (match[1] ?? '').trim() : trimmed;
}

/**
 * Trims a section and drops a fence line left over from a fence that wrapped the whole answer
 * (an opening fence before the first marker leaves a lone closing fence in the last section).
 * Balanced fences are kept: a text answer may legitimately be a code block.
 */
function cleanSectionValue(raw: string): string {
  let lines = raw
    .replace(/^[^\S\n]*:/, '')
    .trim()
    .split('\n');
  const isFence = (line: string | undefined): boolean => /^\s*```[\w-]*\s*$/.test(line ?? '');
  if (lines.filter((l) => isFence(l)).length % 2 === 1) {
    if (isFence(lines[lines.length - 1])) lines = lines.slice(0, -1);
    else if (isFence(lines[0])) lines = lines.slice(1);
  }
  return lines.join('\n').trim();
}
