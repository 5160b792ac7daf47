import { describe, expect, it } from 'vitest';
import { requestLabels } from '../../../src/ui/lib/request-labels';

const sys = (content: string) => ({ role: 'system' as const, content });
const user = (content: string) => ({ role: 'user' as const, content });

describe('requestLabels', () => {
  it('names the step of each request and marks a step asked again as a retry', () => {
    const steps = [
      { predictor: 'summarize', messages: [sys('S1'), user('a')] },
      { predictor: 'route', messages: [sys('S2'), user('b'), user('feedback')] },
    ];
    const requests = [
      { messages: [sys('S1'), user('a')] },
      { messages: [sys('S2'), user('b')] },
      { messages: [sys('S2'), user('b'), user('feedback')] },
      { messages: [sys('other'), user('c')] },
    ];
    expect(requestLabels(requests, steps)).toEqual([
      'step “summarize”',
      'step “route”',
      'step “route”, again after a broken rule',
      null,
    ]);
  });
});
