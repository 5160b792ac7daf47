/**
 * A label list short enough for a sentence: the first `max` labels, then how many more (a
 * dataset may have hundreds; all of them are on the Program screen).
 */
export function labelListText(labels: readonly string[], max = 10): string {
  if (labels.length <= max) return labels.join(', ');
  return `${labels.slice(0, max).join(', ')} and ${(labels.length - max).toLocaleString('en')} more`;
}
