import { describe, expect, it } from 'vitest';
import { modelDisplayName, serverModelId, serverModelOf } from '../../../src/core/model-name';
import { buildCatalog } from '../../../src/engines/model-catalog';
import { LocalServerModel } from '../../../src/engines/openai-server/server-model';
import { SimulatedRuntime } from '../../../src/engines/webllm/simulated-runtime';
import { provenanceModelWords } from '../../../src/ui/library/program-origin-words';

describe("a model's name", () => {
  it('is the same from its WebLLM id, its LanguageModel id and a saved program’s provenance', () => {
    const id = 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC';
    expect(modelDisplayName(id)).toBe('Qwen2.5 0.5B Instruct (q4f16_1)');
    expect(modelDisplayName(`webllm:${id}`)).toBe('Qwen2.5 0.5B Instruct (q4f16_1)');
    expect(provenanceModelWords({ engine: 'webllm', modelId: id })).toBe(
      'Qwen2.5 0.5B Instruct (q4f16_1)',
    );
  });

  it('names every catalog model by its family (none by its raw id), and one added by address by its id', () => {
    const records = new SimulatedRuntime().prebuiltAppConfig;
    const catalog = buildCatalog(
      records,
      { shaderF16: true, lowResourceOnly: false, weak: false },
      [
        {
          model: 'https://x.test/',
          model_id: 'Mine-q4f16_1-MLC',
          model_lib: 'https://x.test/l.wasm',
        },
      ],
    );
    for (const entry of catalog.entries) {
      expect(entry.label).toBe(modelDisplayName(entry.modelId));
      if (!entry.custom) expect(entry.label).not.toBe(entry.modelId);
    }
    expect(modelDisplayName('Mine-q4f16_1-MLC')).toBe('Mine-q4f16_1-MLC');
    expect(modelDisplayName('Phi-3.5-mini-instruct-q4f32_1-MLC')).toBe(
      'Phi-3.5 mini Instruct (q4f32_1)',
    );
  });

  it("names a local server's model with its address, from the server model's id or a program's provenance", () => {
    const model = new LocalServerModel({ baseUrl: 'http://127.0.0.1:11434', model: 'llama3' });
    expect(model.id).toBe(serverModelId('http://127.0.0.1:11434', 'llama3'));
    expect(serverModelOf(model.id)).toEqual({ baseUrl: 'http://127.0.0.1:11434', model: 'llama3' });
    expect(modelDisplayName(model.id)).toBe('llama3 (local server at http://127.0.0.1:11434)');
    expect(
      provenanceModelWords({
        engine: 'local-server',
        modelId: 'llama3',
        serverUrl: 'http://127.0.0.1:11434',
      }),
    ).toBe('llama3 (local server at http://127.0.0.1:11434)');
    expect(provenanceModelWords({ engine: 'stand-in', modelId: 'stand-in-v2' })).toBe(
      'stand-in model',
    );
  });
});
