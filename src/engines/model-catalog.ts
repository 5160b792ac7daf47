import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import { modelDisplayName } from '../core/model-name';

/**
 * The models offered to the user: WebLLM's prebuilt list narrowed to small instruct models,
 * one quantization per model chosen from the GPU's abilities. Takes the app config as an
 * argument because importing WebLLM's prebuiltAppConfig would pull the whole engine in.
 */

/**
 * Where WebLLM keeps downloaded models. The Cache API is WebLLM's best-tested backend: large
 * weight shards are stored as HTTP responses without copying, and hasModelInCache / delete work
 * with it. Chosen explicitly so a WebLLM default change cannot strand downloaded models.
 */
export const CACHE_BACKEND = 'cache' as const;

interface Family {
  /** The start of its builds' WebLLM ids (its name is modelDisplayName's). */
  prefix: string;
  paramsBillions: number;
  /** A thinking model (see CatalogEntry.thinking). */
  thinking?: true;
}

/**
 * Small instruct models worth optimizing prompts for, smallest first. Qwen3 4B is left out: a
 * download of about 2.3 GB needing 3.4 GB of GPU memory, Phi-3.5 mini's size class, which one
 * model already fills, and more than twice Qwen3 1.7B's time per token on the integrated GPUs
 * this app targets (a run makes hundreds of calls); a bigger model is better on a local server.
 */
const FAMILIES: readonly Family[] = [
  { prefix: 'SmolLM2-360M-Instruct', paramsBillions: 0.36 },
  { prefix: 'Qwen2.5-0.5B-Instruct', paramsBillions: 0.49 },
  { prefix: 'Qwen3-0.6B', paramsBillions: 0.6, thinking: true },
  { prefix: 'Llama-3.2-1B-Instruct', paramsBillions: 1.24 },
  { prefix: 'Qwen2.5-1.5B-Instruct', paramsBillions: 1.54 },
  { prefix: 'Qwen3-1.7B', paramsBillions: 1.72, thinking: true },
  { prefix: 'Phi-3.5-mini-instruct', paramsBillions: 3.82 },
];

const QUANTIZATIONS = ['q4f16_1', 'q4f32_1'] as const;
type Quantization = (typeof QUANTIZATIONS)[number];
/** Stored bits per weight including group scales (an approximation for the size estimate). */
const BITS_PER_WEIGHT: Readonly<Record<Quantization, number>> = { q4f16_1: 4.5, q4f32_1: 5 };

export const DEFAULT_MODEL_PREFIX = 'Qwen2.5-0.5B-Instruct';
export const WEAK_GPU_MODEL_PREFIX = 'SmolLM2-360M-Instruct';

export interface CatalogEntry {
  modelId: string;
  label: string;
  quantization: string;
  /** True for f16 weights or activations, which need the shader-f16 feature. */
  needsShaderF16: boolean;
  paramsBillions: number | null;
  /** An estimate from parameter count and quantization, not the exact size of the files. */
  downloadMBEstimate: number | null;
  /** GPU memory WebLLM says the model needs. */
  memoryMB: number | null;
  contextWindow: number | null;
  lowResource: boolean;
  /**
   * A thinking model: it writes `<think>…</think>` before its answer unless the request turns
   * thinking off, which would spend the few dozen tokens a label answer gets. Every request the
   * app makes to it turns thinking off (WebLLM's `extra_body.enable_thinking: false`).
   */
  thinking: boolean;
  /** A record added by address rather than from WebLLM's list. */
  custom: boolean;
}

export interface Catalog {
  entries: CatalogEntry[];
  defaultModelId: string | null;
  /** Models left out and why (for the curious; not offered). */
  omitted: { modelId: string; reason: string }[];
}

/** What the catalog needs to know about the GPU (from the probe). */
export interface CatalogCapabilities {
  shaderF16: boolean;
  lowResourceOnly: boolean;
  weak: boolean;
}

/** True when a model id's quantization uses f16 (q4f16_*, q0f16 …), whatever its record declares. */
export function needsShaderF16(
  record: Pick<ModelRecord, 'model_id' | 'required_features'>,
): boolean {
  return (
    /q\d+f16/i.test(record.model_id) || (record.required_features ?? []).includes('shader-f16')
  );
}

/** The catalog for this GPU: one variant per model, f16 only when shader-f16 is present. */
export function buildCatalog(
  appConfig: Pick<AppConfig, 'model_list'>,
  caps: CatalogCapabilities,
  customRecords: readonly ModelRecord[] = [],
): Catalog {
  const entries: CatalogEntry[] = [];
  const omitted: Catalog['omitted'] = [];
  const wanted: Quantization = caps.shaderF16 ? 'q4f16_1' : 'q4f32_1';
  for (const family of FAMILIES) {
    for (const quant of QUANTIZATIONS) {
      const record = appConfig.model_list.find(
        (r) => r.model_id === `${family.prefix}-${quant}-MLC`,
      );
      if (!record) continue;
      const entry = toEntry(record, family, quant);
      if (entry.needsShaderF16 && !caps.shaderF16)
        omitted.push({ modelId: entry.modelId, reason: 'needs shader-f16' });
      else if (quant !== wanted)
        omitted.push({
          modelId: entry.modelId,
          reason: 'the f16 variant is smaller and faster here',
        });
      else if (caps.lowResourceOnly && !entry.lowResource)
        omitted.push({ modelId: entry.modelId, reason: 'too large for this GPU’s buffer limits' });
      else entries.push(entry);
    }
  }
  for (const record of customRecords) {
    const entry = { ...toEntry(record, null, null), custom: true };
    if (entry.needsShaderF16 && !caps.shaderF16)
      omitted.push({ modelId: entry.modelId, reason: 'needs shader-f16' });
    else entries.push(entry);
  }
  const preferred = caps.weak ? WEAK_GPU_MODEL_PREFIX : DEFAULT_MODEL_PREFIX;
  const defaultEntry =
    entries.find((e) => e.modelId.startsWith(preferred)) ?? entries.find((e) => !e.custom) ?? null;
  return { entries, defaultModelId: defaultEntry?.modelId ?? null, omitted };
}

/** The AppConfig the engine is created with: the catalog's records and the explicit cache backend. */
export function makeAppConfig(records: readonly ModelRecord[]): AppConfig {
  return { model_list: [...records], cacheBackend: CACHE_BACKEND };
}

function toEntry(
  record: ModelRecord,
  family: Family | null,
  quant: Quantization | null,
): CatalogEntry {
  const quantization = quant ?? /(q\d+f\d+(?:_\d+)?)/i.exec(record.model_id)?.[1] ?? 'unknown';
  const params = family?.paramsBillions ?? null;
  return {
    modelId: record.model_id,
    label: modelDisplayName(record.model_id),
    quantization,
    needsShaderF16: needsShaderF16(record),
    paramsBillions: params,
    downloadMBEstimate:
      params !== null && quant
        ? Math.round((params * 1e9 * BITS_PER_WEIGHT[quant]) / 8 / 1e6)
        : null,
    memoryMB: record.vram_required_MB !== undefined ? Math.round(record.vram_required_MB) : null,
    contextWindow: record.overrides?.context_window_size ?? null,
    lowResource: record.low_resource_required === true,
    thinking: family?.thinking === true,
    custom: false,
  };
}
