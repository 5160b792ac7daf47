import { describe, expect, it } from 'vitest';
import type { ModelRecord } from '@mlc-ai/web-llm';
import {
  CACHE_BACKEND,
  buildCatalog,
  makeAppConfig,
  needsShaderF16,
} from '../../../src/engines/model-catalog';
import { fitCatalog } from '../../../src/engines/model-fit';

function record(model_id: string, extra: Partial<ModelRecord> = {}): ModelRecord {
  return {
    model: `https://example.test/${model_id}`,
    model_id,
    model_lib: `https://example.test/${model_id}.wasm`,
    vram_required_MB: 1000.4,
    low_resource_required: true,
    overrides: { context_window_size: 4096 },
    ...extra,
  };
}

// Mirrors WebLLM's records: note Qwen's f16 records declare no required_features.
const config = {
  model_list: [
    record('SmolLM2-360M-Instruct-q4f16_1-MLC', { required_features: ['shader-f16'] }),
    record('SmolLM2-360M-Instruct-q4f32_1-MLC'),
    record('SmolLM2-360M-Instruct-q0f16-MLC', { required_features: ['shader-f16'] }),
    record('Qwen2.5-0.5B-Instruct-q4f16_1-MLC'),
    record('Qwen2.5-0.5B-Instruct-q4f32_1-MLC'),
    record('Phi-3.5-mini-instruct-q4f32_1-MLC', { low_resource_required: false }),
    record('Llama-3.1-70B-Instruct-q3f16_1-MLC'),
  ],
};
const strong = { shaderF16: true, lowResourceOnly: false, weak: false };
const noF16 = { shaderF16: false, lowResourceOnly: false, weak: false };

describe('needsShaderF16', () => {
  it('reads f16 from the quantization in the id, whatever the record declares', () => {
    expect(needsShaderF16(record('Qwen2.5-0.5B-Instruct-q4f16_1-MLC'))).toBe(true);
    expect(needsShaderF16(record('SmolLM2-360M-Instruct-q0f16-MLC'))).toBe(true);
    expect(needsShaderF16(record('Qwen2.5-0.5B-Instruct-q4f32_1-MLC'))).toBe(false);
  });
});

describe('buildCatalog', () => {
  it('offers no f16 model without shader-f16, even when the record declares no feature', () => {
    const c = buildCatalog(config, noF16);
    expect(c.entries.map((e) => e.modelId)).toEqual([
      'SmolLM2-360M-Instruct-q4f32_1-MLC',
      'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
      'Phi-3.5-mini-instruct-q4f32_1-MLC',
    ]);
    expect(c.entries.every((e) => !e.needsShaderF16)).toBe(true);
    expect(c.omitted).toContainEqual({
      modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
      reason: 'needs shader-f16',
    });
  });

  it('offers the f16 variant when shader-f16 is present, and only small instruct models', () => {
    const ids = buildCatalog(config, strong).entries.map((e) => e.modelId);
    expect(ids).toContain('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    expect(ids).not.toContain('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
    expect(ids).not.toContain('Llama-3.1-70B-Instruct-q3f16_1-MLC');
    expect(ids).not.toContain('SmolLM2-360M-Instruct-q0f16-MLC');
  });

  it('defaults to Qwen2.5-0.5B, and to SmolLM2-360M on a weak GPU', () => {
    expect(buildCatalog(config, strong).defaultModelId).toBe('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    expect(buildCatalog(config, { ...noF16, weak: true }).defaultModelId).toBe(
      'SmolLM2-360M-Instruct-q4f32_1-MLC',
    );
  });

  it('leaves out models that are not low-resource when buffers are limited', () => {
    const ids = buildCatalog(config, { ...noF16, lowResourceOnly: true, weak: true }).entries.map(
      (e) => e.modelId,
    );
    expect(ids).not.toContain('Phi-3.5-mini-instruct-q4f32_1-MLC');
  });

  it('gives each entry a memory need and a download estimate that grows with size', () => {
    const [smol, qwen, phi] = buildCatalog(config, noF16).entries;
    expect(smol).toMatchObject({ memoryMB: 1000, contextWindow: 4096, custom: false });
    expect(smol!.downloadMBEstimate).toBeGreaterThan(100);
    expect(qwen!.downloadMBEstimate!).toBeGreaterThan(smol!.downloadMBEstimate!);
    expect(phi!.downloadMBEstimate!).toBeGreaterThan(qwen!.downloadMBEstimate!);
  });

  it('adds custom records, still applying the f16 rule', () => {
    const custom = [record('my-model-q4f32_1-MLC'), record('my-model-q4f16_1-MLC')];
    const c = buildCatalog(config, noF16, custom);
    expect(c.entries.filter((e) => e.custom).map((e) => e.modelId)).toEqual([
      'my-model-q4f32_1-MLC',
    ]);
    expect(c.defaultModelId).not.toBe('my-model-q4f32_1-MLC');
  });

  it('has no default when nothing fits', () => {
    expect(buildCatalog({ model_list: [] }, strong).defaultModelId).toBeNull();
  });
});

describe('the thinking models (Qwen3)', () => {
  const withQwen3 = {
    model_list: [
      ...config.model_list,
      record('Qwen3-0.6B-q4f16_1-MLC'),
      record('Qwen3-0.6B-q4f32_1-MLC'),
      record('Qwen3-1.7B-q4f32_1-MLC'),
      record('Qwen3-4B-q4f32_1-MLC'),
    ],
  };

  it('are offered between the other small models, marked as thinking; no other model is', () => {
    const c = buildCatalog(withQwen3, noF16);
    expect(c.entries.map((e) => [e.modelId, e.thinking])).toEqual([
      ['SmolLM2-360M-Instruct-q4f32_1-MLC', false],
      ['Qwen2.5-0.5B-Instruct-q4f32_1-MLC', false],
      ['Qwen3-0.6B-q4f32_1-MLC', true],
      ['Qwen3-1.7B-q4f32_1-MLC', true],
      ['Phi-3.5-mini-instruct-q4f32_1-MLC', false],
    ]);
    expect(c.entries[2]!.label).toBe('Qwen3 0.6B (q4f32_1)');
    // Not the default: Qwen2.5 0.5B stays the suggested model.
    expect(c.defaultModelId).toBe('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
  });

  it('a custom record is not taken for a thinking model', () => {
    const c = buildCatalog(withQwen3, noF16, [record('my-Qwen3-0.6B-q4f32_1-MLC')]);
    expect(c.entries.find((e) => e.custom)?.thinking).toBe(false);
  });

  it("are built from WebLLM's own records: sizes, context window, f16 and GPU memory fit", async () => {
    const { prebuiltAppConfig } = await import('@mlc-ai/web-llm');
    const f16 = buildCatalog(prebuiltAppConfig, strong).entries.filter((e) => e.thinking);
    expect(f16.map((e) => e.modelId)).toEqual(['Qwen3-0.6B-q4f16_1-MLC', 'Qwen3-1.7B-q4f16_1-MLC']);
    const f32 = buildCatalog(prebuiltAppConfig, noF16);
    const qwen3 = f32.entries.filter((e) => e.thinking);
    expect(qwen3.map((e) => e.modelId)).toEqual([
      'Qwen3-0.6B-q4f32_1-MLC',
      'Qwen3-1.7B-q4f32_1-MLC',
    ]);
    expect(f32.entries.some((e) => e.modelId.startsWith('Qwen3-4B'))).toBe(false);
    expect(f32.defaultModelId).toBe('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
    for (const e of [...f16, ...qwen3]) {
      expect(e.contextWindow).toBe(4096);
      expect(e.memoryMB).toBeGreaterThan(1000);
      expect(e.downloadMBEstimate).toBeGreaterThan(300);
      expect(e.needsShaderF16).toBe(e.quantization === 'q4f16_1');
    }
    // A GPU giving 2 GB holds the 0.6B model but not the 1.7B one in f32 (2.6 GB).
    const fitted = fitCatalog(f32, 2048).entries.filter((e) => e.thinking);
    expect(fitted.map((e) => e.tooLarge)).toEqual([false, true]);
  });
});

describe('makeAppConfig', () => {
  it('sets the cache backend explicitly', () => {
    expect(makeAppConfig([record('a')])).toMatchObject({ cacheBackend: CACHE_BACKEND });
    expect(CACHE_BACKEND).toBe('cache');
  });
});
