import { describe, expect, it } from 'vitest';
import { howItGoesOn, howItStopped } from '../../../src/ui/optimize/interrupted-note';

// The note on Optimize about the unfinished run it offers to resume (after a reload).
describe('The note about an unfinished run', () => {
  const lost = {
    status: 'paused' as const,
    error: { name: 'EngineLostError', message: 'The GPU device was lost' },
  };

  it('says a run that lost its engine lost it, what stopped it, and that the phase runs again', () => {
    expect(howItStopped(lost)).toContain('model engine was lost');
    expect(howItStopped(lost)).not.toContain('paused');
    const goesOn = howItGoesOn(lost);
    expect(goesOn).toContain('EngineLostError');
    expect(goesOn).toContain('The GPU device was lost.');
    expect(goesOn).toContain('runs the phase that was cut off again');
  });

  it('does not add a second full stop to a message that has one', () => {
    const said = howItGoesOn({ ...lost, error: { ...lost.error, message: 'Reconnect it.' } });
    expect(said).toContain('Reconnect it. ');
    expect(said).not.toContain('..');
  });

  it('says a run the user paused was paused, and one whose tab died was cut off', () => {
    expect(howItStopped({ status: 'paused' })).toBe('was paused');
    expect(howItGoesOn({ status: 'paused' })).toContain('from its last finished phase');
    expect(howItGoesOn({ status: 'paused' })).not.toContain('again');
    expect(howItStopped({ status: 'running' })).toContain('cut off before it finished');
  });
});
