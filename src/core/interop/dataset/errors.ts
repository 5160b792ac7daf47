import { CopaError } from '../../errors';

/** The problem of a row without a value for a field (DatasetImportError says what to do). */
export const MISSING_VALUE = 'the value is missing or empty';

/** One problem found in an imported file, with where it is. */
export interface ImportIssue {
  /** 1-based line of the file. */
  line?: number;
  /** 1-based item of a JSON array (whose lines are not tracked). */
  item?: number;
  /** The column (CSV header) or key (JSON) concerned. */
  column?: string;
  /** The program field concerned. */
  field?: string;
  message: string;
}

/** Formats an issue as "line 12, column "text": ...". */
export function describeIssue(issue: ImportIssue): string {
  const where = [
    issue.line !== undefined ? `line ${issue.line}` : undefined,
    issue.line === undefined && issue.item !== undefined ? `item ${issue.item}` : undefined,
    issue.column !== undefined ? `column "${issue.column}"` : undefined,
    issue.field !== undefined ? `field "${issue.field}"` : undefined,
  ].filter((w): w is string => w !== undefined);
  return where.length > 0 ? `${where.join(', ')}: ${issue.message}` : issue.message;
}

/** The file was checked as a whole and is not imported; nothing was saved. */
export class DatasetImportError extends CopaError {
  constructor(
    readonly fileName: string,
    readonly issues: readonly ImportIssue[],
    readonly moreIssues = 0,
  ) {
    const first = issues.slice(0, 3).map(describeIssue).join('; ');
    const more = issues.length - 3 + moreIssues;
    super(
      'DatasetImportError',
      `${fileName} was not imported (nothing was saved): ${first}${more > 0 ? `; and ${more} more problem(s)` : ''}.${missingValuesAdvice(issues, moreIssues)}`,
    );
  }
}

/** Rows listed by line in the advice; more are counted. */
const LISTED_ROWS = 20;

/**
 * What to do about rows without a value: every such row's place (the first three problems alone
 * left the user to find the rest), and that they are filled in or deleted in the file.
 */
function missingValuesAdvice(issues: readonly ImportIssue[], moreIssues: number): string {
  const places = [
    ...new Set(
      issues
        .filter((i) => i.message === MISSING_VALUE)
        .map((i) => (i.line !== undefined ? i.line : i.item))
        .filter((n): n is number => n !== undefined),
    ),
  ];
  if (places.length === 0) return '';
  const byLine = issues.some((i) => i.message === MISSING_VALUE && i.line !== undefined);
  const shown = places.slice(0, LISTED_ROWS).join(', ');
  // Problems past those reported are counted as rows only when every reported one is of this kind.
  const allMissing = issues.every((i) => i.message === MISSING_VALUE);
  const unlisted = Math.max(0, places.length - LISTED_ROWS) + (allMissing ? moreIssues : 0);
  const rest = unlisted > 0 ? ` and ${unlisted.toLocaleString('en')} more` : '';
  return ` Rows without a value (${byLine ? 'lines' : 'items'} ${shown}${rest}): fill them in or delete them in the file, then choose it again.`;
}

const MEBIBYTE = 1024 * 1024;

/** The file is larger than the import accepts. */
export class FileTooLargeError extends CopaError {
  constructor(
    readonly fileName: string,
    readonly bytes: number,
    readonly limitBytes: number,
  ) {
    const limitMb = Math.round(limitBytes / MEBIBYTE);
    super(
      'FileTooLargeError',
      // The limit is 20 × 2^20 bytes: both sizes in those megabytes, so it reads as 20, not 21;
      // a file just over it reads as 20.1 MB, never as the 20.0 MB it is said to exceed.
      `${fileName} is ${Math.max(bytes / MEBIBYTE, limitMb + 0.1).toFixed(1)} MB; the playground imports files up to ${limitMb} MB. Use a smaller sample of the data.`,
    );
  }
}

/** The bytes are not valid UTF-8; says where the first bad byte is. */
export class NotUtf8Error extends CopaError {
  constructor(
    readonly fileName: string,
    readonly byteOffset: number,
    readonly line: number,
  ) {
    super(
      'NotUtf8Error',
      `${fileName} is not UTF-8 text: the byte at offset ${byteOffset} (line ${line}) is not valid UTF-8. If the file is Latin-1 (as TREC's files are), choose Latin-1 under Text encoding; otherwise save it as UTF-8 and choose it again.`,
    );
  }
}

/** The file starts with a UTF-16 byte-order mark but the rest is not UTF-16. */
export class NotUtf16Error extends CopaError {
  constructor(readonly fileName: string) {
    super(
      'NotUtf16Error',
      `${fileName} starts as UTF-16 text (it has a UTF-16 byte-order mark) but is not valid UTF-16, so it was not imported (nothing was saved). Save it as UTF-8 (in Excel: CSV UTF-8) and choose it again.`,
    );
  }
}

/** A run or an evaluation was asked of a split that has no examples; nothing was started. */
export class EmptySplitError extends CopaError {
  constructor(message: string) {
    super('EmptySplitError', message);
  }
}
