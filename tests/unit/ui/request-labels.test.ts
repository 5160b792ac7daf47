import { describe, expect, it } from 'vitest';
import { requestLabels } from '../../../src/ui/lib/request-labels';

describe('requestLabels', () => {
  it('names the step of each request and marks a step asked again as a retry', () => {
    expect(requestLabels(['summarize', 'route', 'route', null])).toEqual([
      'step “summarize”',
      'step “route”',
      'step “route”, again after a broken rule',
      null,
    ]);
  });
});
