import { describe, expect, it } from 'vitest';
import { routingProgram } from '../helpers/routing-program';
import { Program, type ProgramState } from '../../../src/core/program';
import {
  insertStepBefore,
  pipelineProblems,
  removeStep,
} from '../../../src/ui/program/pipeline-edit';
import { programProblems } from '../../../src/ui/program/program-check';
import type { ProgramProblem } from '../../../src/ui/program/problem-place';

const texts = (problems: ProgramProblem[]): string => problems.map((p) => p.text).join(' ');

const oneStep = (): ProgramState => routingProgram();

const rules = { metricId: 'label_match' as const, targetField: 'team', constraints: [] };

describe('pipeline editing', () => {
  it('inserts a wired step that the core accepts as a runnable pipeline', () => {
    const p = oneStep();
    insertStepBefore(p, 0);
    expect(p.steps.map((s) => s.name)).toEqual(['step_1', 'route']);
    expect(p.steps[0]?.signature.inputs.map((f) => f.name)).toEqual(['ticket']);
    expect(p.steps[1]?.signature.inputs.map((f) => f.name)).toEqual(['ticket', 'note_1']);
    expect(programProblems(p, rules)).toEqual([]);
    const program = Program.fromState(p);
    expect(program.inputFields).toEqual(['ticket']);
    expect(program.outputFields).toEqual(['note_1', 'team']);
  });

  it('removing a step also unwires the inputs that read its outputs', () => {
    const p = oneStep();
    insertStepBefore(p, 0);
    removeStep(p, 0);
    expect(p).toEqual(oneStep());
    removeStep(p, 0);
    expect(p.steps).toHaveLength(1);
  });

  it('reports a step that reads what only a later step writes, and duplicate names', () => {
    const p = oneStep();
    insertStepBefore(p, 0);
    p.steps.reverse();
    expect(texts(pipelineProblems(p))).toMatch(
      /reads “note_1”, which step “step_1” only writes later/,
    );
    p.steps[1]!.name = 'route';
    expect(texts(pipelineProblems(p))).toMatch(/Two steps are named “route”/);
    p.steps[1]!.signature.outputs = [{ name: 'team', description: '', type: 'text' }];
    expect(programProblems(p, rules).join(' ')).toMatch(/written by two steps/);
  });
});
