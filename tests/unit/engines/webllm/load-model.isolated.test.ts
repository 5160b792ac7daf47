import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InitProgressReport } from '@mlc-ai/web-llm';
import type { LoadProgress } from '../../../../src/engines/webllm/load-progress';
import { toLoadProgress } from '../../../../src/engines/webllm/load-progress';

// The module boundary: the app reaches WebLLM only through this dynamic import.
const state = vi.hoisted(() => ({
  reloadError: null as Error | null,
  reports: [] as InitProgressReport[],
  configs: [] as unknown[],
  unloads: 0,
  hangReload: false,
}));

vi.mock('@mlc-ai/web-llm', () => {
  class MLCEngine {
    private callback: ((r: InitProgressReport) => void) | undefined;
    private stopReload: (() => void) | null = null;
    chat = { completions: { create: vi.fn() } };
    constructor(config: { initProgressCallback?: (r: InitProgressReport) => void }) {
      state.configs.push(config);
      this.callback = config.initProgressCallback;
    }
    async reload(): Promise<void> {
      for (const r of state.reports) this.callback?.(r);
      if (state.hangReload) await new Promise<void>((resolve) => (this.stopReload = resolve));
      if (state.reloadError) throw state.reloadError;
    }
    async unload(): Promise<void> {
      state.unloads++;
      this.stopReload?.();
    }
    interruptGenerate(): void {}
  }
  return {
    MLCEngine,
    hasModelInCache: vi.fn(async () => true),
    deleteModelAllInfoInCache: vi.fn(async () => undefined),
    prebuiltAppConfig: { model_list: [] },
  };
});

const { importWebLLMRuntime } = await import('../../../../src/engines/webllm/runtime');
const { loadWebLLMModel } = await import('../../../../src/engines/webllm/load-model');
const appConfig = { model_list: [], cacheBackend: 'cache' as const };

beforeEach(() => {
  state.reloadError = null;
  state.reports = [];
  state.configs = [];
  state.unloads = 0;
  state.hangReload = false;
});

describe('loadWebLLMModel', () => {
  it('creates the engine with the app config and reports progress as plain data', async () => {
    state.reports = [
      { progress: 0, timeElapsed: 0, text: 'Start to fetch params' },
      {
        progress: 0.25,
        timeElapsed: 3,
        text: 'Fetching param cache[3/24]: 120MB fetched. 25% completed, 3 secs elapsed.',
      },
      { progress: 1, timeElapsed: 9, text: 'Finish loading on WebGPU - swiftshader' },
    ];
    const seen: LoadProgress[] = [];
    const runtime = await importWebLLMRuntime();
    const { model } = await loadWebLLMModel(runtime, {
      modelId: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
      appConfig,
      onProgress: (p) => seen.push(p),
    });
    expect(model.id).toBe('webllm:Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
    expect(state.configs[0]).toMatchObject({ appConfig: { cacheBackend: 'cache' } });
    expect(seen.map((p) => p.phase)).toEqual(['downloading', 'downloading', 'ready']);
    expect(seen[1]).toMatchObject({ percent: 25, bytes: 120 * 1024 * 1024 });
  });

  it('maps a 404 on the model files to ModelFilesUnreachableError and unloads the engine', async () => {
    state.reloadError = new TypeError("Failed to execute 'add' on 'Cache': Request failed");
    const runtime = await importWebLLMRuntime();
    await expect(loadWebLLMModel(runtime, { modelId: 'x', appConfig })).rejects.toMatchObject({
      name: 'ModelFilesUnreachableError',
    });
    expect(state.unloads).toBe(1);
  });

  it('maps a missing shader-f16 to ShaderF16UnavailableError', async () => {
    state.reloadError = Object.assign(new Error('requires shader-f16'), {
      name: 'ShaderF16SupportError',
    });
    const runtime = await importWebLLMRuntime();
    await expect(loadWebLLMModel(runtime, { modelId: 'x', appConfig })).rejects.toMatchObject({
      name: 'ShaderF16UnavailableError',
    });
  });

  it('maps a missing adapter to GPUAdapterUnavailableError', async () => {
    state.reloadError = new Error('Unable to find a compatible GPU.');
    const runtime = await importWebLLMRuntime();
    await expect(loadWebLLMModel(runtime, { modelId: 'x', appConfig })).rejects.toMatchObject({
      name: 'GPUAdapterUnavailableError',
    });
  });

  it('cancels a load by unloading the engine, and rejects with AbortError', async () => {
    state.hangReload = true;
    const runtime = await importWebLLMRuntime();
    const controller = new AbortController();
    const pending = loadWebLLMModel(runtime, {
      modelId: 'x',
      appConfig,
      signal: controller.signal,
    });
    await new Promise((r) => setTimeout(r, 0));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(state.unloads).toBeGreaterThanOrEqual(1);
  });
});

describe('toLoadProgress', () => {
  it('reads the cache-loading and shader phases', () => {
    expect(
      toLoadProgress({
        progress: 0.5,
        text: 'Loading model from cache[1/2]: 200MB loaded. 50% completed',
      }),
    ).toMatchObject({ phase: 'reading-cache', percent: 50, bytes: 200 * 1024 * 1024 });
    expect(
      toLoadProgress({ progress: 0.3, text: 'Loading GPU shader modules[3/10]: 30% completed' }),
    ).toMatchObject({
      phase: 'compiling',
      bytes: null,
    });
  });
});
