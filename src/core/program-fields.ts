/** The fields of a step that matter here: what it reads and what it writes. */
interface StepFields<F extends { name: string }> {
  signature: { inputs: readonly F[]; outputs: readonly F[] };
}

/**
 * The fields a caller supplies to a program (live or as stored state): those a step reads
 * that no earlier step writes, each once, as the first step that reads it declares it.
 */
export function programInputs<F extends { name: string }>(steps: readonly StepFields<F>[]): F[] {
  const written = new Set<string>();
  const read: F[] = [];
  for (const step of steps) {
    for (const f of step.signature.inputs)
      if (!written.has(f.name) && !read.some((r) => r.name === f.name)) read.push(f);
    for (const f of step.signature.outputs) written.add(f.name);
  }
  return read;
}

/** The fields a program returns: every step's outputs, in order (a metric may score any). */
export function programOutputs<F extends { name: string }>(steps: readonly StepFields<F>[]): F[] {
  return steps.flatMap((s) => s.signature.outputs);
}
