/**
 * The stand-in's built-in date skill: it can spot a date written in a few common ways and
 * write it in a few output formats. Which format to write, and how to read ambiguous numeric
 * dates and two-digit years, it only learns from the prompt (rules, demos, feedback).
 */

export type DateFormat = 'iso' | 'dmy-slash' | 'mdy-slash' | 'dmy-dot' | 'long';

export interface FoundDate {
  year: number;
  month: number;
  day: number;
  /** The date as the text writes it. */
  raw: string;
}

export interface DateReading {
  /** Read `a/b/yyyy` as day/month when both could be a month. Default: month-first. */
  dayFirst: boolean;
  /** The century of two-digit years. Default: 2000. */
  century: 1900 | 2000;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_NAMES =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const ISO = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/;
const NUMERIC = /\b(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})\b/;
const MONTH_FIRST = new RegExp(
  `\\b(${MONTH_NAMES})\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`,
  'i',
);
const DAY_FIRST = new RegExp(
  `\\b(\\d{1,2})(?:st|nd|rd|th)? (?:of )?(${MONTH_NAMES})\\.?,? (\\d{4})\\b`,
  'i',
);

/** The first date in `text`, read with the given conventions, or null. */
export function findDate(text: string, reading: DateReading): FoundDate | null {
  const iso = ISO.exec(text);
  if (iso) return checked(+(iso[1] ?? 0), +(iso[2] ?? 0), +(iso[3] ?? 0), iso[0]);
  const num = NUMERIC.exec(text);
  if (num) {
    const a = +(num[1] ?? 0);
    const b = +(num[3] ?? 0);
    const yearText = num[4] ?? '';
    const year = yearText.length === 2 ? reading.century + +yearText : +yearText;
    const dayFirst = a > 12 ? true : b > 12 ? false : reading.dayFirst;
    return dayFirst ? checked(year, b, a, num[0]) : checked(year, a, b, num[0]);
  }
  const mf = MONTH_FIRST.exec(text);
  if (mf) return checked(+(mf[3] ?? 0), monthNumber(mf[1] ?? ''), +(mf[2] ?? 0), mf[0]);
  const df = DAY_FIRST.exec(text);
  if (df) return checked(+(df[3] ?? 0), monthNumber(df[2] ?? ''), +(df[1] ?? 0), df[0]);
  return null;
}

/** Writes a date in one of the known formats. */
export function formatDate(date: FoundDate, format: DateFormat): string {
  const dd = String(date.day).padStart(2, '0');
  const mm = String(date.month).padStart(2, '0');
  switch (format) {
    case 'iso':
      return `${date.year}-${mm}-${dd}`;
    case 'dmy-slash':
      return `${dd}/${mm}/${date.year}`;
    case 'mdy-slash':
      return `${mm}/${dd}/${date.year}`;
    case 'dmy-dot':
      return `${dd}.${mm}.${date.year}`;
    case 'long':
      return `${capitalize(MONTHS[date.month - 1] ?? '')} ${date.day}, ${date.year}`;
  }
}

/** The format a written date value is in, or null when it is not a lone date. */
export function detectDateFormat(value: string): DateFormat | null {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return 'iso';
  if (/^\d{2}\.\d{2}\.\d{4}$/.test(v)) return 'dmy-dot';
  if (/^\d{2}\/\d{2}\/\d{4}$/.test(v)) {
    const [a = 0, b = 0] = v.split('/').map(Number);
    return a > 12 ? 'dmy-slash' : b > 12 ? 'mdy-slash' : 'mdy-slash';
  }
  if (new RegExp(`^(${MONTH_NAMES}) \\d{1,2}, \\d{4}$`, 'i').test(v)) return 'long';
  return null;
}

/** A date format named in words such as "YYYY-MM-DD" or "ISO 8601", or null. */
export function dateFormatNamedIn(text: string): DateFormat | null {
  if (/YYYY-MM-DD|ISO[ -]?8601|ISO (date )?format/i.test(text)) return 'iso';
  if (/DD\/MM\/YYYY/i.test(text)) return 'dmy-slash';
  if (/MM\/DD\/YYYY/i.test(text)) return 'mdy-slash';
  if (/DD\.MM\.YYYY/i.test(text)) return 'dmy-dot';
  if (/Month D(D)?, YYYY/i.test(text)) return 'long';
  return null;
}

/** The name of a format, as the recognized rule sentence writes it. */
export function dateFormatName(format: DateFormat): string {
  const names: Record<DateFormat, string> = {
    iso: 'YYYY-MM-DD',
    'dmy-slash': 'DD/MM/YYYY',
    'mdy-slash': 'MM/DD/YYYY',
    'dmy-dot': 'DD.MM.YYYY',
    long: 'Month D, YYYY',
  };
  return names[format];
}

function monthNumber(name: string): number {
  const lower = name.toLowerCase().slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(lower)) + 1;
}

function checked(year: number, month: number, day: number, raw: string): FoundDate | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day, raw };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
