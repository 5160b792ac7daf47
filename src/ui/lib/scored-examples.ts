/**
 * How many test examples a score is over, in words ("on 199 examples", "on 120 of 199
 * examples"). A bare "(199/199)" next to "44.7%" read as 199 right answers out of 199.
 */
export function scoredExamplesWords(evaluated: number, total: number): string {
  const n = (x: number): string => x.toLocaleString('en');
  const noun = total === 1 ? 'example' : 'examples';
  return evaluated === total
    ? `on ${n(total)} ${noun}`
    : `on ${n(evaluated)} of ${n(total)} ${noun}`;
}
