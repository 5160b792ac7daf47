/**
 * "up to about 1,317": how the app states a run's estimated model calls wherever it shows them.
 * The estimate is an upper one (cost-estimate.ts: cold cache, every candidate scored to the end;
 * on the bench a default run spent 0.1-0.8 of it), so "about N expected" read as a forecast.
 */
export function estimatedCallsWords(calls: number): string {
  return `up to about ${calls.toLocaleString('en')}`;
}
