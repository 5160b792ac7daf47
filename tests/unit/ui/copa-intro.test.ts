import { describe, expect, it } from 'vitest';
import { copaIntro } from '../../../src/ui/optimize/phase-words';

describe('the intro above a first run', () => {
  it('names the phases in the order First phase of each cycle runs them', () => {
    // It always said the demos came first, above a real-model run that starts with the instruction.
    const prompt = copaIntro('prompt');
    expect(prompt.indexOf('prompt phase')).toBeLessThan(prompt.indexOf('compilation phase'));
    expect(prompt).toMatch(/write better instructions, then a compilation phase picks/);
    const compilation = copaIntro('compilation');
    expect(compilation.indexOf('compilation phase')).toBeLessThan(
      compilation.indexOf('prompt phase'),
    );
    expect(compilation).toMatch(/so the result is never worse than where you started\.$/);
  });
});
