/**
 * TEST ONLY: a WebLLM runtime whose engines are SimulatedEngines, so the real worker path
 * (catalog, load, warm-up, runs through WebLLMModel) can be driven without a GPU or weights.
 * Unit tests build it directly; the browser tests reach it through the worker's test-only
 * switch (see worker/test-hooks.ts). Nothing in the app selects it otherwise.
 */
import type { AppConfig, ChatCompletionMessageParam, ModelRecord } from '@mlc-ai/web-llm';
import type { ChatEngine, WebLLMRuntime } from './chat-engine';
import { SimulatedEngine, type SimulatedEngineOptions } from './simulated-engine';

/** WebLLM's records for the catalog's two smallest models and its largest (sizes as in 0.2.86). */
const RECORDS: readonly ModelRecord[] = [
  record('SmolLM2-360M-Instruct-q4f16_1-MLC', 376, true),
  record('SmolLM2-360M-Instruct-q4f32_1-MLC', 580, true),
  record('Qwen2.5-0.5B-Instruct-q4f16_1-MLC', 945, true),
  record('Qwen2.5-0.5B-Instruct-q4f32_1-MLC', 1060, true),
  record('Phi-3.5-mini-instruct-q4f16_1-MLC', 3672, false),
  record('Phi-3.5-mini-instruct-q4f32_1-MLC', 5483, false),
];

/** A runtime of simulated engines; `engines` holds every engine it made, newest last. */
export class SimulatedRuntime implements WebLLMRuntime {
  readonly engines: SimulatedEngine[] = [];
  readonly prebuiltAppConfig: AppConfig = { model_list: [...RECORDS] };
  private readonly cached = new Set<string>();

  constructor(private readonly options: Partial<SimulatedEngineOptions> = {}) {}

  createEngine(config: Parameters<WebLLMRuntime['createEngine']>[0]): ChatEngine {
    const engine = new SimulatedEngine({ answer: smallModelAnswer, ...this.options });
    const cached = this.cached;
    const reload = engine.reload.bind(engine);
    // As WebLLM: progress reports while loading, and the model is cached afterwards.
    engine.reload = async (modelId: string): Promise<void> => {
      config.initProgressCallback?.({
        progress: 0.5,
        timeElapsed: 0,
        text: 'Loading model from cache[1/2]',
      });
      await reload(modelId);
      cached.add(modelId);
      config.initProgressCallback?.({
        progress: 1,
        timeElapsed: 0,
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
    model: `https://simulated.invalid/${model_id}`,
    model_id,
    model_lib: `https://simulated.invalid/${model_id}.wasm`,
    vram_required_MB: vram,
    low_resource_required: lowResource,
    ...(/f16/.test(model_id) ? { required_features: ['shader-f16'] } : {}),
    overrides: { context_window_size: 4096 },
  };
}
