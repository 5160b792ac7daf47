/**
 * How field values are written into prompts and read back from model text, per field type.
 *
 * Reading choices (documented here because callers rely on them):
 * - text: the trimmed text, as is.
 * - number: the first number in the text ("about 42%" -> 42, "1,234.5" -> 1234.5); no number at
 *   all is a failure (the answer cannot be scored as a number).
 * - label: matched case-insensitively to the label set and returned in canonical case, also after
 *   dropping quotes/markdown emphasis, a "Label:"-style prefix and trailing punctuation; failing
 *   that, the one label the answer names as a whole word ("The department is billing."). A
 *   value outside the set is NOT a failure: the trimmed text is returned so a constraint check
 *   can flag it (and feed it back to the model).
 * - list: a JSON array (fences removed); a bulleted or numbered list is accepted too.
 * - json: any JSON value (fences removed; the first {...} or [...] in the text as a fallback,
 *   repaired with jsonrepair when it is almost JSON).
 */
import { jsonrepair } from 'jsonrepair';
import type { JsonValue } from '../json';
import type { FieldSpec } from '../signature';
import { looseWords } from './label-words';
import { stripFences } from './markers';

/** A value read for one field, or why it could not be read. */
export type FieldReading = { ok: true; value: JsonValue } | { ok: false; problem: string };

/** A value as it appears in a prompt: strings as is, numbers as decimals, the rest compact JSON. */
export function formatFieldValue(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Labels as a prompt lists them: separated by commas, or by `;` when a label holds a comma
 * ("Yes, definitely; No"), so the list still says where each label ends.
 */
export function labelListInPrompt(labels: readonly string[]): string {
  return labels.join(labels.some((l) => l.includes(',')) ? '; ' : ', ');
}

/** The short type tag shown next to a field name, e.g. `(one of: a, b)`. */
export function fieldTypeTag(field: FieldSpec): string {
  switch (field.type) {
    case 'label':
      return `one of: ${labelListInPrompt(field.labels ?? [])}`;
    case 'json':
      return 'JSON';
    default:
      return field.type;
  }
}

/** The note telling the model what shape a field's value must have ('' for text). */
export function fieldTypeNote(field: FieldSpec): string {
  switch (field.type) {
    case 'number':
      return '# note: the value you produce must be a single number.';
    case 'label':
      return `# note: the value you produce must be exactly one of: ${(field.labels ?? []).join('; ')}`;
    case 'list':
      return '# note: the value you produce must be a JSON array.';
    case 'json':
      return '# note: the value you produce must be valid JSON.';
    default:
      return '';
  }
}

/** Reads a field's value from the model's text for it. */
export function readFieldText(field: FieldSpec, text: string): FieldReading {
  const trimmed = text.trim();
  switch (field.type) {
    case 'text':
      return { ok: true, value: trimmed };
    case 'number':
      return readNumber(field, trimmed);
    case 'label':
      return { ok: true, value: canonicalLabel(field, trimmed) };
    case 'list':
      return readList(field, trimmed);
    case 'json':
      return readJson(field, trimmed);
  }
}

/** Coerces a value that came out of a JSON answer to the field's type. */
export function readFieldJson(field: FieldSpec, value: JsonValue): FieldReading {
  if (typeof value === 'string') return readFieldText(field, value);
  switch (field.type) {
    case 'text':
      return { ok: true, value: formatFieldValue(value) };
    case 'number':
      return typeof value === 'number'
        ? { ok: true, value }
        : readNumber(field, formatFieldValue(value));
    case 'label':
      return { ok: true, value: canonicalLabel(field, formatFieldValue(value)) };
    case 'list':
      return Array.isArray(value)
        ? { ok: true, value }
        : { ok: false, problem: `"${field.name}" should be a list (a JSON array).` };
    case 'json':
      return { ok: true, value };
  }
}

/**
 * Where a number answer states its result, when it shows its working: after the last "####"
 * (GSM8K's marker), else after the last "answer is" / "answer:", else after the last "=" ("3 * 6 =
 * 18" is 18, not 3). The whole text when it says none of these ("about 42% sure" is 42).
 */
function statedResult(text: string): string {
  const hashes = text.lastIndexOf('####');
  if (hashes >= 0) return text.slice(hashes + 4);
  const answer = [...text.matchAll(/\banswer\s*(?:is|:|=)\s*/gi)].pop();
  if (answer) return text.slice(answer.index + answer[0].length);
  const equals = text.lastIndexOf('=');
  return equals >= 0 ? text.slice(equals + 1) : text;
}

/** The first number in a text, or null. Thousands separators ("1,234") are understood. */
export function firstNumber(text: string): number | null {
  const match =
    /[-+\u2212]?(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?/.exec(
      text,
    );
  if (!match) return null;
  let token = match[0].replace(/,/g, '').replace('\u2212', '-');
  // A hyphen glued to a word ("top-3", "2-3") is not a minus sign.
  if (/^[-+]/.test(token) && match.index > 0 && /[\w]/.test(text[match.index - 1] ?? ''))
    token = token.slice(1);
  const value = Number(token);
  return Number.isFinite(value) ? value : null;
}

/** The canonical spelling of a label, or the trimmed text when it matches none. */
export function canonicalLabel(field: FieldSpec, text: string): string {
  const labels = field.labels ?? [];
  const trimmed = stripFences(text);
  for (const candidate of labelCandidates(trimmed, field.name)) {
    const hit = labels.find((l) => l.toLowerCase() === candidate.toLowerCase());
    if (hit !== undefined) return hit;
  }
  return onlyLabelNamed(labels, trimmed) ?? trimmed;
}

/**
 * The one label an answer names, when it names exactly one: small models wrap the label in a
 * sentence ("The department is billing."), a bullet, brackets or a JSON object. Labels are
 * found as whole words, ignoring case, with `_`, `-`, `/` and spaces alike ("card arrival" names
 * card_arrival), and a label inside a longer one that is also named does not count ("card
 * arrival" does not also name "card"). An answer naming two labels, or none, is left as it is
 * for the constraint check (and its retry) to deal with.
 */
function onlyLabelNamed(labels: readonly string[], text: string): string | null {
  const body = looseWords(text);
  const found: { label: string; start: number; end: number }[] = [];
  for (const label of labels) {
    const words = looseWords(label);
    if (words === '') continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(words)}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of body.matchAll(pattern))
      found.push({ label, start: m.index, end: m.index + m[0].length });
  }
  const named = new Set(
    found
      .filter(
        (f) =>
          !found.some(
            (g) => g.end - g.start > f.end - f.start && g.start <= f.start && f.end <= g.end,
          ),
      )
      .map((f) => f.label),
  );
  return named.size === 1 ? ([...named][0] ?? null) : null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Progressively cleaner readings of a label answer, most literal first. */
function labelCandidates(text: string, fieldName: string): string[] {
  const out = [text];
  let current = text.split('\n')[0]?.trim() ?? '';
  out.push(current);
  current = current.replace(/^[*_`"'\s]+|[*_`"'\s]+$/g, '');
  out.push(current);
  const prefix = new RegExp(`^(?:label|answer|${fieldName})\\s*[:=-]\\s*`, 'i');
  current = current.replace(prefix, '').replace(/^[*_`"'\s]+|[*_`"'\s]+$/g, '');
  out.push(current);
  current = current.replace(/[.!?,;:]+$/, '').replace(/^[*_`"'\s]+|[*_`"'\s]+$/g, '');
  out.push(current);
  return out;
}

function readNumber(field: FieldSpec, text: string): FieldReading {
  const value = firstNumber(statedResult(text)) ?? firstNumber(text);
  return value === null
    ? { ok: false, problem: `"${field.name}" should be a number, but the answer has none.` }
    : { ok: true, value };
}

function readList(field: FieldSpec, text: string): FieldReading {
  const body = stripFences(text);
  const parsed = parseJsonLoosely(body);
  if (parsed !== undefined && Array.isArray(parsed)) return { ok: true, value: parsed };
  const lines = body.split('\n').filter((l) => l.trim().length > 0);
  const bullet = /^\s*(?:[-*\u2022]|\d+[.)])\s+/;
  if (lines.length > 0 && lines.every((l) => bullet.test(l)))
    return { ok: true, value: lines.map((l) => l.replace(bullet, '').trim()) };
  return { ok: false, problem: `"${field.name}" should be a JSON array, but it is not.` };
}

function readJson(field: FieldSpec, text: string): FieldReading {
  const parsed = parseJsonLoosely(stripFences(text));
  return parsed === undefined
    ? { ok: false, problem: `"${field.name}" should be valid JSON, but it is not.` }
    : { ok: true, value: parsed };
}

/**
 * JSON.parse, falling back to the first balanced {...} or [...] in the text; undefined if none.
 * A bracketed part small models wrote almost as JSON (single quotes, trailing commas, unquoted
 * keys, comments) is repaired with jsonrepair; prose around it is never read as JSON.
 */
export function parseJsonLoosely(
  text: string,
  opener: '{' | '[' | 'any' = 'any',
): JsonValue | undefined {
  if (opener === 'any') {
    const direct = tryParse(text.trim());
    if (direct !== undefined) return direct;
  }
  const openers = opener === 'any' ? ['{', '['] : [opener];
  for (let i = 0; i < text.length; i++) {
    if (!openers.includes(text[i] ?? '')) continue;
    const end = balancedEnd(text, i);
    if (end < 0) continue;
    const part = text.slice(i, end + 1);
    const parsed = tryParse(part) ?? tryRepaired(part);
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

function tryParse(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

function tryRepaired(text: string): JsonValue | undefined {
  try {
    return tryParse(jsonrepair(text));
  } catch {
    // Not even almost JSON.
    return undefined;
  }
}

/** Index of the bracket closing the one at `start` (string-aware), or -1. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
