/**
 * TEST ONLY: a WebLLM runtime whose engines are SimulatedEngines, so the real worker path
 * (catalog, load, warm-up, runs through WebLLMModel) can be driven without a GPU or weights,
 * and the wrapper it is built on, which the unit tests' FakeEngine runtime uses too.
 * Unit tests build it directly; the browser tests reach it through the worker's test-only
 * switch (see worker/test-hooks.ts). Nothing in the app selects it otherwise.
 */
import type { AppConfig, ChatCompletionMessageParam, ModelRecord } from '@mlc-ai/web-llm';
import type { ChatEngine, WebLLMRuntime } from './chat-engine';
import { SimulatedEngine, type SimulatedEngineOptions } from './simulated-engine';

/** Where the simulated models' files are (never fetched). */
const SIMULATED_HOST = 'https://simulated.invalid/';

/**
 * WebLLM's records for the catalog's two smallest models, its thinking models and its largest
 * (sizes as in 0.2.86).
 */
const RECORDS: readonly ModelRecord[] = [
  record('SmolLM2-360M-Instruct-q4f16_1-MLC', 376, true),
  record('SmolLM2-360M-Instruct-q4f32_1-MLC', 580, true),
  record('Qwen2.5-0.5B-Instruct-q4f16_1-MLC', 945, true),
  record('Qwen2.5-0.5B-Instruct-q4f32_1-MLC', 1060, true),
  record('Qwen3-0.6B-q4f16_1-MLC', 1403, true),
  record('Qwen3-0.6B-q4f32_1-MLC', 1925, true),
  record('Qwen3-1.7B-q4f16_1-MLC', 2037, true),
  record('Qwen3-1.7B-q4f32_1-MLC', 2635, true),
  record('Phi-3.5-mini-instruct-q4f16_1-MLC', 3672, false),
  record('Phi-3.5-mini-instruct-q4f32_1-MLC', 5483, false),
];

/**
 * A WebLLM runtime around engines made by `make`: it reports loading progress as WebLLM does
 * (fetching a model the first time, reading it from the cache afterwards), remembers what it
 * loaded, and can be made to fail on reload. `engines` holds every engine it made, newest last.
 */
export class WrappedRuntime<E extends ChatEngine> implements WebLLMRuntime {
  readonly engines: E[] = [];
  readonly cached = new Set<string>();
  /** When set, every reload fails with it (a failed download, say) after its first report. */
  reloadError: Error | null = null;
  /** The error a reload of this model fails with (default: reloadError); null loads it. */
  reloadErrorFor: (modelId: string, record: ModelRecord | undefined) => Error | null = () =>
    this.reloadError;
  readonly prebuiltAppConfig: AppConfig;

  constructor(
    private readonly make: () => E,
    records: readonly ModelRecord[],
  ) {
    this.prebuiltAppConfig = { model_list: [...records] };
  }

  createEngine(config: Parameters<WebLLMRuntime['createEngine']>[0]): ChatEngine {
    const engine = this.make();
    const reload = engine.reload.bind(engine);
    engine.reload = async (modelId: string): Promise<void> => {
      config.initProgressCallback?.({
        progress: 0.5,
        timeElapsed: 1,
        text: this.cached.has(modelId)
          ? 'Loading model from cache[1/2]: 100MB loaded. 50% completed'
          : 'Fetching param cache[1/2]: 100MB fetched. 50% completed',
      });
      const failure = this.reloadErrorFor(
        modelId,
        config.appConfig.model_list.find((r) => r.model_id === modelId),
      );
      if (failure) throw failure;
      await reload(modelId);
      this.cached.add(modelId);
      config.initProgressCallback?.({
        progress: 1,
        timeElapsed: 2,
        text: 'Finish loading on simulated GPU',
      });
    };
    this.engines.push(engine);
    return engine;
  }

  async hasModelInCache(modelId: string): Promise<boolean> {
    return this.cached.has(modelId);
  }

  async deleteModelAllInfoInCache(modelId: string): Promise<void> {
    this.cached.delete(modelId);
  }
}

/**
 * A runtime of simulated engines that answer like a small model (see SimulatedEngine); the
 * Qwen3 models think before answering unless a request turns thinking off, as the real ones do
 * (see qwen3Thinks), those of the catalog and those added by address alike. A model added by
 * address whose files are not on the simulated host fails to load as WebLLM's download does
 * when its files cannot be fetched.
 */
export class SimulatedRuntime extends WrappedRuntime<SimulatedEngine> {
  constructor(options: Partial<SimulatedEngineOptions> = {}) {
    super(
      () =>
        new SimulatedEngine({
          answer: smallModelAnswer,
          thinks: qwen3Thinks,
          ...options,
        }),
      RECORDS,
    );
    this.reloadErrorFor = (_modelId, record) =>
      record && !record.model.startsWith(SIMULATED_HOST)
        ? new TypeError("Failed to execute 'add' on 'Cache': Request failed")
        : this.reloadError;
  }
}

/**
 * Which loaded models think, as Qwen3's do: its hybrid models (Qwen3-0.6B, Qwen3-4B …) think
 * unless asked not to; its Instruct-2507 releases never think, though their ids start alike.
 */
function qwen3Thinks(modelId: string | null): boolean {
  return modelId?.startsWith('Qwen3-') === true && !modelId.includes('-Instruct-2507');
}

/**
 * How the simulated small model decides: for a label field, the label the last input names
 * (else the first label); for a number, 0; for text, a fixed short sentence. Enough to drive
 * every path; it knows nothing of the tasks.
 */
export function smallModelAnswer(
  messages: readonly ChatCompletionMessageParam[],
): Record<string, string> {
  const system = textOf(messages[0]);
  const last = textOf(messages[messages.length - 1]).toLowerCase();
  const outputs = system.split('Your output fields are:')[1] ?? '';
  const answer: Record<string, string> = {};
  for (const m of outputs.matchAll(/^\d+\. `([^`]+)` \(([^)]*)\)/gm)) {
    const [, name = '', tag = ''] = m;
    if (tag.startsWith('one of: ')) {
      const labels = tag.slice('one of: '.length).split(/;\s*/);
      answer[name] = labels.find((l) => last.includes(l.toLowerCase())) ?? labels[0] ?? '';
    } else if (/number|int|float/.test(tag)) answer[name] = '0';
    else answer[name] = 'Answer the question carefully and briefly.';
  }
  return answer;
}

function textOf(message: ChatCompletionMessageParam | undefined): string {
  return typeof message?.content === 'string' ? message.content : '';
}

function record(model_id: string, vram: number, lowResource: boolean): ModelRecord {
  return {
    model: `${SIMULATED_HOST}${model_id}`,
    model_id,
    model_lib: `${SIMULATED_HOST}${model_id}.wasm`,
    vram_required_MB: vram,
    low_resource_required: lowResource,
    ...(/f16/.test(model_id) ? { required_features: ['shader-f16'] } : {}),
    overrides: { context_window_size: 4096 },
  };
}
