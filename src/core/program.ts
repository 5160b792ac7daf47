import type { Demo } from './example';
import { programInputs, programOutputs } from './program-fields';
import { ProgramStateError } from './errors';
import { isJsonObject, jsonCopy, type JsonObject } from './json';
import { Signature, type SignatureData } from './signature';

/** The reasoning field ChainOfThought puts before the other outputs. */
export const REASONING_FIELD = {
  name: 'reasoning',
  description: 'Think step by step in order to produce the outputs.',
  type: 'text',
} as const;

/** One named predictor: a signature, its demos, and whether it reasons first. */
export interface Predictor {
  readonly name: string;
  readonly signature: Signature;
  readonly demos: readonly Demo[];
  readonly chainOfThought: boolean;
}

/** Plain-JSON program state: what is stored, exported and resumed. */
export interface ProgramState {
  version: 1;
  description: string;
  steps: PredictorStateData[];
  /** Parameters of an imported DSPy program that the playground does not run (absent: none). */
  kept?: KeptParameter[];
}

/**
 * A DSPy parameter without a prompt the playground can run (a Retrieve, a Flex module, or
 * something unknown), kept verbatim under its DSPy name so a re-export still loads into the
 * program it came from.
 */
export interface KeptParameter {
  name: string;
  kind: 'retrieve' | 'flex' | 'unknown';
  state: JsonObject;
}

export interface PredictorStateData {
  name: string;
  signature: SignatureData;
  demos: Demo[];
  chainOfThought: boolean;
}

export const PROGRAM_STATE_VERSION = 1;

/** The signature the model actually sees: with the reasoning output for ChainOfThought. */
export function effectiveSignature(p: Predictor): Signature {
  if (!p.chainOfThought || p.signature.field(REASONING_FIELD.name)) return p.signature;
  return p.signature.prependOutput({ ...REASONING_FIELD });
}

/** A Predict predictor. */
export function predict(
  name: string,
  signature: Signature | string,
  demos: Demo[] = [],
): Predictor {
  const sig = typeof signature === 'string' ? Signature.parse(signature) : signature;
  return { name, signature: sig, demos, chainOfThought: false };
}

/** A ChainOfThought predictor: the model writes its reasoning before the answer. */
export function chainOfThought(
  name: string,
  signature: Signature | string,
  demos: Demo[] = [],
): Predictor {
  return { ...predict(name, signature, demos), chainOfThought: true };
}

/**
 * A program: one or more named predictors run in order. Each step reads its inputs from the
 * program's inputs and the outputs of earlier steps (by field name), so a single predictor
 * and a pipeline are the same thing. Immutable: changes return a new Program.
 */
export class Program {
  readonly steps: readonly Predictor[];
  readonly description: string;
  /** Imported DSPy parameters carried along unchanged; never run. */
  readonly kept: readonly KeptParameter[];

  constructor(steps: readonly Predictor[], description = '', kept: readonly KeptParameter[] = []) {
    if (steps.length === 0) throw new ProgramStateError('A program needs at least one predictor.');
    const names = new Set<string>();
    const available = new Set<string>();
    steps.forEach((step, i) => {
      if (names.has(step.name))
        throw new ProgramStateError(`Two predictors are named "${step.name}".`);
      names.add(step.name);
      // An input made by this or a later step cannot be read yet; program inputs may be
      // read by any number of steps.
      for (const f of step.signature.inputs)
        if (
          !available.has(f.name) &&
          steps.slice(i).some((s) => s.signature.outputs.some((o) => o.name === f.name))
        )
          throw new ProgramStateError(`Step "${step.name}" reads "${f.name}" before it is made.`);
      for (const f of step.signature.outputs) available.add(f.name);
    });
    this.steps = Object.freeze([...steps]);
    this.description = description;
    this.kept = Object.freeze(kept.map(copyKept));
    Object.freeze(this);
  }

  /** Names of the fields the caller must supply (inputs not produced by an earlier step). */
  get inputFields(): string[] {
    return programInputs(this.steps).map((f) => f.name);
  }

  /** Names of the fields the program returns: every step's outputs (not reasoning). */
  get outputFields(): string[] {
    return programOutputs(this.steps).map((f) => f.name);
  }

  predictor(name: string): Predictor {
    const p = this.steps.find((s) => s.name === name);
    if (!p) throw new ProgramStateError(`No predictor named "${name}".`);
    return p;
  }

  /** A copy with one predictor changed. */
  withPredictor(name: string, change: (p: Predictor) => Partial<Omit<Predictor, 'name'>>): Program {
    this.predictor(name);
    return new Program(
      this.steps.map((s) => (s.name === name ? { ...s, ...change(s) } : s)),
      this.description,
      this.kept,
    );
  }

  withInstruction(name: string, instruction: string): Program {
    return this.withPredictor(name, (p) => ({
      signature: p.signature.withInstruction(instruction),
    }));
  }

  withDemos(name: string, demos: readonly Demo[]): Program {
    return this.withPredictor(name, () => ({ demos: [...demos] }));
  }

  /** Plain-JSON state. `Program.fromState(p.toState())` equals `p`. */
  toState(): ProgramState {
    return {
      version: PROGRAM_STATE_VERSION,
      description: this.description,
      steps: this.steps.map((s) => ({
        name: s.name,
        signature: s.signature.toJSON(),
        demos: s.demos.map((d) => jsonCopy(d)),
        chainOfThought: s.chainOfThought,
      })),
      ...(this.kept.length > 0 ? { kept: this.kept.map(copyKept) } : {}),
    };
  }

  static fromState(state: unknown): Program {
    if (!isRecord(state) || !Array.isArray(state.steps))
      throw new ProgramStateError('Program state must be an object with a "steps" list.');
    if (state.version !== PROGRAM_STATE_VERSION)
      throw new ProgramStateError(
        `Program state version ${String(state.version)} is not supported (expected ${PROGRAM_STATE_VERSION}).`,
      );
    const steps = state.steps.map((raw: unknown, i: number): Predictor => {
      if (!isRecord(raw) || typeof raw.name !== 'string' || !isRecord(raw.signature))
        throw new ProgramStateError(`Step ${i + 1} of the program state is malformed.`);
      if (!Array.isArray(raw.demos))
        throw new ProgramStateError(`Step "${raw.name}" has no demos list.`);
      return {
        name: raw.name,
        signature: Signature.fromJSON(raw.signature as unknown as SignatureData),
        demos: raw.demos as Demo[],
        chainOfThought: raw.chainOfThought === true,
      };
    });
    return new Program(
      steps,
      typeof state.description === 'string' ? state.description : '',
      keptFromState(state.kept),
    );
  }
}

const KEPT_KINDS: readonly KeptParameter['kind'][] = ['retrieve', 'flex', 'unknown'];

function keptFromState(value: unknown): KeptParameter[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ProgramStateError('"kept" must be a list.');
  return value.map((raw: unknown, i: number) => {
    if (
      !isRecord(raw) ||
      typeof raw.name !== 'string' ||
      !KEPT_KINDS.includes(raw.kind as KeptParameter['kind']) ||
      !isJsonObject(raw.state)
    )
      throw new ProgramStateError(`Kept parameter ${i + 1} of the program state is malformed.`);
    return { name: raw.name, kind: raw.kind as KeptParameter['kind'], state: raw.state };
  });
}

function copyKept(k: KeptParameter): KeptParameter {
  return { name: k.name, kind: k.kind, state: jsonCopy(k.state) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
