/**
 * Which catalog models the GPU can hold. WebGPU does not report video memory, so the memory a
 * model may use is estimated from what the browser does report: the device's RAM
 * (`navigator.deviceMemory`, rounded down and capped at 8 GB by browsers; integrated GPUs share
 * it and browsers hand a WebGPU device about half) and, for a GPU whose storage buffers are
 * limited below 1 GB, the low-resource class WebLLM itself falls back to. A model whose
 * `vram_required_MB` (the catalog's memoryMB) exceeds the estimate is marked too large; with no
 * estimate nothing is marked, since refusing a model that fits would be worse than trying it.
 */
import type { Catalog, CatalogEntry } from './model-catalog';

/** What the browser tells about the GPU's memory. */
export interface GpuMemoryHints {
  /** `navigator.deviceMemory` in GB, when the browser exposes it. */
  deviceMemoryGB?: number | undefined;
  /** From the GPU probe: storage buffers under 1 GB. */
  lowResourceOnly?: boolean | undefined;
}

/** GPU memory a low-resource adapter is assumed to give (WebLLM's low-resource models fit). */
export const LOW_RESOURCE_BUDGET_MB = 2048;
/** Share of the device's RAM a browser lets a WebGPU device use. */
const SHARE_OF_DEVICE_MEMORY = 0.5;

/** The estimated memory, in MB, a model may use on this GPU; null when nothing is known. */
export function gpuMemoryBudgetMB(hints: GpuMemoryHints): number | null {
  const budgets: number[] = [];
  const gb = hints.deviceMemoryGB;
  if (typeof gb === 'number' && Number.isFinite(gb) && gb > 0)
    budgets.push(gb * 1024 * SHARE_OF_DEVICE_MEMORY);
  if (hints.lowResourceOnly) budgets.push(LOW_RESOURCE_BUDGET_MB);
  return budgets.length > 0 ? Math.min(...budgets) : null;
}

/** A catalog entry with whether it fits this GPU. */
export type FittedEntry = CatalogEntry & { tooLarge: boolean; fitNote: string | null };

/** Marks the entries whose required memory exceeds the budget ("too large for this GPU"). */
export function markTooLarge(
  entries: readonly CatalogEntry[],
  budgetMB: number | null,
): FittedEntry[] {
  return entries.map((e) => {
    const tooLarge = budgetMB !== null && e.memoryMB !== null && e.memoryMB > budgetMB;
    return {
      ...e,
      tooLarge,
      fitNote: tooLarge
        ? `Too large for this GPU: needs about ${Math.round(e.memoryMB ?? 0).toLocaleString('en')} MB of GPU ` +
          `memory, this device gives about ${Math.round(budgetMB ?? 0).toLocaleString('en')} MB.`
        : null,
    };
  });
}

/** The catalog as offered on this GPU: every entry marked, with the memory estimate used. */
export interface FittedCatalog extends Omit<Catalog, 'entries'> {
  entries: FittedEntry[];
  /** The estimated GPU memory a model may use here, in MB; null when unknown (nothing marked). */
  memoryBudgetMB: number | null;
}

/**
 * Marks a catalog's too-large models and moves the suggestion off one, to the largest model
 * known to fit (or else keeps it: a suggestion is still useful).
 */
export function fitCatalog(catalog: Catalog, budgetMB: number | null): FittedCatalog {
  const entries = markTooLarge(catalog.entries, budgetMB);
  const suggested = entries.find((e) => e.modelId === catalog.defaultModelId);
  const fitting = entries
    .filter((e) => !e.tooLarge && !e.custom && e.memoryMB !== null)
    .sort((a, b) => (b.memoryMB ?? 0) - (a.memoryMB ?? 0));
  const defaultModelId =
    suggested?.tooLarge && fitting[0] ? fitting[0].modelId : catalog.defaultModelId;
  return { ...catalog, entries, defaultModelId, memoryBudgetMB: budgetMB };
}
