import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { analyzeBundle, webllmMarkersIn } from '../../scripts/bundle-sizes';

// A file check on the built app (test:e2e builds first): WebLLM's ~6 MB runtime must load only
// in the worker, never with the page.
test('the main-thread bundle carries no WebLLM code; the worker loads it on demand', () => {
  expect(existsSync('dist/index.html'), 'run `vite build` first').toBe(true);
  const report = analyzeBundle('dist');
  expect(report.mainThread.length).toBeGreaterThan(0);
  expect(report.workerEntry.length).toBeGreaterThan(0);
  // The markers do identify WebLLM (so the check below cannot pass vacuously)…
  expect(webllmMarkersIn('dist', report.workerLazy).length).toBeGreaterThan(0);
  // …and none of them is in what the page loads.
  expect(webllmMarkersIn('dist', [...report.mainThread, ...report.mainThreadLazy])).toEqual([]);
});
