import type { Example } from '../example';
import type { Program } from '../program';

/**
 * A short description of the training data, computed from the data alone (no model call, so
 * it is free, deterministic and computed once per run): size, fields, typical lengths, and the
 * distribution of short categorical outputs.
 */
export function summarizeDataset(program: Program, trainset: readonly Example[]): string {
  const lines = [`${trainset.length} training examples.`];
  const inputs = program.inputFields;
  const outputs = program.outputFields;
  for (const name of inputs) {
    const texts = valuesOf(trainset, name);
    if (texts.length === 0) continue;
    const words = texts.map((t) => t.split(/\s+/).filter(Boolean).length);
    const mean = words.reduce((a, b) => a + b, 0) / words.length;
    lines.push(
      `Input "${name}": about ${Math.round(mean)} words (from ${Math.min(...words)} to ${Math.max(...words)}).`,
    );
  }
  for (const name of outputs) {
    const texts = valuesOf(trainset, name);
    if (texts.length === 0) continue;
    const counts = new Map<string, number>();
    for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
    if (counts.size <= Math.max(2, Math.min(12, texts.length / 3))) {
      const parts = [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([v, c]) => `${v} (${Math.round((100 * c) / texts.length)}%)`);
      lines.push(`Output "${name}" takes ${counts.size} values: ${parts.join(', ')}.`);
    } else {
      const numeric = texts.every((t) => /^-?[\d,.]+$/.test(t.trim()));
      const words = texts.map((t) => t.split(/\s+/).filter(Boolean).length);
      const mean = words.reduce((a, b) => a + b, 0) / words.length;
      lines.push(
        numeric
          ? `Output "${name}" is a number.`
          : `Output "${name}" is free text of about ${Math.round(mean)} words.`,
      );
    }
  }
  return lines.join(' ');
}

function valuesOf(examples: readonly Example[], name: string): string[] {
  const out: string[] = [];
  for (const e of examples) {
    const v = e.data[name];
    if (v === undefined || v === null) continue;
    out.push(typeof v === 'string' ? v : JSON.stringify(v));
  }
  return out;
}
