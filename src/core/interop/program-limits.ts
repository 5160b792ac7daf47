/**
 * How big a program may be, as imported or stored. Generous for any program the app makes (a
 * run keeps at most 20 demos per step and 600-character instructions) and small enough that a
 * file from a stranger cannot stall the tab that opens it.
 */
export const PROGRAM_LIMITS = Object.freeze({
  /**
   * Characters of a program file (about 20 MB of text): as large as a data file may be, since a
   * run takes its demos from the data, so that a program the app made exports as a file its own
   * import reads back (a larger project export is refused, see importableExportText).
   */
  fileChars: 20_000_000,
  /** Nesting of objects and lists anywhere in a program file. */
  jsonDepth: 32,
  steps: 20,
  fieldsPerStep: 40,
  labelsPerField: 500,
  labelChars: 200,
  nameChars: 64,
  descriptionChars: 4_000,
  instructionChars: 20_000,
  demosPerStep: 100,
  /**
   * Characters of one demo value (as JSON when it is not text): as long as a value of an
   * imported dataset may be (MAX_VALUE_CHARS), since a run takes its demos from the data and a
   * stored program past a limit is listed as damaged when it is read back.
   */
  demoValueChars: 100_000,
  programNameChars: 200,
});

/** Characters in megabytes with one decimal, for messages. */
export function megabytes(chars: number): string {
  return `${(chars / 1e6).toFixed(1)} MB`;
}

/**
 * True when a parsed JSON value nests deeper than `max` (walked without recursion, so a
 * 200,000-deep file is measured, not a stack overflow).
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
