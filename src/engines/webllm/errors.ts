import { CopaError } from '../../core/errors';

/** The engine failures a user can act on, each with its own stable error name. */
export type EngineErrorName =
  | 'WebGPUUnavailableError'
  | 'GPUAdapterUnavailableError'
  | 'ShaderF16UnavailableError'
  | 'GPULimitsTooLowError'
  | 'GPUDeviceLostError'
  | 'ContextTooLongError'
  | 'ModelFilesUnreachableError'
  | 'WebLLMUnreachableError'
  | 'EngineError';

/** What the app should offer after each failure. */
export type EngineRecovery =
  | 'use-standin'
  | 'choose-f32-model'
  | 'choose-smaller-model'
  | 'recreate-engine'
  | 'shorten-prompt'
  | 'check-network'
  | 'none';

interface EngineErrorInfo {
  summary: string;
  advice: string;
  recovery: EngineRecovery;
}

/** The words shown for each failure: what happened and what to do about it. */
export const ENGINE_ERRORS: Readonly<Record<EngineErrorName, EngineErrorInfo>> = {
  WebGPUUnavailableError: {
    summary: 'This browser does not offer WebGPU here.',
    advice:
      'Use a recent Chrome or Edge (or enable WebGPU in the browser settings) on an https:// or localhost page, or use the stand-in model, which needs no GPU.',
    recovery: 'use-standin',
  },
  GPUAdapterUnavailableError: {
    summary: 'WebGPU is present but no GPU adapter is available.',
    advice:
      'The GPU may be blocked or its driver unsupported. Update the graphics driver or enable hardware acceleration, or use the stand-in model, which needs no GPU.',
    recovery: 'use-standin',
  },
  ShaderF16UnavailableError: {
    summary: 'This model needs 16-bit float shaders (shader-f16), which this GPU does not offer.',
    advice: 'Choose a q4f32 (32-bit) variant of the model instead.',
    recovery: 'choose-f32-model',
  },
  GPULimitsTooLowError: {
    summary: 'The GPU limits are too small for WebLLM.',
    advice: 'Try a smaller model, another browser, or the stand-in model.',
    recovery: 'choose-smaller-model',
  },
  GPUDeviceLostError: {
    summary: 'The GPU device was lost, most often because it ran out of memory.',
    advice:
      'A run in progress is paused at its last checkpoint. Load the model again (the engine is re-created) or pick a smaller model, then resume.',
    recovery: 'recreate-engine',
  },
  ContextTooLongError: {
    summary: "The prompt is longer than the model's context window.",
    advice:
      'Use fewer or shorter demos, shorten the inputs, or choose a model with a longer context.',
    recovery: 'shorten-prompt',
  },
  ModelFilesUnreachableError: {
    summary: 'The model files are unreachable.',
    advice:
      'The model must be downloaded once while online; check the connection (or the model address), then try again. Models already downloaded work offline.',
    recovery: 'check-network',
  },
  WebLLMUnreachableError: {
    summary: "WebLLM's code (about 6 MB, which real models need) could not be downloaded.",
    advice:
      'Check the connection, then press "Read the model list again". Once WebLLM has loaded, it is kept for offline use; the stand-in and a local server work without it.',
    recovery: 'check-network',
  },
  EngineError: {
    summary: 'The model engine failed.',
    advice: 'Try loading the model again, or choose another model.',
    recovery: 'none',
  },
};

/** A failure of the model engine, with advice in its message. Survives the worker boundary by name. */
export class EngineError extends CopaError {
  declare readonly name: EngineErrorName;

  constructor(name: EngineErrorName, detail?: string) {
    const info = ENGINE_ERRORS[name];
    const parts = [info.summary, info.advice];
    if (detail) parts.push(`(Details: ${detail})`);
    super(name, parts.join(' '));
  }

  get recovery(): EngineRecovery {
    return ENGINE_ERRORS[this.name].recovery;
  }

  /** Rebuilds an engine error from the name and message that crossed the worker boundary. */
  static revive(name: EngineErrorName, message: string): EngineError {
    const err = new EngineError(name);
    err.message = message;
    return err;
  }
}

/** True when `name` is one of the engine error names. */
export function isEngineErrorName(name: string): name is EngineErrorName {
  return Object.prototype.hasOwnProperty.call(ENGINE_ERRORS, name);
}
