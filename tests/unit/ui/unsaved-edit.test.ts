import { describe, expect, it } from 'vitest';
import { routingProgram } from '../helpers/routing-program';
import type { ProgramState } from '../../../src/core/program';
import type { ScoringRules } from '../../../src/core/scoring-rules';
import {
  editToKeep,
  editToRestore,
  type EditSource,
  type ProgramAndRules,
} from '../../../src/ui/program/unsaved-edit';

const program = (instruction: string): ProgramState => routingProgram(instruction);
const rules: ScoringRules = { metricId: 'label_match', targetField: 'team', constraints: [] };
const source: EditSource = { taskId: 'ticket-routing', datasetId: null, openedId: null };
const start: ProgramAndRules = { program: program('Route the ticket.'), rules };
const edited: ProgramAndRules = { program: program('Route it; parcels go to shipping.'), rules };

describe('Program edits not saved when the screen closes', () => {
  it('come back onto the same start, as typed', () => {
    const kept = editToKeep(source, start, edited);
    expect(editToRestore(kept, source, start)?.program.steps[0]?.signature.instruction).toBe(
      'Route it; parcels go to shipping.',
    );
  });

  it('are a rule change too', () => {
    const stricter: ProgramAndRules = {
      program: start.program,
      rules: { ...rules, metricId: 'exact_match' },
    };
    expect(editToRestore(editToKeep(source, start, stricter), source, start)?.rules.metricId).toBe(
      'exact_match',
    );
  });

  it('are nothing when the editor shows what it started from (nothing typed, or saved)', () => {
    expect(editToKeep(source, start, { program: program('Route the ticket.'), rules })).toBeNull();
  });

  it('are dropped on another task, other data, an opened program or a program saved since', () => {
    const kept = editToKeep(source, start, edited);
    expect(editToRestore(kept, { ...source, taskId: 'date-normalization' }, start)).toBeNull();
    expect(editToRestore(kept, { ...source, datasetId: 'sst2' }, start)).toBeNull();
    expect(editToRestore(kept, { ...source, openedId: 'p1' }, start)).toBeNull();
    const savedSince = { program: program('Route the ticket, quickly.'), rules };
    expect(editToRestore(kept, source, savedSince)).toBeNull();
    expect(editToRestore(null, source, start)).toBeNull();
  });
});
