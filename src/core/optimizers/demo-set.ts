import type { Demo, Example } from '../example';
import { estimateTokens } from '../lm';
import { pickFields } from '../example';
import type { Predictor, Program } from '../program';
import { REASONING_FIELD } from '../program';
import type { TraceStep } from '../run-program';

/** Demos for each predictor of a program, by predictor name. */
export type DemoSet = Record<string, Demo[]>;

/** The demo set a program currently has. */
export function demosOf(program: Program): DemoSet {
  const out: DemoSet = {};
  for (const s of program.steps) out[s.name] = [...s.demos];
  return out;
}

/** Ids of the training examples the program's demos come from (shown to it already). */
export function demoSourceIds(program: Program): Set<string> {
  return new Set(program.steps.flatMap((s) => s.demos.map((d) => d.sourceId ?? '')));
}

/** A copy of the program with these demos (predictors missing from the set get none). */
export function withDemoSet(program: Program, demos: DemoSet): Program {
  let out = program;
  for (const s of program.steps) out = out.withDemos(s.name, demos[s.name] ?? []);
  return out;
}

/** Demo counts per predictor (for records and events). */
export function demoCounts(demos: DemoSet): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(demos)) out[k] = v.length;
  return out;
}

/**
 * A labeled demo for a predictor, when the example has every field the predictor reads and
 * writes (an intermediate field of a pipeline is usually missing from the data).
 */
export function labeledDemo(predictor: Predictor, example: Example): Demo | null {
  const names = predictor.signature.fields
    .map((f) => f.name)
    .filter((n) => n !== REASONING_FIELD.name);
  for (const n of names) if (example.data[n] === undefined) return null;
  return { data: pickFields(example.data, names), augmented: false, sourceId: example.id };
}

/** Labeled demos for every predictor from a list of examples. */
export function labeledDemoSet(program: Program, examples: readonly Example[]): DemoSet {
  const out: DemoSet = {};
  for (const s of program.steps) {
    out[s.name] = examples.map((e) => labeledDemo(s, e)).filter((d): d is Demo => d !== null);
  }
  return out;
}

/** Bootstrapped demos from a passing trace: each predictor gets its own step's inputs and outputs. */
export function demosFromTrace(trace: readonly TraceStep[], sourceId: string): DemoSet {
  const out: DemoSet = {};
  for (const step of trace) {
    (out[step.predictor] ??= []).push({
      data: { ...step.inputs, ...step.outputs },
      augmented: true,
      sourceId,
    });
  }
  return out;
}

/** A demo's rough size in the prompt: its values plus a field marker for each. */
export function demoTokens(demo: Demo): number {
  let tokens = 0;
  for (const v of Object.values(demo.data))
    tokens += estimateTokens(typeof v === 'string' ? v : JSON.stringify(v)) + 4;
  return tokens;
}

/**
 * The leading demos that fit in `budget` estimated tokens (all of them without a budget), so
 * many or long demos cannot crowd the input out of the context a small model has.
 */
export function fitDemoBudget(demos: readonly Demo[], budget: number | undefined): Demo[] {
  if (budget === undefined || !Number.isFinite(budget)) return [...demos];
  const out: Demo[] = [];
  let used = 0;
  for (const d of demos) {
    const t = demoTokens(d);
    if (used + t > budget) break;
    out.push(d);
    used += t;
  }
  return out;
}
