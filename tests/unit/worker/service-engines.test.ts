import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '../../../src/engines/webllm/load-progress';
import { Program, predict } from '../../../src/core/program';
import { createCopaService } from '../../../src/worker/service';
import { adapterEnv, deps, FakeRuntime } from './fakes';

describe('The worker service: probe and catalog', () => {
  it('with no adapter: reports it, refuses to load before any download, and offers the stand-in', async () => {
    const runtime = new FakeRuntime();
    const service = createCopaService(deps(adapterEnv(null), runtime));
    expect(await service.probe()).toMatchObject({ status: 'no-adapter', usable: false });
    await expect(service.loadModel('Qwen2.5-0.5B-Instruct-q4f32_1-MLC')).rejects.toMatchObject({
      name: 'GPUAdapterUnavailableError',
    });
    expect(runtime.engines).toHaveLength(0);
    expect(await service.useStandIn(3)).toMatchObject({
      kind: 'standin',
      label: expect.stringMatching(/stand-in/i),
    });
  });

  it('with a fallback adapter without f16: the catalog offers no f16 model', async () => {
    const service = createCopaService(deps(adapterEnv({ f16: false, fallback: true })));
    expect(await service.probe()).toMatchObject({ fallbackAdapter: true, shaderF16: false });
    const catalog = await service.catalog();
    expect(catalog.entries.length).toBeGreaterThan(0);
    expect(catalog.entries.some((e) => /f16/.test(e.modelId))).toBe(false);
    expect(catalog.defaultModelId).toBe('SmolLM2-360M-Instruct-q4f32_1-MLC');
  });

  it('refuses to load an f16 model on a GPU without f16', async () => {
    const service = createCopaService(deps(adapterEnv({ f16: false })));
    await expect(service.loadModel('Qwen2.5-0.5B-Instruct-q4f16_1-MLC')).rejects.toMatchObject({
      name: 'WorkerStateError',
      message: expect.stringMatching(/shader-f16/),
    });
  });
});

describe('The worker service: loading models', () => {
  it('loads a model with progress and reports it as the engine', async () => {
    const service = createCopaService(deps(adapterEnv({ f16: true })));
    const progress: LoadProgress[] = [];
    const status = await service.loadModel('Qwen2.5-0.5B-Instruct-q4f16_1-MLC', (p) =>
      progress.push(p),
    );
    expect(status).toEqual({
      kind: 'webllm',
      modelId: 'webllm:Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
      label: 'Qwen2.5 0.5B Instruct (q4f16_1)',
    });
    expect(progress.map((p) => p.phase)).toEqual([
      'downloading',
      'ready',
      'measuring-speed',
      'ready',
    ]);
    expect(progress[0]).toMatchObject({ percent: 50, bytes: 100 * 1024 * 1024 });
  });

  it('a failed download keeps the stand-in that was in use', async () => {
    const runtime = new FakeRuntime();
    runtime.reloadError = new TypeError("Failed to execute 'add' on 'Cache': Request failed");
    const service = createCopaService(deps(adapterEnv({ f16: true }), runtime));
    await service.useStandIn(0);
    const err = await service
      .loadModel('Qwen2.5-0.5B-Instruct-q4f16_1-MLC')
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ModelFilesUnreachableError' });
    expect(await service.engineStatus()).toMatchObject({ kind: 'standin' });
  });

  it('a failed load that replaces a loaded model loads that model again, with its measured speed', async () => {
    const runtime = new FakeRuntime();
    const service = createCopaService(deps(adapterEnv({ f16: true }), runtime));
    const working = 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC';
    await service.loadModel(working);
    const speed = await service.modelSpeed();
    expect(speed).not.toBeNull();
    runtime.reloadErrorFor = (id) =>
      id === working ? null : new TypeError("Failed to execute 'add' on 'Cache': Request failed");
    const progress: string[] = [];
    const err = await service
      .loadModel('SmolLM2-360M-Instruct-q4f16_1-MLC', (p) => progress.push(p.text))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ModelFilesUnreachableError' });
    expect(await service.engineStatus()).toMatchObject({
      kind: 'webllm',
      modelId: `webllm:${working}`,
    });
    expect(await service.modelSpeed()).toEqual(speed);
    // Said while it happens, and the model loaded again answers.
    expect(
      progress.some((t) => t.startsWith('Loading Qwen2.5 0.5B Instruct (q4f16_1) again')),
    ).toBe(true);
    const answered = await service.runOnce({
      program: new Program([predict('answer', 'q -> a')]).toState(),
      inputs: { q: 'hi' },
    });
    expect(answered).toBeTruthy();
    expect(runtime.engines.at(-1)?.reloads).toEqual([working]);
  });

  it('when the model a failed load unloaded cannot be loaded again, no model is loaded', async () => {
    const runtime = new FakeRuntime();
    const service = createCopaService(deps(adapterEnv({ f16: true }), runtime));
    await service.loadModel('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    runtime.reloadError = new TypeError("Failed to execute 'add' on 'Cache': Request failed");
    await expect(service.loadModel('SmolLM2-360M-Instruct-q4f16_1-MLC')).rejects.toMatchObject({
      name: 'ModelFilesUnreachableError',
    });
    expect(await service.engineStatus()).toMatchObject({ kind: null });
    expect(await service.modelSpeed()).toBeNull();
    // Nothing is left loading: another load can start.
    runtime.reloadError = null;
    expect(await service.loadModel('SmolLM2-360M-Instruct-q4f16_1-MLC')).toMatchObject({
      kind: 'webllm',
    });
  });

  it('a custom model whose files answer 404 fails with ModelFilesUnreachableError and the service stays usable', async () => {
    const runtime = new FakeRuntime();
    runtime.reloadError = new TypeError("Failed to execute 'add' on 'Cache': Request failed");
    const service = createCopaService(deps(adapterEnv({ f16: false, fallback: true }), runtime));
    const catalog = await service.addCustomModel({
      modelId: 'missing-q4f32_1-MLC',
      modelUrl: 'http://127.0.0.1:9/missing/',
      modelLibUrl: 'http://127.0.0.1:9/missing/lib.wasm',
    });
    expect(catalog.entries.find((e) => e.modelId === 'missing-q4f32_1-MLC')).toMatchObject({
      custom: true,
    });
    const err = await service.loadModel('missing-q4f32_1-MLC').catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: 'ModelFilesUnreachableError',
      message: expect.stringMatching(/unreachable/),
    });
    expect(runtime.engines[0]!.unloads).toBeGreaterThan(0);
    expect(await service.engineStatus()).toMatchObject({ kind: null });
    expect(await service.useStandIn()).toMatchObject({ kind: 'standin' });
  });

  it("refuses a model added by address under a WebLLM model's id, which would be listed twice and loaded from WebLLM's address", async () => {
    const runtime = new FakeRuntime();
    const service = createCopaService(deps(adapterEnv({ f16: true }), runtime));
    const before = await service.catalog();
    const taken = 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC';
    const err = await service
      .addCustomModel({
        modelId: taken,
        modelUrl: 'https://example.org/mine/',
        modelLibUrl: 'https://example.org/mine/lib.wasm',
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: 'WorkerStateError',
      message: expect.stringMatching(/already.*another id/),
    });
    const after = await service.catalog();
    expect(after.entries.map((e) => e.modelId)).toEqual(before.entries.map((e) => e.modelId));
    // Any id WebLLM knows is taken, not only the ones the catalog shows.
    const hidden = runtime.prebuiltAppConfig.model_list.find(
      (r) => !before.entries.some((e) => e.modelId === r.model_id),
    );
    if (hidden)
      await expect(
        service.addCustomModel({
          modelId: hidden.model_id,
          modelUrl: 'https://example.org/mine/',
          modelLibUrl: 'https://example.org/mine/lib.wasm',
        }),
      ).rejects.toMatchObject({ name: 'WorkerStateError' });
    // Adding one's own model under its own id twice replaces it (one entry).
    for (let i = 0; i < 2; i++)
      await service.addCustomModel({
        modelId: 'mine-q4f16_1-MLC',
        modelUrl: `https://example.org/mine${i}/`,
        modelLibUrl: 'https://example.org/mine/lib.wasm',
      });
    const mine = (await service.catalog()).entries.filter((e) => e.modelId === 'mine-q4f16_1-MLC');
    expect(mine).toHaveLength(1);
  });

  it('a model added by address runs with the context window given, else 4,096 (prompts are fitted to what WebLLM is told)', async () => {
    const runtime = new FakeRuntime();
    const service = createCopaService(deps(adapterEnv({ f16: true }), runtime));
    const add = (modelId: string, contextWindow?: number) =>
      service.addCustomModel({
        modelId,
        modelUrl: `https://example.org/${modelId}/`,
        modelLibUrl: 'https://example.org/lib.wasm',
        ...(contextWindow !== undefined ? { contextWindow } : {}),
      });
    const entryOf = async (id: string) =>
      (await service.catalog()).entries.find((e) => e.modelId === id);
    await add('plain-q4f16_1-MLC');
    expect(await entryOf('plain-q4f16_1-MLC')).toMatchObject({ contextWindow: 4096 });
    await add('long-q4f16_1-MLC', 16_384);
    expect(await entryOf('long-q4f16_1-MLC')).toMatchObject({ contextWindow: 16_384 });
    const configs: Parameters<FakeRuntime['createEngine']>[0][] = [];
    const create = runtime.createEngine.bind(runtime);
    runtime.createEngine = (config) => (configs.push(config), create(config));
    await service.loadModel('long-q4f16_1-MLC');
    // WebLLM is given the same window in the record it loads from.
    const loaded = configs
      .at(-1)
      ?.appConfig.model_list.find((r) => r.model_id === 'long-q4f16_1-MLC');
    expect(loaded?.overrides?.context_window_size).toBe(16_384);
    for (const wrong of [100, 1.5, 1_000_000])
      await expect(add('wrong-q4f16_1-MLC', wrong)).rejects.toMatchObject({
        name: 'WorkerStateError',
        message: expect.stringMatching(/from 512 to 131,072 tokens.*Leave it empty for 4,096/),
      });
    expect(await entryOf('wrong-q4f16_1-MLC')).toBeUndefined();
  });

  it('refuses a model added by address that needs shader-f16 on a GPU without it, saying to add its f32 build (it was left out of the list without a word)', async () => {
    const service = createCopaService(deps(adapterEnv({ f16: false, fallback: true })));
    const err = await service
      .addCustomModel({
        modelId: 'Mine-q4f16_1-MLC',
        modelUrl: 'https://example.org/mine/',
        modelLibUrl: 'https://example.org/mine/lib.wasm',
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: 'ShaderF16UnavailableError',
      message: expect.stringMatching(/q4f32/),
    });
    expect((await service.catalog()).entries.some((e) => e.modelId === 'Mine-q4f16_1-MLC')).toBe(
      false,
    );
    // Its f32 build is added and listed.
    const catalog = await service.addCustomModel({
      modelId: 'Mine-q4f32_1-MLC',
      modelUrl: 'https://example.org/mine32/',
      modelLibUrl: 'https://example.org/mine32/lib.wasm',
    });
    expect(catalog.entries.some((e) => e.modelId === 'Mine-q4f32_1-MLC')).toBe(true);
  });

  it("marks the catalog's models whose files this browser holds, asked apart from the list", async () => {
    const runtime = new FakeRuntime();
    const service = createCopaService(deps(adapterEnv({ f16: true }), runtime));
    const qwen = 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC';
    expect(await service.catalogDownloaded()).toEqual([]);
    await service.loadModel(qwen);
    expect(await service.catalogDownloaded()).toEqual([qwen]);
    // A model cached outside the catalog (the f32 build on an f16 GPU) is not a catalog mark.
    runtime.cached.add('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
    expect(await service.catalogDownloaded()).toEqual([qwen]);
    await service.deleteCachedModel(qwen);
    expect(await service.catalogDownloaded()).toEqual([]);
  });

  it('lists cached models with their storage and deletes them', async () => {
    const runtime = new FakeRuntime();
    const service = createCopaService(deps(adapterEnv({ f16: true }), runtime));
    await service.loadModel('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    const report = await service.cachedModels();
    expect(report).toEqual({
      models: [
        {
          modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
          label: 'Qwen2.5 0.5B Instruct (q4f16_1)',
          bytes: 123_000_000,
        },
      ],
      usageBytes: 500_000_000,
      quotaBytes: 10_000_000_000,
    });
    const after = await service.deleteCachedModel('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    expect(after.models).toEqual([]);
    // The loaded copy of a deleted model is released too.
    expect(await service.engineStatus()).toMatchObject({ kind: null });
  });

  it('reports model usage (tokens and speeds) only for a WebLLM model', async () => {
    const service = createCopaService(deps(adapterEnv({ f16: true })));
    await service.useStandIn();
    expect(await service.modelUsage()).toBeNull();
    await service.loadModel('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    await service
      .runOnce({
        program: new Program([predict('answer', 'q -> a')]).toState(),
        inputs: { q: 'hi' },
      })
      .catch(() => undefined);
    expect(await service.modelUsage()).toMatchObject({
      calls: 1,
      prefillTokensPerS: 400,
      decodeTokensPerS: 20,
    });
  });
});
