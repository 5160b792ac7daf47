import type { ComparedRow } from './compared-rows';
import { FORMULA_START } from './neutral-text';

type Result = NonNullable<ComparedRow['baseline']>;

/** One cell per value: strings as they are, anything else as JSON. */
const cell = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);

function problem(r: Result | null): string {
  if (!r?.error) return '';
  const kind = r.parseFailure
    ? 'parse failure'
    : r.constraintViolation
      ? 'constraint violation'
      : 'error';
  return `${kind}: ${r.error}`;
}

/**
 * The per-example comparison as CSV, for a spreadsheet or a notebook: the example id, each
 * input and gold field, then each program's outputs, score and problem. Cells that a
 * spreadsheet would run as a formula are escaped (papaparse's escapeFormulae with our own
 * pattern, which also catches a formula followed by a line break), since they hold dataset text
 * and model output. papaparse loads only when a file is asked for.
 */
export async function resultsCsv(rows: readonly ComparedRow[]): Promise<string> {
  const Papa = await import('papaparse');
  const names = (
    pick: (r: ComparedRow) => Record<string, unknown> | null | undefined,
  ): string[] => {
    const seen = new Set<string>();
    for (const r of rows) for (const k of Object.keys(pick(r) ?? {})) seen.add(k);
    return [...seen];
  };
  const inputs = names((r) => r.baseline?.inputs);
  const gold = names((r) => r.baseline?.gold);
  const outputs = names((r) => ({ ...r.baseline?.prediction, ...r.optimized?.prediction }));
  const side = (prefix: string, r: Result | null): Record<string, string> => ({
    ...Object.fromEntries(outputs.map((o) => [`${prefix}_${o}`, cell(r?.prediction?.[o])])),
    [`${prefix}_score`]: r ? String(r.score) : '',
    [`${prefix}_problem`]: problem(r),
  });
  const data = rows.map((r) => ({
    example: r.exampleId,
    ...Object.fromEntries(inputs.map((f) => [`input_${f}`, cell(r.baseline?.inputs?.[f])])),
    ...Object.fromEntries(gold.map((f) => [`expected_${f}`, cell(r.baseline?.gold?.[f])])),
    ...side('baseline', r.baseline),
    ...side('optimized', r.optimized),
  }));
  const fields = [
    'example',
    ...inputs.map((f) => `input_${f}`),
    ...gold.map((f) => `expected_${f}`),
    ...['baseline', 'optimized'].flatMap((p) => [
      ...outputs.map((o) => `${p}_${o}`),
      `${p}_score`,
      `${p}_problem`,
    ]),
  ];
  return Papa.unparse(
    { fields, data: data.map((d) => fields.map((f) => d[f as keyof typeof d] ?? '')) },
    { escapeFormulae: FORMULA_START },
  );
}
