import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../../../src/ui/glossary/glossary';

describe('the glossary', () => {
  it("says a cycle's first phase is a setting (the real-model preset starts with the instruction)", () => {
    // It said the demos always came first, under a run whose cards showed the instruction first.
    expect(GLOSSARY.cycle.text).not.toMatch(/followed by/);
    expect(GLOSSARY.cycle.text).toMatch(/First phase of each cycle/);
  });
});
