/**
 * A count and its noun, singular for one ("1 demo", "1 model call", "16 demos"), the count
 * grouped by thousands as everywhere in the app ("1,317 model calls").
 */
export function countWords(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}
