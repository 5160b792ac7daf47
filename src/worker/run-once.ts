import { constraintFromSpec, validatorFor } from '../core/constraints';
import type { LanguageModel } from '../core/lm';
import { Program } from '../core/program';
import { RecordingLM } from '../core/recording-lm';
import { runProgram, type ProgramRun } from '../core/run-program';
import type { RunOnceRequest, RunOnceResult } from './api';
import { stepOfRequest } from './request-steps';
import { adapterFor } from './task-resolver';

/** Errors about what the model wrote (as opposed to the engine or the request). */
const MODEL_OUTPUT_ERRORS: ReadonlySet<string> = new Set([
  'ParseError',
  'ConstraintViolationError',
]);

/** Runs a program once on given inputs, keeping every request and reply for Try it. */
export async function runOnce(
  model: LanguageModel,
  request: RunOnceRequest,
  signal?: AbortSignal,
): Promise<RunOnceResult> {
  const lm = new RecordingLM(model);
  const program = Program.fromState(request.program);
  const adapter = adapterFor(request.adapter);
  const stepOf = stepOfRequest(program, adapter);
  const exchange = (): Omit<RunOnceResult, 'prediction'> => ({
    requests: lm.requests,
    requestSteps: lm.requests.map(stepOf),
    replies: lm.replies,
  });
  let run: ProgramRun;
  try {
    run = await runProgram(program, request.inputs, {
      lm,
      adapter,
      validate: validatorFor((request.constraints ?? []).map(constraintFromSpec)),
      ...(signal ? { signal } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
    });
  } catch (err) {
    // Cancelled by the user: what was sent before is still worth seeing.
    if (signal?.aborted) return { prediction: {}, ...exchange(), cancelled: true };
    // A model answer that cannot be used is a result to look at, not a dead end: Try it
    // shows what was sent and what came back.
    if (!(err instanceof Error) || !MODEL_OUTPUT_ERRORS.has(err.name)) throw err;
    return { prediction: {}, ...exchange(), error: { name: err.name, message: err.message } };
  }
  return { prediction: run.prediction, ...exchange() };
}
