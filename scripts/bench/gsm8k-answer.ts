/**
 * The final answer of a GSM8K worked solution: the number after the last `####`, e.g.
 * "… so he made 70,000\n#### 70000" → 70000. Thousands separators are dropped and a minus
 * sign is kept (the test split has both). Throws when there is no such number, so a malformed
 * row stops the bench instead of becoming a gold answer no model can match.
 */
export function parseGsm8kAnswer(answer: string): number {
  const marker = answer.lastIndexOf('####');
  if (marker < 0) throw new SyntaxError(`No "####" in the GSM8K answer: ${answer.slice(-60)}`);
  const text = answer
    .slice(marker + 4)
    .trim()
    .replace(/,(?=\d{3}(?!\d))/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(text))
    throw new SyntaxError(`The GSM8K final answer is not a number: "${text}"`);
  return Number(text);
}

/** One line of GSM8K's JSONL: the question and its numeric final answer. */
export function parseGsm8kLine(line: string): { question: string; answer: number } {
  const row = JSON.parse(line) as { question?: unknown; answer?: unknown };
  if (typeof row.question !== 'string' || typeof row.answer !== 'string')
    throw new SyntaxError('A GSM8K row needs a string "question" and "answer".');
  return { question: row.question, answer: parseGsm8kAnswer(row.answer) };
}
