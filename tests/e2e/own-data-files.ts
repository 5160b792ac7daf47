/** CSV files made in the test, as users bring them (no fixture files, no shared data). */

/** 20 support tickets with a header, billing and technical in turns (CRLF line ends). */
export const TICKETS_CSV = [
  'text,label',
  ...Array.from({ length: 20 }, (_, i) =>
    i % 2 === 0
      ? `"I was charged twice for order ${i}, please refund",billing`
      : `"The app crashes when I open settings (${i})",technical`,
  ),
].join('\r\n');

/** A headerless 4-class news file (class index, title, description), as AG News ships. */
export function headerlessNews(rows: number): string {
  const topics = ['world', 'sports', 'business', 'science'];
  return Array.from({ length: rows }, (_, i) => {
    const c = i % 4;
    return `${c + 1},"${topics[c]} headline ${i}","A story about ${topics[c]} number ${i}, with ${topics[c]} words."`;
  }).join('\n');
}

/** A 77-intent file with a header, `perLabel` rows per intent. */
export function intents(perLabel: number): string {
  const lines = ['text,intent'];
  for (let k = 0; k < perLabel; k++)
    for (let i = 0; i < 77; i++)
      lines.push(`I need help with intent ${i} topic_${i} (${k}),intent_${i}`);
  return lines.join('\n');
}

/**
 * CLINC150's layout (`data_full.json`): an object of parts whose rows are `[text, intent]`
 * lists, so the file names no column; 6 intents, `perLabel` rows of each in training.
 */
export function intentPartsJson(perLabel: number): string {
  const rows = (part: string, n: number) =>
    Array.from({ length: n * 6 }, (_, i) => [
      `please help me with ${part} request ${i} about topic ${i % 6}`,
      `intent_${i % 6}`,
    ]);
  return JSON.stringify({
    train: rows('train', perLabel),
    val: rows('val', 1),
    test: rows('test', 1),
  });
}
