import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../../src/ui/optimize/event-lines';

describe('describeEvent', () => {
  const decision = {
    type: 'decision' as const,
    phase: 1,
    accepted: true,
    candidateId: 'shuffled-2',
    score: 0.32,
    incumbentScore: 0.267,
    reason: 'higher on the full set',
  };

  it('names a candidate as the phase card does, never by its internal id', () => {
    const line = describeEvent(decision, (phase, id) =>
      phase === 1 && id === 'shuffled-2' ? 'shuffled bootstrap #2 (4 traces)' : undefined,
    );
    expect(line).toContain('“shuffled bootstrap #2 (4 traces)”');
    expect(line).toContain('on the full validation set');
    expect(line).not.toContain('shuffled-2');
    expect(describeEvent(decision)).not.toContain('shuffled-2');
  });

  it('says the current program was kept, with its full-set score', () => {
    expect(describeEvent({ ...decision, accepted: false, candidateId: null })).toMatch(
      /^Kept the current program \(26\.7% on the full validation set\)/,
    );
  });
});
