import { AbortedError } from '../../core/errors';
import { EngineError, isEngineErrorName, type EngineErrorName } from './errors';

/**
 * WebLLM exports no error classes, so its failures are recognized by `name` first and by
 * message second (runtime and network errors are plain Error / TypeError).
 */
const BY_NAME: Readonly<Record<string, EngineErrorName>> = {
  WebGPUNotAvailableError: 'WebGPUUnavailableError',
  WebGPUNotFoundError: 'WebGPUUnavailableError',
  ShaderF16SupportError: 'ShaderF16UnavailableError',
  DeviceLostError: 'GPUDeviceLostError',
  GPUOutOfMemoryError: 'GPUDeviceLostError',
  ContextWindowSizeExceededError: 'ContextTooLongError',
};

const BY_MESSAGE: readonly (readonly [RegExp, EngineErrorName])[] = [
  [/shader-f16/i, 'ShaderF16UnavailableError'],
  [
    /unable to find a compatible gpu|no (appropriate|suitable|compatible) (gpu )?adapter/i,
    'GPUAdapterUnavailableError',
  ],
  [
    /webgpu is not (supported|available)|cannot find webgpu|navigator\.gpu/i,
    'WebGPUUnavailableError',
  ],
  [/cannot initialize runtime because of requested max/i, 'GPULimitsTooLowError'],
  [/device (was |is )?lost|out of memory|\boom\b|device.*destroyed/i, 'GPUDeviceLostError'],
  [/exceed(s)? (the )?context window|context window size/i, 'ContextTooLongError'],
  [
    /failed to fetch|cannot fetch|unable to fetch|failed to store|network ?error|network response was not ok|request failed|load failed|received status \d{3}|err= ?\d{3}/i,
    'ModelFilesUnreachableError',
  ],
];

/**
 * WebLLM unloads the model itself when the GPU device is lost after loading, so a generation
 * on a loaded model that finds no model means the device was lost.
 */
const UNLOADED_UNDER_US = /^(ModelNotLoadedError|EngineNotLoadedError)$/;

/**
 * Turns anything an engine threw into a named CopaError with advice. Abort stays an abort;
 * engine errors pass through; unknown failures become a generic EngineError keeping the message.
 * `during` says whether the model was loading or already loaded and generating.
 */
export function mapWebLLMError(err: unknown, during: 'load' | 'generate' = 'load'): Error {
  if (err instanceof EngineError) return err;
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'AbortError') return new AbortedError();
  if (during === 'generate' && UNLOADED_UNDER_US.test(name))
    return new EngineError('GPUDeviceLostError', message);
  if (isEngineErrorName(name)) return EngineError.revive(name, message);
  const byName = BY_NAME[name];
  if (byName) return new EngineError(byName, message);
  for (const [pattern, mapped] of BY_MESSAGE)
    if (pattern.test(message)) return new EngineError(mapped, message);
  return new EngineError('EngineError', message || name || 'unknown error');
}
