/**
 * A task made from imported data is named and described after the data, so that nothing of the
 * built-in task it was mapped onto (its name, its description) shows on screens or in exports.
 */

/** File names that say nothing about the data ("train.csv", "data (2).json"). */
const GENERIC_STEM =
  /^(train|training|test|testing|dev|val|valid|validation|data|dataset|export|download|file|sample|untitled|output|input|all|full)(\s*\(?\d+\)?)?$/i;

/** "ag_news-train.csv" → "ag news train"; "" when the name holds nothing but an extension. */
export function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base
    .replace(/\.[^.]+$/, '')
    .replace(/[_\s-]+/g, ' ')
    .trim();
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const words = (field: string): string => field.replace(/_+/g, ' ').trim();

/**
 * A name for a dataset and the task made from it: the file's name, unless that is a generic
 * one such as "train", then what the task does with which fields ("Intent from text (train.csv)").
 */
export function taskNameFromData(
  fileName: string,
  fields: { inputs: readonly string[]; outputs: readonly string[] },
): string {
  const stem = fileStem(fileName);
  if (stem !== '' && !GENERIC_STEM.test(stem)) return stem;
  const output = fields.outputs.map(words).join(' and ') || 'answer';
  const inputs = fields.inputs.map(words).join(' and ') || 'input';
  return `${capitalize(output)} from ${inputs} (${fileName})`;
}

/** One sentence on what the task does, from its fields and labels, and where the data came from. */
export function taskDescriptionFromData(
  fileName: string,
  fields: { inputs: readonly string[]; outputs: readonly string[] },
  labelCount?: number,
): string {
  const inputs = fields.inputs.map((f) => `“${f}”`).join(' and ');
  const outputs = fields.outputs.map((f) => `“${f}”`).join(' and ');
  const labels =
    labelCount !== undefined ? `, one of ${labelCount.toLocaleString('en')} labels` : '';
  return `Reads ${inputs} and answers ${outputs}${labels}. Made from ${fileName}.`;
}

/** A file-name-safe slug of a task or dataset name, for exports ("Intent from text" → intent-from-text). */
export function exportSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'task';
}
