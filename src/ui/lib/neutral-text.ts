/*
 * Text the app writes for other programs (spreadsheets, Markdown renderers) holds dataset text,
 * model output and names from imported files. These helpers make such text inert there.
 */

/**
 * A cell a spreadsheet would run as a formula: one starting with = + - @ (also their full-width
 * forms, which some spreadsheets accept), a tab, a carriage return or a line break, possibly after
 * spaces. papaparse's own `escapeFormulae: true` tests `/^[=+\-@\t\r].*$/`, whose `.` stops at a
 * line break, so "=HYPERLINK(...)" followed by a new line slipped through; this pattern looks only
 * at the start.
 */
export const FORMULA_START = /^[\s\u00a0]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;

/** Markdown's active characters: emphasis, links and images, HTML, headings, tables, code. */
const MARKDOWN_ACTIVE = /[\\`*_[\]<>#|!&~]/g;
/** What GitHub-flavoured Markdown turns into a link by itself: URLs, www. names, e-mail. */
const AUTOLINK_COLON = /(?<=[a-z0-9]):(?=\/\/)|(?<=\b(?:mailto|xmpp)):/gi;
const AUTOLINK_WWW = /\b(www)\./gi;
/** A line start that would open a list, a heading underline or a numbered list. */
const BLOCK_START = /^(\s*)([-+=]|\d+[.)])/;

function escapeActive(text: string): string {
  return text
    .replace(MARKDOWN_ACTIVE, '\\$&')
    .replace(AUTOLINK_COLON, '\\:')
    .replace(AUTOLINK_WWW, '$1\\.')
    .replace(/@/g, '\\@');
}

/** One line of Markdown text: line breaks folded, nothing that can link, embed or format. */
export function markdownInline(text: string): string {
  return escapeActive(text.replace(/\s+/g, ' ').trim());
}

/** A block quote of text kept line by line, as inert as `markdownInline`. */
export function markdownQuote(text: string): string {
  const body = text.trim() === '' ? '(empty)' : text.trim();
  return body
    .split('\n')
    .map((l) => `> ${escapeActive(l.replace(/\r$/, '')).replace(BLOCK_START, '$1\\$2')}`)
    .join('\n');
}
