import { describe, expect, it } from 'vitest';
import { withMemoryStorage } from '../helpers/memory-storage';
import { EngineState } from '../../../src/ui/engine-state.svelte';
import type { CopaClient } from '../../../src/worker/client';

function engineWith(calls: number[]): EngineState {
  const client = {
    useStandIn: async (_seed: number, latencyMs: number) => {
      calls.push(latencyMs);
      return { kind: 'standin', modelId: 'standin:0', label: 'Stand-in' };
    },
  } as unknown as CopaClient;
  return new EngineState(client);
}

describe("the stand-in's simulated delay", () => {
  withMemoryStorage();

  it('is remembered across a reload, so a resumed run keeps its pace', async () => {
    const calls: number[] = [];
    const before = engineWith(calls);
    expect(before.standInLatencyMs).toBe(0);
    before.standInLatencyMs = 250;
    await before.useStandIn();
    // The page reloads: a new EngineState starts the stand-in with the same delay.
    const after = engineWith(calls);
    expect(after.standInLatencyMs).toBe(250);
    await after.useStandIn();
    expect(calls).toEqual([250, 250]);
  });

  it('refuses a delay outside 0–1000 ms beside its box (5000 was cut to 1000), and a damaged stored value is ignored', async () => {
    const calls: number[] = [];
    const engine = engineWith(calls);
    for (const [typed, words] of [
      [5000, 'Simulated delay per call must be a whole number from 0 to 1,000 ms, not 5000.'],
      [-1, 'Simulated delay per call must be a whole number from 0 to 1,000 ms, not -1.'],
      [1.5, 'Simulated delay per call must be a whole number from 0 to 1,000 ms, not 1.5.'],
      [Number.NaN, 'Simulated delay per call must be a whole number from 0 to 1,000 ms.'],
      [undefined, 'Simulated delay per call must be a whole number from 0 to 1,000 ms.'],
    ] as const) {
      engine.standInLatencyMs = typed;
      expect(engine.standInLatencyProblem).toBe(words);
      await engine.useStandIn();
    }
    expect(calls).toEqual([]);
    engine.standInLatencyMs = 1000;
    expect(engine.standInLatencyProblem).toBeNull();
    await engine.useStandIn();
    expect(calls).toEqual([1000]);
    globalThis.localStorage.setItem('copa-playground.standInLatencyMs', 'soon');
    expect(engineWith(calls).standInLatencyMs).toBe(0);
  });
});
