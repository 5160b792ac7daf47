import type { Catalog, CatalogEntry } from '../../worker/api';
import { megabytes } from './byte-size';

/**
 * What Optimize offers a stand-in user about real models: the suggested model to download and
 * use, or, when the catalog suggests none that fits this GPU, why not and what to do instead (a
 * button that loads nothing would only leave the user wondering). Null before the catalog is read.
 */
export type ModelOffer =
  | { kind: 'download'; entry: CatalogEntry }
  /** Why none is offered and what to do, as a sentence without its final stop. */
  | { kind: 'none'; reason: string };

/** The offer for this catalog (see ModelOffer). */
export function modelOffer(catalog: Catalog | null): ModelOffer | null {
  if (!catalog) return null;
  const suggested = catalog.entries.find((e) => e.modelId === catalog.defaultModelId) ?? null;
  if (suggested && !suggested.tooLarge) return { kind: 'download', entry: suggested };
  const instead =
    'Keep the stand-in, or on Model connect a local model server (Ollama, llama-server, LM ' +
    'Studio) that runs a model outside the browser';
  if (!suggested)
    return { kind: 'none', reason: `No model of the catalog runs on this GPU. ${instead}` };
  const budget = catalog.memoryBudgetMB;
  const gives = budget !== null ? ` (this device gives about ${megabytes(budget)})` : '';
  return {
    kind: 'none',
    reason:
      `No model of the catalog fits this GPU's memory${gives}. ${instead}, or try a model ` +
      'there anyway (it may fail to load)',
  };
}
