import { describe, expect, it } from 'vitest';
import { EngineError, type EngineErrorName } from '../../../../src/engines/webllm/errors';
import { mapWebLLMError } from '../../../../src/engines/webllm/map-error';

function named(name: string, message: string): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}

// Errors as WebLLM 0.2.86 and the browser raise them (names and messages from its source).
const cases: [string, unknown, EngineErrorName][] = [
  [
    'WebLLM: no navigator.gpu',
    named('WebGPUNotAvailableError', 'WebGPU is not supported in your current environment'),
    'WebGPUUnavailableError',
  ],
  [
    'WebLLM: WebGPU not found',
    named('WebGPUNotFoundError', 'Cannot find WebGPU in the environment'),
    'WebGPUUnavailableError',
  ],
  [
    'runtime: no adapter',
    new Error(
      'Unable to find a compatible GPU. This issue might be because your computer doesn’t have a GPU',
    ),
    'GPUAdapterUnavailableError',
  ],
  [
    'WebLLM: f16 missing',
    named('ShaderF16SupportError', 'This model requires WebGPU extension shader-f16'),
    'ShaderF16UnavailableError',
  ],
  [
    'WebLLM: feature missing f16',
    named(
      'FeatureSupportError',
      'This model requires feature shader-f16, which is not yet supported',
    ),
    'ShaderF16UnavailableError',
  ],
  [
    'runtime: limits',
    new Error(
      'Cannot initialize runtime because of requested maxBufferSize exceeds limit. requested=256MB, limit=128MB.',
    ),
    'GPULimitsTooLowError',
  ],
  [
    'WebLLM: device lost',
    named('DeviceLostError', 'The WebGPU device was lost while loading the model.'),
    'GPUDeviceLostError',
  ],
  [
    'browser: out of memory',
    new Error('Out of memory while allocating buffer'),
    'GPUDeviceLostError',
  ],
  [
    'WebLLM: context overflow',
    named('ContextWindowSizeExceededError', 'Prompt tokens exceed context window size'),
    'ContextTooLongError',
  ],
  ['browser: offline', new TypeError('Failed to fetch'), 'ModelFilesUnreachableError'],
  [
    'Cache API: 404',
    new TypeError("Failed to execute 'add' on 'Cache': Request failed"),
    'ModelFilesUnreachableError',
  ],
  [
    'IndexedDB cache: 404',
    new Error(
      'Failed to store https://x/mlc-chat-config.json with error: Error: Network response was not ok',
    ),
    'ModelFilesUnreachableError',
  ],
  [
    'OPFS cache: 404',
    new Error('ArtifactOPFSCache: Unable to fetch https://x, received status 404'),
    'ModelFilesUnreachableError',
  ],
  [
    'tvmjs: cannot fetch',
    new Error('Cannot fetch https://x/params_shard_0.bin'),
    'ModelFilesUnreachableError',
  ],
  ['unknown', new Error('something odd'), 'EngineError'],
];

describe('mapWebLLMError', () => {
  it.each(cases)('%s', (_label, input, expected) => {
    const mapped = mapWebLLMError(input);
    expect(mapped).toBeInstanceOf(EngineError);
    expect(mapped.name).toBe(expected);
  });

  it('keeps the original message as detail and adds advice', () => {
    const mapped = mapWebLLMError(new TypeError('Failed to fetch'));
    expect(mapped.message).toMatch(/unreachable/i);
    expect(mapped.message).toMatch(/online/);
    expect(mapped.message).toContain('Failed to fetch');
  });

  it('advises a smaller model or re-creating the engine after a lost device', () => {
    const mapped = mapWebLLMError(named('DeviceLostError', 'lost')) as EngineError;
    expect(mapped.recovery).toBe('recreate-engine');
    expect(mapped.message).toMatch(/smaller model/);
    expect(mapped.message).toMatch(/checkpoint/);
  });

  it('treats a model that vanished during generation as a lost device (WebLLM unloads on device loss)', () => {
    const gone = named(
      'ModelNotLoadedError',
      'Model not loaded before trying to complete ChatCompletionRequest.',
    );
    expect(mapWebLLMError(gone, 'generate').name).toBe('GPUDeviceLostError');
    expect(mapWebLLMError(gone, 'load').name).toBe('EngineError');
  });

  it('keeps aborts as aborts and passes engine errors through unchanged', () => {
    expect(mapWebLLMError(new DOMException('stop', 'AbortError')).name).toBe('AbortError');
    const original = new EngineError('ContextTooLongError');
    expect(mapWebLLMError(original)).toBe(original);
  });

  it('handles thrown non-errors', () => {
    expect(mapWebLLMError('boom').name).toBe('EngineError');
    expect(mapWebLLMError('boom').message).toContain('boom');
  });
});
