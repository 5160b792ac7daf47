import { describe, expect, it } from 'vitest';
import { EngineState } from '../../../src/ui/engine-state.svelte';
import type { CopaClient } from '../../../src/worker/client';
import type { EngineStatus, LoadProgress } from '../../../src/worker/api';
import { unloadedWords } from '../../../src/ui/lib/unloaded-words';

/** An EngineState whose load reports half a download, then fails with `error`. */
function failingLoad(error: Error): EngineState {
  const client = {
    loadModel: async (_id: string, onProgress?: (p: LoadProgress) => void) => {
      onProgress?.({
        phase: 'downloading',
        percent: 50,
        bytes: 100 * 1024 * 1024,
        text: 'Fetching param cache[1/2]: 100MB fetched. 50% completed',
      });
      throw error;
    },
    engineStatus: async () => ({ kind: 'standin', modelId: 'standin:0', label: 'Stand-in' }),
    modelSpeed: async () => null,
    modelUsage: async () => null,
  } as unknown as CopaClient;
  const engine = new EngineState(client);
  engine.selectedModelId = 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC';
  return engine;
}

describe('a model load that does not finish', () => {
  it('a failed download leaves no half-full progress bar beside its error', async () => {
    const failure = Object.assign(new Error('The model files are unreachable.'), {
      name: 'ModelFilesUnreachableError',
    });
    const engine = failingLoad(failure);
    await engine.load();
    expect(engine.error?.name).toBe('ModelFilesUnreachableError');
    expect(engine.loading).toBe(false);
    expect(engine.progress).toBeNull();
    expect(engine.timeLeft).toBe('');
  });

  it('a load the user cancelled is not reported as an error', async () => {
    const cancelled = Object.assign(new Error('The operation was cancelled.'), {
      name: 'AbortError',
    });
    const engine = failingLoad(cancelled);
    await engine.load();
    expect(engine.error).toBeNull();
    expect(engine.progress).toBeNull();
  });
});

describe("the model's usage shown", () => {
  it("is the new engine's after a switch, not the calls and speeds of the one before", async () => {
    let current: string = 'webllm:a';
    const usageOf = (id: string) =>
      id === 'webllm:a'
        ? {
            calls: 500,
            promptTokens: 9000,
            completionTokens: 900,
            prefillTokensPerS: 300,
            decodeTokensPerS: 40,
          }
        : null;
    const client = {
      loadModel: async (id: string) => {
        current = `webllm:${id}`;
        return { kind: 'webllm', modelId: current, label: id };
      },
      useStandIn: async () => {
        current = 'standin:0';
        return { kind: 'standin', modelId: current, label: 'Stand-in' };
      },
      engineStatus: async () => ({ kind: 'webllm', modelId: current, label: current }),
      modelSpeed: async () => null,
      modelUsage: async () => usageOf(current),
    } as unknown as CopaClient;
    const engine = new EngineState(client);
    await engine.refreshUsage();
    expect(engine.usage?.calls).toBe(500);
    engine.selectedModelId = 'b';
    await engine.load();
    expect(engine.usage).toBeNull();
    current = 'webllm:a';
    await engine.refreshUsage();
    await engine.useStandIn();
    expect(engine.usage).toBeNull();
  });
});

describe('a failed load that was to replace a loaded real model', () => {
  /** An EngineState with `before` loaded whose next load fails, leaving `after` in the worker. */
  async function failedSwitch(after: EngineStatus): Promise<EngineState> {
    const client = {
      loadModel: async () => {
        throw Object.assign(new Error('The model files are unreachable.'), {
          name: 'ModelFilesUnreachableError',
        });
      },
      engineStatus: async () => after,
      modelSpeed: async () => null,
      modelUsage: async () => null,
    } as unknown as CopaClient;
    const engine = new EngineState(client);
    engine.status = { kind: 'webllm', modelId: 'webllm:a', label: 'Model A' };
    engine.selectedModelId = 'b';
    await engine.load();
    return engine;
  }

  it('says the model in use before is loaded again when the worker could load it again', async () => {
    const engine = await failedSwitch({ kind: 'webllm', modelId: 'webllm:a', label: 'Model A' });
    expect(engine.error?.name).toBe('ModelFilesUnreachableError');
    expect(engine.unloaded).toEqual({ label: 'Model A', wanted: 'b', loadedAgain: true });
    expect(unloadedWords(engine.unloaded!)).toBe(
      'Model A, the model in use before, is loaded again and answers.',
    );
  });

  it('says no model is loaded now, and which was unloaded, when it could not be', async () => {
    const engine = await failedSwitch({ kind: null, modelId: null, label: 'No model loaded' });
    expect(engine.unloaded).toEqual({ label: 'Model A', wanted: 'b', loadedAgain: false });
    expect(unloadedWords(engine.unloaded!)).toMatch(
      /^No model is loaded now: Model A was unloaded to make room for b .*Load it again, or use the stand-in\.$/,
    );
    // Optimize says it after "No model is loaded", in a clause.
    expect(unloadedWords(engine.unloaded!, 'short')).toBe(
      'Model A was unloaded to make room for b and could not be loaded again',
    );
    // Once the user chooses the stand-in, it is no longer said.
    engine.status = { kind: 'standin', modelId: 'stand-in-v2', label: 'Stand-in' };
    expect(engine.unloaded).toBeNull();
  });
});

describe("the catalog's downloaded marks", () => {
  it('come after the list, which does not wait for the cache to be searched', async () => {
    let answer: (ids: string[]) => void = () => undefined;
    const client = {
      catalog: async () => ({
        entries: [],
        defaultModelId: null,
        omitted: [],
        memoryBudgetMB: null,
      }),
      catalogDownloaded: () => new Promise<string[]>((resolve) => (answer = resolve)),
    } as unknown as CopaClient;
    const engine = new EngineState(client);
    engine.report = { usable: true } as EngineState['report'];
    await engine.loadCatalog();
    expect(engine.catalog).not.toBeNull();
    expect(engine.downloaded).toEqual([]);
    answer(['Qwen2.5-0.5B-Instruct-q4f16_1-MLC']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(engine.downloaded).toEqual(['Qwen2.5-0.5B-Instruct-q4f16_1-MLC']);
  });
});
