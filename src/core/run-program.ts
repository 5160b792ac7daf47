import type { Adapter } from './adapters/adapter';
import { ParseError, throwIfAborted } from './errors';
import { pickFields, type FieldValues, type Prediction } from './example';
import { DEFAULT_SAMPLING, type ChatMessage, type LanguageModel, type LMRequest } from './lm';
import { ContextOverflowError, estimatePromptTokens, promptRoom } from './context-guard';
import { outputTokenLimit } from './output-limit';
import { effectiveSignature, type Predictor, type Program } from './program';

/** Checks one predictor's outputs; returns a violation message for the model, or null. */
export type OutputValidator = (predictor: Predictor, outputs: FieldValues) => string | null;

/** How to run a program: the model, the format, sampling and the checks on outputs. */
export interface RunContext {
  lm: LanguageModel;
  adapter: Adapter;
  temperature?: number;
  topP?: number;
  /** Output-token limit of every call; default: from the output fields (outputTokenLimit). */
  maxTokens?: number;
  seed?: number;
  /** Set to get a fresh sample of an otherwise identical request (cache-distinct). */
  rolloutId?: string;
  signal?: AbortSignal;
  /** Constraint checks; a violation is fed back to the model and retried. */
  validate?: OutputValidator;
  /** Retries after a constraint violation or an unreadable answer (default 2). */
  maxRetries?: number;
  /** Called once per violation, for statistics. */
  onViolation?: (predictor: Predictor, message: string) => void;
  /** Called once per answer that could not be read (before it is retried), for statistics. */
  onParseFailure?: (predictor: Predictor, error: ParseError) => void;
  /** The context window to fit prompts to; default: the model's (`lm.contextWindow`). */
  contextWindow?: number;
  /** Called when demos were left out of a call so its prompt fits the context window (in tokens). */
  onContextTrim?: (predictor: Predictor, droppedDemos: number) => void;
}

/** One predictor call of a program run: what went in and what came out. */
export interface TraceStep {
  predictor: string;
  inputs: FieldValues;
  outputs: FieldValues;
  messages: ChatMessage[];
  rawText: string;
  /** Demos left out of this call to fit the context window (absent: none). */
  droppedDemos?: number;
}

export interface ProgramRun {
  prediction: Prediction;
  trace: TraceStep[];
}

/** Thrown when outputs still violate a constraint after all retries. Keeps the trace so far. */
export class ConstraintFailure extends Error {
  constructor(
    message: string,
    readonly predictor: string,
    readonly rawText: string,
  ) {
    super(message);
    this.name = 'ConstraintViolationError';
  }
}

/** Builds the request for one predictor call (also used to show the exact prompt). */
export function buildRequest(
  predictor: Predictor,
  inputs: FieldValues,
  ctx: Omit<RunContext, 'lm'>,
): LMRequest {
  const signature = effectiveSignature(predictor);
  const messages = ctx.adapter.format(signature, predictor.demos, inputs);
  const schema = ctx.adapter.responseSchema?.(signature);
  const stop = ctx.adapter.stop?.(signature) ?? [];
  return {
    messages,
    temperature: ctx.temperature ?? DEFAULT_SAMPLING.temperature,
    topP: ctx.topP ?? DEFAULT_SAMPLING.topP,
    maxTokens: ctx.maxTokens ?? outputTokenLimit(signature),
    seed: ctx.seed ?? DEFAULT_SAMPLING.seed,
    ...(stop.length > 0 ? { stop } : {}),
    ...(schema ? { responseSchema: schema } : {}),
    ...(ctx.rolloutId !== undefined ? { rolloutId: ctx.rolloutId } : {}),
  };
}

/**
 * Runs one predictor: format, complete, parse, check constraints. An answer that breaks a
 * constraint or cannot be read is fed back to the model and retried, both within the same
 * bound (`maxRetries`); the last failure is thrown.
 */
export async function runPredictor(
  predictor: Predictor,
  inputs: FieldValues,
  ctx: RunContext,
): Promise<TraceStep> {
  const signature = effectiveSignature(predictor);
  const { request, room, droppedDemos } = fittedRequest(predictor, inputs, ctx);
  if (droppedDemos > 0) ctx.onContextTrim?.(predictor, droppedDemos);
  const trimmed = droppedDemos > 0 ? { droppedDemos } : {};
  const maxRetries = ctx.maxRetries ?? 2;
  let messages = request.messages;
  for (let attempt = 0; ; attempt++) {
    throwIfAborted(ctx.signal);
    const response = await ctx.lm.complete({ ...request, messages }, ctx.signal);
    let failure: Error;
    let feedback: string;
    try {
      const outputs = ctx.adapter.parse(signature, response.text);
      const violation = ctx.validate?.(predictor, outputs) ?? null;
      if (violation === null)
        return {
          predictor: predictor.name,
          inputs,
          outputs,
          messages,
          rawText: response.text,
          ...trimmed,
        };
      ctx.onViolation?.(predictor, violation);
      failure = new ConstraintFailure(violation, predictor.name, response.text);
      feedback = `Your answer broke a rule: ${violation} Answer again, following the same format.`;
    } catch (err) {
      if (!isParseFailure(err)) throw err;
      ctx.onParseFailure?.(predictor, err);
      failure = err;
      // Same opening as a violation, so readers of the conversation treat both alike.
      const reminder = ctx.adapter.formatReminder?.(signature) ?? 'Answer in the same format.';
      feedback = `Your answer broke a rule: its format could not be read (${err.message}) ${reminder}`;
    }
    // Feed the problem back, as a conversation turn, so the model can correct itself.
    const next: ChatMessage[] = [
      ...request.messages,
      { role: 'assistant', content: response.text },
      { role: 'user', content: feedback },
    ];
    // A retry that would overflow the context window is not made: the failure stands.
    const fits = room === undefined || estimatePromptTokens(next) <= room;
    if (attempt >= maxRetries || !fits) throw failure;
    messages = next;
  }
}

/** Tokens a request's prompt may take in the run's context window; undefined: no window. */
export function promptRoomFor(request: LMRequest, ctx: RunContext): number | undefined {
  return promptRoom(ctx.contextWindow ?? ctx.lm.contextWindow, request.maxTokens);
}

/**
 * The request with as many of the predictor's demos as fit the context window (dropping the
 * last first); throws ContextOverflowError when even no demos do not fit.
 */
function fittedRequest(
  predictor: Predictor,
  inputs: FieldValues,
  ctx: RunContext,
): { request: LMRequest; room: number | undefined; droppedDemos: number } {
  let request = buildRequest(predictor, inputs, ctx);
  const room = promptRoomFor(request, ctx);
  if (room === undefined) return { request, room, droppedDemos: 0 };
  let kept = predictor.demos.length;
  while (estimatePromptTokens(request.messages) > room) {
    if (kept === 0)
      throw new ContextOverflowError(
        predictor.name,
        estimatePromptTokens(request.messages),
        Math.max(0, room),
      );
    kept--;
    request = buildRequest({ ...predictor, demos: predictor.demos.slice(0, kept) }, inputs, ctx);
  }
  return { request, room, droppedDemos: predictor.demos.length - kept };
}

/** Runs every step of a program in order; later steps read earlier outputs by name. */
export async function runProgram(
  program: Program,
  inputs: FieldValues,
  ctx: RunContext,
): Promise<ProgramRun> {
  const values: FieldValues = { ...inputs };
  const trace: TraceStep[] = [];
  for (const step of program.steps) {
    const stepInputs = pickFields(
      values,
      step.signature.inputs.map((f) => f.name),
    );
    const result = await runPredictor(step, stepInputs, ctx);
    trace.push(result);
    Object.assign(values, result.outputs);
  }
  return { prediction: pickFields(values, program.outputFields), trace };
}

/** True for a parse failure (as opposed to a wrong answer or another error). */
export function isParseFailure(err: unknown): err is ParseError {
  return err instanceof Error && err.name === 'ParseError';
}
