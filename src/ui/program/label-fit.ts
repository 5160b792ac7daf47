import type { ProgramState } from '../../core/program';
import { plain } from '../lib/plain';
import type { ProgramRules } from './program-check';

/**
 * The program with `field`'s label set replaced by `labels`, and its rules with every one-of
 * rule on that field listing the same values (else the rule would refuse the new labels).
 */
export function withLabels(
  program: ProgramState,
  rules: ProgramRules,
  field: string,
  labels: readonly string[],
): { program: ProgramState; rules: ProgramRules } {
  const next = plain(program);
  for (const step of next.steps)
    step.signature.outputs = step.signature.outputs.map((f) =>
      f.name === field ? { ...f, labels: [...labels] } : f,
    );
  const nextRules = plain(rules);
  nextRules.constraints = nextRules.constraints.map((c) =>
    c.kind === 'one-of' && c.field === field ? { ...c, values: [...labels] } : c,
  );
  return { program: next, rules: nextRules };
}
