import type { Adapter } from '../core/adapters/adapter';
import type { LMRequest } from '../core/lm';
import type { Program } from '../core/program';
import { buildRequest } from '../core/run-program';

/**
 * Which step of the program sent a request, told by its system message (the step's fields,
 * instruction and format, whatever the inputs). Works when a run failed part-way too, where no
 * trace is left to read it from; null for a request no step would send.
 */
export function stepOfRequest(
  program: Program,
  adapter: Adapter,
): (request: LMRequest) => string | null {
  const systemOf = (request: LMRequest): string | undefined =>
    request.messages.find((m) => m.role === 'system')?.content;
  // Any input value will do: the system message does not depend on the inputs.
  const steps = program.steps.map((step) => ({
    name: step.name,
    system: systemOf(
      buildRequest(step, Object.fromEntries(step.signature.inputs.map((f) => [f.name, '…'])), {
        adapter,
      }),
    ),
  }));
  return (request) => {
    const own = systemOf(request);
    return steps.find((s) => own !== undefined && s.system === own)?.name ?? null;
  };
}
